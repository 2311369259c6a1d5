import Foundation
@testable import Render
import Testing

/// The reference camera of the rolling-balls scene: (0, 10, 10), rotated (45°, 0, 180°), 33.441 mm.
let referenceCamera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10), rotation: SIMD3(45, 0, 180) * .pi / 180,
                             width: 720, height: 480)

@Suite struct CameraTests {
    @Test func originLandsOnTheImageCentre() throws {
        let p = try #require(referenceCamera.project(SIMD3(0, 0, 0)))
        #expect(abs(p.x - 360) < 1e-9 && abs(p.y - 240) < 1e-9)
    }

    @Test func referenceFieldOfView() {
        #expect(abs(referenceCamera.focalPixels - 668.82) < 0.01)
        let hfov = 2 * atan(360 / referenceCamera.focalPixels) * 180 / .pi
        #expect(abs(hfov - 56.6) < 0.1)
    }

    @Test func worldAxesLandWhereExpected() throws {
        // The camera looks along −Y, so world +X is to the left of the image and +Z is up.
        let distance = 200.0.squareRoot()
        let x = try #require(referenceCamera.project(SIMD3(1, 0, 0)))
        #expect(abs(x.x - (360 - referenceCamera.focalPixels / distance)) < 1e-9)
        #expect(abs(x.y - 240) < 1e-9)
        let z = try #require(referenceCamera.project(SIMD3(0, 0, 1)))
        #expect(abs(z.x - 360) < 1e-9 && z.y < 240)
        // A point on the optical axis behind the camera does not project.
        #expect(referenceCamera.project(SIMD3(0, 20, 20)) == nil)
    }

    @Test func raysProjectBackToTheirPixel() throws {
        for (px, py) in [(0.0, 0.0), (719.5, 12.25), (100.0, 400.0), (360.0, 479.0)] {
            let ray = referenceCamera.ray(x: px, y: py)
            let point = ray.origin + 7.5 * ray.direction
            let p = try #require(referenceCamera.project(point))
            #expect(abs(p.x - px) < 1e-9 && abs(p.y - py) < 1e-9)
        }
    }
}
