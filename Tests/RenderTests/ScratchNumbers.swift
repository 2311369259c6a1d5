import Foundation
import LoomCore
@testable import Render
import Testing

func cpuNow() -> Double { var t = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }

@Test func scratchNumbers() throws {
    guard ProcessInfo.processInfo.environment["SCRATCH_NUMBERS"] != nil else { return }
    var out = [UInt8](repeating: 0, count: 3)
    out.withUnsafeMutableBufferPointer { ToneMap().write(SIMD4(0.18, 0.18, 0.18, 0), to: $0.baseAddress!) }
    print("grey 0.18 ->", out)
    var times: [Double] = []
    for name in GroundMaterial.proceduralNames {
        let t = cpuNow()
        let m = GroundMaterial.generate(ProceduralGround.recipes.first { $0.name == name }!.recipe, size: 1024, seed: 1)
        times.append(cpuNow() - t)
        print(name, String(format: "%.3f %.3f %.3f  %.2fs", m.meanAlbedo.x, m.meanAlbedo.y, m.meanAlbedo.z, times.last!))
    }
    print("generate min/max", times.min()!, times.max()!)
    var pent = 0
    let total = 200000
    for i in 0..<total {
        let z = 1 - 2 * (Double(i) + 0.5) / Double(total)
        let a = Double(i) * 2.399963229728653
        let n = SIMD3((1 - z * z).squareRoot() * cos(a), (1 - z * z).squareRoot() * sin(a), z)
        let best = BallShading.panels.indices.max { dot(n, BallShading.panels[$0]) < dot(n, BallShading.panels[$1]) }!
        if best < 12 { pent += 1 }
    }
    print("pentagon share", Double(pent) / Double(total))
    // zoom 0.6, four balls: per-frame CPU
    let camera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10) * 0.4, rotation: SIMD3(45, 0, 180) * .pi / 180, width: 720, height: 480)
    let balls = [
        Ball(center: SIMD3(0, 0, -0.2827), radius: 0.55, orientation: SIMD4(0.2, 0.3, 0.1, 0.9), material: .soccer(hue: 0.5, saturation: 1, value: 1), id: 0),
        Ball(center: SIMD3(2, 1, -0.2827), radius: 0.55, material: .bowling(color: SIMD3(0.002, 0.002, 0.002)), id: 1),
        Ball(center: SIMD3(-2.5, -2, -0.2827), radius: 0.55, material: .bowling(color: SIMD3(0.5, 0.05, 0.02)), id: 2),
        Ball(center: SIMD3(-1.5, 3, -0.2827), radius: 0.55, orientation: SIMD4(0.7, 0, 0, 0.7), material: .soccer(hue: 1.1, saturation: 1, value: 1), id: 3),
    ]
    for name in ["grass", "gravel", "tiles"] {
        var scene = Scene(camera: camera, ground: try GroundMaterial.procedural(name), sunStrength: 8, balls: balls)
        let r = Renderer(width: 720, height: 480)
        var t = cpuNow()
        _ = r.render(scene)
        let first = cpuNow() - t
        t = cpuNow()
        for k in 0..<20 { scene.balls[0].center.x = Double(k) * 0.05; _ = r.render(scene) }
        print(name, "zoom 0.6 four balls: first", first, "frame", (cpuNow() - t) / 20)
    }
}
