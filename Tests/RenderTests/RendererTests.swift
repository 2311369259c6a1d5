import Foundation
import LoomCore
@testable import Render
import Testing

@Suite struct RendererTests {
    static let grass = try! GroundMaterial.procedural("grass", size: 256)
    static let restZ = -0.2827

    /// Force Prompting's Blender scene (ForcePrompt.BallScene's values; the engine keeps none) with one sun of strength 4.
    func scene(_ balls: [Ball], ground: GroundMaterial = RendererTests.grass) -> Scene {
        Scene(camera: referenceCamera, groundHeight: -0.8539, ground: ground, groundSize: 40, groundTiling: 5,
              sunDirection: Scene.sunDirection(blenderRotation: SIMD3(5, 0, 45) * .pi / 180), sunStrength: 4, ambient: 0.051, balls: balls)
    }

    func pixel(_ image: RGBImage, _ p: SIMD2<Double>) -> SIMD3<Double> {
        let px = image[Int(p.x), Int(p.y)]
        return SIMD3(Double(px.r), Double(px.g), Double(px.b))
    }

    /// Mean RGB over a (2k+1)² block.
    func block(_ image: RGBImage, _ p: SIMD2<Double>, _ k: Int = 2) -> SIMD3<Double> {
        var sum = SIMD3<Double>.zero
        for dy in -k...k {
            for dx in -k...k { sum += pixel(image, p + SIMD2(Double(dx), Double(dy))) }
        }
        return sum / Double((2 * k + 1) * (2 * k + 1))
    }

    @Test func ballCentreIsBallColouredAndFarGroundIsGround() throws {
        let red = Ball(center: SIMD3(1, -1, Self.restZ), radius: 0.55, material: .glossy(SIMD3(0.6, 0.02, 0.02)))
        let renderer = Renderer(width: 720, height: 480)
        var depth: [Float] = [], segmentation: [UInt8] = []
        let image = renderer.render(scene([red]), depth: &depth, segmentation: &segmentation)
        let empty = Renderer(width: 720, height: 480).render(scene([]))
        let centre = try #require(referenceCamera.project(red.center))
        let c = block(image, centre)
        #expect(c.x > 2 * c.y && c.x > 2 * c.z, "ball centre is \(c)")
        // Grass far from the ball: green, and exactly the ball-free render.
        let far = SIMD2<Double>(60, 40)
        let g = pixel(image, far)
        #expect(g.y > g.x && g.y > g.z, "ground is \(g)")
        #expect(image[60, 40] == empty[60, 40])
        let ci = Int(centre.y) * 720 + Int(centre.x)
        #expect(segmentation[ci] == 1)
        #expect(segmentation[40 * 720 + 60] == 0)
        // Depth at the ball's centre pixel: its front surface, a radius nearer than its centre (±2 cm).
        let axisDistance = -dot(red.center - referenceCamera.location, referenceCamera.axes.back)
        #expect(abs(Double(depth[ci]) - (axisDistance - 0.55)) < 0.05)
        #expect(depth[40 * 720 + 60] > depth[ci])
    }

    @Test func shadowIsDarkerThanLitGroundBesideIt() throws {
        // A ball held 1.5 m above the ground casts its shadow away from itself.
        let sun = normalize(SIMD3<Double>(0.3, -0.5, 0.8))
        let ball = Ball(center: SIMD3(0, 0, 1.5), radius: 0.55, material: .glossy(SIMD3(0.1, 0.1, 0.6)))
        var s = scene([ball])
        s.sunDirection = sun
        let image = Renderer(width: 720, height: 480).render(s)
        let shadowCentre = ball.center - sun * ((ball.center.z - s.groundHeight) / sun.z)
        let inShadow = try #require(referenceCamera.project(shadowCentre))
        let beside = try #require(referenceCamera.project(shadowCentre + SIMD3(1.6, 0, 0)))
        let dark = block(image, inShadow).sum(), lit = block(image, beside).sum()
        #expect(dark < 0.6 * lit, "shadow \(dark) vs lit \(lit)")
        // Without the ball the same spot is lit.
        var empty = s
        empty.balls = []
        let bare = Renderer(width: 720, height: 480).render(empty)
        #expect(block(bare, inShadow).sum() > 0.8 * lit)
    }

    @Test func rotatingATexturedBallChangesItsPixels() throws {
        let upright = Ball(center: SIMD3(0, 0, Self.restZ), radius: 0.55, material: .octants)
        var turned = upright
        let angle = 0.6
        turned.orientation = SIMD4(sin(angle / 2), 0, 0, cos(angle / 2))
        let renderer = Renderer(width: 720, height: 480)
        let a = renderer.render(scene([upright])), b = renderer.render(scene([turned]))
        let centre = try #require(referenceCamera.project(upright.center))
        var changed = 0, total = 0
        for y in Int(centre.y) - 15...Int(centre.y) + 15 {
            for x in Int(centre.x) - 15...Int(centre.x) + 15 {
                total += 1
                let p = a[x, y], q = b[x, y]
                if abs(Int(p.r) - Int(q.r)) + abs(Int(p.g) - Int(q.g)) + abs(Int(p.b) - Int(q.b)) > 30 { changed += 1 }
            }
        }
        #expect(changed > total / 5, "\(changed) of \(total) pixels changed")
        #expect(a[50, 50] == b[50, 50])
    }

