import Foundation
import LoomCore
@testable import Render
import Testing

func writePPM(_ image: RGBImage, _ path: String) {
    var data = Data("P6\n\(image.width) \(image.height)\n255\n".utf8)
    data.append(contentsOf: image.pixels)
    try! data.write(to: URL(fileURLWithPath: path))
}

@Test func scratchPreview() throws {
    guard let env = ProcessInfo.processInfo.environment["SCRATCH_GROUNDS"] else { return }
    let names = env == "all" ? GroundMaterial.proceduralNames.joined(separator: ",") : env
    let zoom = Double(ProcessInfo.processInfo.environment["SCRATCH_ZOOM"] ?? "0") ?? 0
    let camera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10) * (1 - zoom), rotation: SIMD3(45, 0, 180) * .pi / 180, width: 720, height: 480)
    for name in names.split(separator: ",") {
        let t0 = Date()
        let ground = try GroundMaterial.procedural(String(name))
        let t1 = Date()
        let balls = [
            Ball(center: SIMD3(0, 0, -0.2827), radius: 0.55, orientation: SIMD4(0.2, 0.3, 0.1, 0.9), material: .soccer(hue: 0.5, saturation: 1, value: 1), id: 0),
            Ball(center: SIMD3(2, 1, -0.2827), radius: 0.55, material: .bowling(color: SIMD3(0.002, 0.002, 0.002)), id: 1),
            Ball(center: SIMD3(-2.5, -2, -0.2827), radius: 0.55, material: .bowling(color: SIMD3(0.5, 0.05, 0.02)), id: 2),
            Ball(center: SIMD3(-1.5, 3, -0.2827), radius: 0.55, orientation: SIMD4(0.7, 0, 0, 0.7), material: .soccer(hue: 1.1, saturation: 1, value: 1), id: 3),
        ]
        let scene = Scene(camera: camera, ground: ground, sunStrength: 8, balls: balls)
        let renderer = Renderer(width: 720, height: 480)
        let t2 = Date()
        let image = renderer.render(scene)
        let t3 = Date()
        var moved = scene
        moved.balls[0].center.x += 0.1
        var total = 0.0
        for _ in 0..<10 {
            let t = Date()
            _ = renderer.render(moved)
            total += Date().timeIntervalSince(t)
        }
        print("\(name): generate \(t1.timeIntervalSince(t0)) s, first render \(t3.timeIntervalSince(t2)) s, frame \(total / 10) s")
        writePPM(image, "/tmp/preview-\(name)\(zoom > 0 ? "-zoom" : "").ppm")
    }
}
