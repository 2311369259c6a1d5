import Foundation
import LoomCore
@testable import Render
import Testing

@Test func scratchFigures() throws {
    guard let folder = ProcessInfo.processInfo.environment["SCRATCH_FIGURES"] else { return }
    let zoom = 0.3
    let camera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10) * (1 - zoom), rotation: SIMD3(45, 0, 180) * .pi / 180, width: 720, height: 480)
    let renderer = Renderer(width: 720, height: 480)
    let angle = 0.8
    let balls = [
        Ball(center: SIMD3(0.7, 0, -0.2827), radius: 0.55, orientation: SIMD4(sin(angle / 2) * 0.6, sin(angle / 2) * 0.8, 0, cos(angle / 2)),
             material: .soccer(hue: 0.95, saturation: 1, value: 1), id: 0),
        Ball(center: SIMD3(-0.9, 0.4, -0.2827), radius: 0.55, material: .bowling(color: SIMD3(0.004, 0.004, 0.004)), id: 1),
    ]
    for name in GroundMaterial.proceduralNames {
        let scene = Scene(camera: camera, ground: try GroundMaterial.procedural(name), sunStrength: 8, balls: balls)
        writePPM(renderer.render(scene), "\(folder)/\(name).ppm")
    }
    // A sequence for the rotation figure.
    let ground = try GroundMaterial.procedural("grass")
    for (k, distance) in [0.0, 0.4, 0.8, 1.2].enumerated() {
        let a = distance / 0.55
        let ball = Ball(center: SIMD3(-distance, 0, -0.2827), radius: 0.55, orientation: SIMD4(0, -sin(a / 2), 0, cos(a / 2)),
                        material: .soccer(hue: 1.1, saturation: 1, value: 1), id: 0)
        let scene = Scene(camera: camera, ground: ground, sunStrength: 8, balls: [ball])
        var depth: [Float] = [], segmentation: [UInt8] = []
        writePPM(renderer.render(scene, depth: &depth, segmentation: &segmentation), "\(folder)/roll-\(k).ppm")
        if k == 0 {
            var seg = RGBImage(width: 720, height: 480)
            var dep = RGBImage(width: 720, height: 480)
            let finite = depth.filter { $0.isFinite }
            let lo = finite.min()!, hi = finite.max()!
            for i in 0..<(720 * 480) {
                let v = segmentation[i] == 0 ? UInt8(40) : UInt8(230)
                seg.pixels[i * 3] = v; seg.pixels[i * 3 + 1] = v; seg.pixels[i * 3 + 2] = segmentation[i] == 0 ? 40 : 60
                let d = UInt8(255 * (1 - (depth[i] - lo) / (hi - lo)))
                dep.pixels[i * 3] = d; dep.pixels[i * 3 + 1] = d; dep.pixels[i * 3 + 2] = d
            }
            writePPM(seg, "\(folder)/segmentation.ppm")
            writePPM(dep, "\(folder)/depth.ppm")
        }
    }
}
