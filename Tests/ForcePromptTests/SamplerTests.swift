import Foundation
import LoomCore
import Testing
@testable import ForcePrompt
import Render

private let sampler = BallClipSampler(forceRange: 8...64, grounds: ["grass", "sand", "snow"])

private func inQuad(_ p: SIMD2<Double>, zoom: Double) -> Bool {
    // The quad is a trapezoid: y between the two edges, |x| within the width at that y.
    let c = BallScene.spawnCorners(zoom: zoom)
    let t = (p.y - c[0].y) / (c[3].y - c[0].y)
    let halfWidth = c[1].x + t * (c[2].x - c[1].x)
    return t >= -1e-9 && t <= 1 + 1e-9 && abs(p.x) <= halfWidth + 1e-9
}

@Test func drawsFollowTheOriginalsRandomisation() {
    var bowling = 0, bowlingDistractors = 0, counts = [0, 0, 0, 0]
    let n = 3000
    for i in 0..<n {
        var random = RandomStream(seed: 7, dataset: "test/sampler", index: i)
        let clip = sampler.draw(&random)
        if clip.kind == .bowling { bowling += 1 }
        #expect((8..<64).contains(clip.strength))
        #expect((0..<360).contains(clip.fieldAngle))
        #expect((0..<0.6).contains(clip.zoom))
        #expect(inQuad(SIMD2(clip.ball.x, clip.ball.y), zoom: clip.zoom))
        counts[clip.distractors.count] += 1
        let ball = SIMD2(clip.ball.x, clip.ball.y)
        let phi = clip.fieldAngle * Double.pi / 180
        let toField = SIMD2(cos(phi), sin(phi))
        for (j, d) in clip.distractors.enumerated() {
            let p = SIMD2(d.x, d.y)
            #expect(inQuad(p, zoom: clip.zoom))
            #expect(length(p - ball) >= 2)
            let along = ((p - ball) * toField).sum()
            if along < 0 { #expect(length(p - ball - along * toField) >= 1.5, "distractor in the rolling tube") }
            for e in clip.distractors[..<j] { #expect(length(p - SIMD2(e.x, e.y)) >= 1) }
            if d.look.kind == .bowling { bowlingDistractors += 1 }
        }
        #expect(clip.distractors.filter { $0.look.kind == .bowling }.count <= 1)
    }
    // p = 0.333 bowling; 20 % of clips have one bowling distractor; counts 1-3 nearly uniform
    // (a few distractors find no spot). Tolerances: about 4 standard errors.
    #expect(abs(Double(bowling) / Double(n) - 0.333) < 0.035)
    #expect(abs(Double(bowlingDistractors) / Double(n) - 0.2) < 0.03)
    #expect(counts[0] == 0)
    for k in 1...3 { #expect(abs(Double(counts[k]) / Double(n) - 1.0 / 3) < 0.04, "count \(k): \(counts[k])") }
}

@Test func aStreamGivesTheSameClipEveryTime() {
    var a = RandomStream(seed: 3, dataset: "test/sampler", index: 5)
    var b = RandomStream(seed: 3, dataset: "test/sampler", index: 5)
    var c = RandomStream(seed: 4, dataset: "test/sampler", index: 5)
    let clip = sampler.draw(&a)
    #expect(clip == sampler.draw(&b))
    #expect(clip != sampler.draw(&c))
}

@Test func bowlingColoursAreBlackAboutHalfTheTime() {
    var black = 0
    let n = 4000
    var random = RandomStream(seed: 1, dataset: "test/colours", index: 0)
    for _ in 0..<n where BallClipSampler.look(.bowling, &random).colorName == "jet black" { black += 1 }
    // 49 of the 97 entries are jet black.
    #expect(abs(Double(black) / Double(n) - 49.0 / 97) < 0.03)
}

@Test func captionsCarryTheKeywords() {
    for ground in ["grass_meadow", "asphalt_worn", "snow_fresh", "planks_oak", "my_photo_2", "x"] {
        let soccer = BallCaptions.caption(ground: ground, kind: .soccer).lowercased()
        let bowling = BallCaptions.caption(ground: ground, kind: .bowling).lowercased()
        #expect(soccer.contains("ball") && soccer.contains("roll"), "\(soccer)")
        #expect(bowling.contains("heavy bowling ball") && bowling.contains("roll"), "\(bowling)")
        #expect(soccer == BallCaptions.caption(ground: ground, kind: .soccer).lowercased())
    }
    #expect(BallCaptions.caption(ground: "grass_meadow", kind: .soccer).contains("grass"))
}

@Test func cameraMatchesTheBlenderScene() {
    let camera = BallScene.camera(zoom: 0, width: 720, height: 480)
    // HFOV 56.6°, looking toward −Y and 45° down, the optical axis through the origin.
    #expect(abs(2 * atan(360 / camera.focalPixels) * 180 / Double.pi - 56.6) < 0.05)
    let centre = camera.project(SIMD3(0, 0, 0))!
    #expect(abs(centre.x - 360) < 1e-6 && abs(centre.y - 240) < 1e-6)
    // Zoom moves the camera along its axis: 60 % of the way to the origin leaves 40 % of 14.14 m.
    let zoomed = BallScene.camera(zoom: 0.6, width: 720, height: 480)
    #expect(abs((zoomed.location * zoomed.location).sum().squareRoot() - 0.4 * 200.0.squareRoot()) < 1e-9)
    #expect(abs(zoomed.project(SIMD3(0, 0, 0))!.x - 360) < 1e-6)
}

@Test func everyBuiltInGroundHasItsOwnDescription() {
    for name in GroundMaterial.proceduralNames {
        #expect(BallCaptions.builtIn[name] != nil, "no caption phrase for ground \(name)")
    }
}
