import Foundation
import LoomCore
import Testing
import TestSupport
@testable import ForcePrompt

@Test func theBlobMovesFromThePokeAlongTheForce() {
    let control = PointControl(angle: 30, force: 0.5, coordx: 200, coordy: 100)
    // Start: x = 200, row = 480 − 100; travel 90 + 270·0.5 = 225 px toward 30°.
    #expect(control.start == SIMD2(200, 380))
    #expect(control.travel == 225)
    let end = control.centre(frame: 48)
    #expect(abs(end.x - (200 + 225 * cos(Double.pi / 6))) < 1e-9)
    #expect(abs(end.y - (380 - 225 * sin(Double.pi / 6))) < 1e-9)
    let middle = control.centre(frame: 24)
    #expect(abs(middle.x - (control.start.x + end.x) / 2) < 1e-9)
    // Values: exp(−d²/(2·20²)) at integer pixel positions, peak 1 at the centre.
    let frame = control.frame(0)
    #expect(frame.count == 480 * 720)
    #expect(frame[380 * 720 + 200] == 1)
    for (i, j) in [(210, 380), (200, 400), (230, 350), (500, 10)] {
        let d2 = Double((i - 200) * (i - 200) + (j - 380) * (j - 380))
        #expect(abs(Double(frame[j * 720 + i]) - exp(-d2 / 800)) < 1e-6)
    }
}

@Test func theNpyFileHasTheTrainersShape() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-control-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("control.npy")
    let control = PointControl(angle: 135, force: 1, coordx: 360, coordy: 240)
    try control.writeNpy(to: url)
    let array = try Npy.read(url)
    #expect(array.shape == [49, 3, 480, 720])
    #expect(array.descr == "<f4")
    let values: [Float] = try array.values()
    let plane = 480 * 720
    // Frame 20, channel 2 equals frame 20 computed directly; the blob's peak is where it should be.
    let map = control.frame(20)
    #expect(Array(values[(20 * 3 + 2) * plane..<(20 * 3 + 3) * plane]) == map)
    let peak = map.indices.max { map[$0] < map[$1] }!
    let c = control.centre(frame: 20)
    #expect(abs(Double(peak % 720) - c.x) <= 0.5 && abs(Double(peak / 720) - c.y) <= 0.5)
}

@Test func numpyReadsTheControlAsTheTrainerBuildsIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-control-np-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("control.npy")
    try PointControl(angle: 200, force: 0.3, coordx: 500, coordy: 300).writeNpy(to: url)
    // The trainer's construction, written out in numpy (reference §5.2), on frames 0, 24 and 48.
    let result = folder.appendingPathComponent("error.txt")
    #expect(TestSupport.runPython("""
        import math, numpy as np
        a = np.load('\(url.path)')
        assert a.shape == (49, 3, 480, 720) and a.dtype == np.float32
        H, W = 480, 720
        x0, y0 = 500 / 720 * W, (1 - 300 / 480) * H
        d = W / 8 + (W / 2 - W / 8) * 0.3
        x1, y1 = x0 + d * math.cos(math.radians(200)), y0 - d * math.sin(math.radians(200))
        yy, xx = np.meshgrid(np.arange(H), np.arange(W), indexing='ij')
        err = 0.0
        for k in (0, 24, 48):
            t = k / 48
            cx, cy = x0 * (1 - t) + x1 * t, y0 * (1 - t) + y1 * t
            g = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * 20 ** 2))
            err = max(err, float(np.abs(a[k] - g[None]).max()))
        open('\(result.path)', 'w').write(str(err))
        """).succeeded)
    let error = try #require(Double(try String(contentsOf: result, encoding: .utf8)))
    #expect(error < 1e-6)
}
