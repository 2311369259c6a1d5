import Foundation
@testable import ForcePrompt
import Render
import Testing

func maxDifference(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let d = a - b
    return max(abs(d.x), abs(d.y), abs(d.z))
}

@Suite struct BallShadingTests {
    @Test func panelsAreThoseOfATruncatedIcosahedron() {
        let panels = BallShading.panels
        #expect(panels.count == 32)
        // Sample the sphere: every direction belongs to one panel, pentagons cover about 28 % of it.
        var pentagon = 0, total = 0
        for i in 0..<4000 {
            let z = 1 - 2 * (Double(i) + 0.5) / 4000
            let a = Double(i) * 2.399963229728653
            let n = SIMD3((1 - z * z).squareRoot() * cos(a), (1 - z * z).squareRoot() * sin(a), z)
            let best = panels.indices.max { dot(n, panels[$0]) < dot(n, panels[$1]) }!
            if best < 12 { pentagon += 1 }
            total += 1
        }
        let share = Double(pentagon) / Double(total)
        #expect(share > 0.24 && share < 0.32, "pentagon share \(share)")
    }

    @Test func hsvNodeMatchesBlender() {
        let red = SIMD3<Double>(0.8, 0.1, 0.1)
        let same = BallShading.hsvAdjust(red, hue: 0.5, saturation: 1, value: 1)
        #expect(maxDifference(same, red) < 1e-12)
        // Hue +1/3 turns red into green.
        let green = BallShading.hsvAdjust(red, hue: 0.5 + 1.0 / 3, saturation: 1, value: 1)
        #expect(maxDifference(green, SIMD3(0.1, 0.8, 0.1)) < 1e-9)
        // Grey does not change hue; value scales.
        let grey = BallShading.hsvAdjust(SIMD3(0.5, 0.5, 0.5), hue: 0.9, saturation: 1.1, value: 0.9)
        #expect(maxDifference(grey, SIMD3(0.45, 0.45, 0.45)) < 1e-12)
    }

    @Test func sunDirectionOfTheReferenceLamp() {
        let d = Scene.sunDirection(blenderRotation: SIMD3(5, 0, 45) * .pi / 180)
        #expect(abs(d.x - sin(5 * .pi / 180) * sin(.pi / 4)) < 1e-12)
        #expect(abs(d.y + sin(5 * .pi / 180) * cos(.pi / 4)) < 1e-12)
        #expect(abs(d.z - cos(5 * .pi / 180)) < 1e-12)
    }
}