    @Test func cachedGroundIsRestoredBetweenFrames() {
        let ball = Ball(center: SIMD3(0, 0, Self.restZ), radius: 0.55, material: .octants)
        var moved = ball
        moved.center.x += 2
        let reused = Renderer(width: 720, height: 480)
        var depth: [Float] = [], segmentation: [UInt8] = []
        _ = reused.render(scene([moved]), depth: &depth, segmentation: &segmentation)
        let second = reused.render(scene([ball]), depth: &depth, segmentation: &segmentation)
        var freshDepth: [Float] = [], freshSegmentation: [UInt8] = []
        let fresh = Renderer(width: 720, height: 480).render(scene([ball]), depth: &freshDepth, segmentation: &freshSegmentation)
        #expect(second == fresh)
        #expect(depth == freshDepth, "depth buffer not restored")
        #expect(segmentation == freshSegmentation, "segmentation buffer not restored")
    }

    @Test func spansCoverEveryChangedPixel() {
        // Balls resting, raised, near the camera, and a low sun: the per-row spans must give exactly
        // the image that shading every pixel gives.
        let balls = [Ball(center: SIMD3(-1, 1, Self.restZ), radius: 0.55, material: .octants),
                     Ball(center: SIMD3(2, -1, 0.6), radius: 0.55, material: .glossy(SIMD3(0.01, 0.01, 0.01))),
                     Ball(center: SIMD3(0.5, 6.5, 0.2), radius: 0.55, material: .glossy(SIMD3(0.5, 0.3, 0.01)))]
        for sun in [SIMD3<Double>(0.0616, -0.0616, 0.996), normalize(SIMD3(0.7, 0.4, 0.35))] {
            var s = scene(balls)
            s.sunDirection = sun
            let fast = Renderer(width: 720, height: 480)
            let full = Renderer(width: 720, height: 480)
            full.shadesEveryPixel = true
            var depthA: [Float] = [], depthB: [Float] = [], segmentationA: [UInt8] = [], segmentationB: [UInt8] = []
            let a = fast.render(s, depth: &depthA, segmentation: &segmentationA)
            let b = full.render(s, depth: &depthB, segmentation: &segmentationB)
            var differing: [(Int, Int)] = []
            for i in 0..<(720 * 480) where a.pixels[i * 3..<i * 3 + 3] != b.pixels[i * 3..<i * 3 + 3] {
                differing.append((i % 720, i / 720))
            }
            #expect(differing.isEmpty, "\(differing.count) pixels differ, first \(differing.prefix(5))")
            #expect(depthA == depthB, "depth differs")
            #expect(segmentationA == segmentationB, "segmentation differs")
        }
    }

    @Test func sameSceneGivesSameImage() {
        let balls = [Ball(center: SIMD3(-1, 1, Self.restZ), radius: 0.55, orientation: SIMD4(0.1, 0.2, 0.3, 0.927),
                          material: .octants),
                     Ball(center: SIMD3(2, -1, Self.restZ), radius: 0.55, material: .glossy(SIMD3(0.01, 0.01, 0.01)))]
        let a = Renderer(width: 720, height: 480).render(scene(balls))
        let b = Renderer(width: 720, height: 480).render(scene(balls))
        #expect(a == b)
    }

    @Test func glossyBallHasAHighlight() throws {
        let black = Ball(center: SIMD3(0, 0, Self.restZ), radius: 0.55, material: .glossy(SIMD3(0.005, 0.005, 0.005)))
        let image = Renderer(width: 720, height: 480).render(scene([black]))
        let centre = try #require(referenceCamera.project(black.center))
        var brightest = 0.0, body = 0.0
        for y in Int(centre.y) - 25...Int(centre.y) + 25 {
            for x in Int(centre.x) - 25...Int(centre.x) + 25 { brightest = max(brightest, pixel(image, SIMD2(Double(x), Double(y))).sum()) }
        }
        body = block(image, centre + SIMD2(0, 10)).sum()
        #expect(brightest > 600, "brightest \(brightest)")
        #expect(body < 150, "body \(body)")
    }

    @Test func silhouettesAreAntiAliased() throws {
        // Along a row through the ball, the step from ground to ball passes through intermediate values.
        let white = Ball(center: SIMD3(0, 0, Self.restZ), radius: 0.55, material: .glossy(SIMD3(0.9, 0.9, 0.9)))
        var s = scene([white])
        s.ground = try GroundMaterial.procedural("asphalt", size: 256)
        let sharp = Renderer(width: 720, height: 480, samplesPerPixel: 1).render(s)
        let smooth = Renderer(width: 720, height: 480, samplesPerPixel: 8).render(s)
        #expect(sharp != smooth)
    }

    @Test func ballsOffScreenBehindOrInvalidDrawNothing() {
        let empty = Renderer(width: 360, height: 240).render(scene([]))
        let odd = [Ball(center: SIMD3(0, 30, 12), radius: 0.55, material: .glossy(SIMD3(1, 0, 0))),   // behind the camera
                   Ball(center: SIMD3(.nan, 0, 0), radius: 0.55, material: .glossy(SIMD3(1, 0, 0))),  // a blown-up simulation
                   Ball(center: SIMD3(0, 0, -1.5), radius: 0.55, material: .glossy(SIMD3(1, 0, 0)))]   // under the ground
        #expect(Renderer(width: 360, height: 240).render(scene(odd)) == empty)
    }

    @Test func rendersAtTheRenderersSize() {
        let image = Renderer(width: 360, height: 240).render(scene([]))
        #expect(image.width == 360 && image.height == 240)
    }
}

/// A textured material for the renderer's own tests: red and white octants (matte, roughness 0.45),
/// so a turned ball shows other pixels.
struct OctantAlbedo: SphereAlbedo {
    func albedo(at n: SIMD3<Double>, footprint: Double) -> SIMD3<Double> {
        n.x * n.y * n.z > 0 ? SIMD3(0.55, 0.03, 0.03) : SIMD3(0.8, 0.8, 0.78)
    }
}

extension SphereMaterial {
    static let octants = SphereMaterial(albedo: OctantAlbedo(), roughness: 0.45, reflects: false)
}
