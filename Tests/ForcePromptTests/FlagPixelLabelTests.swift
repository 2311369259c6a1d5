import Foundation
import LoomCore
import Render
import Testing
@testable import ForcePrompt

/// Measures a flag clip from its pixels: every 4th clip frame rendered small, the flag's pixels found
/// as those that differ from the layer without cloth.
private struct PixelTrack {
    /// Centroid of the cloth's outer half (pixels farther from the pin than half the farthest one).
    var outer: [SIMD2<Double>] = []
    /// Where the middle of the pinned edge is on screen.
    let pin: SIMD2<Double>
    /// Mean absolute byte change between consecutive measured frames, over the whole image.
    var change: [Double] = []

    init(_ clip: FlagClip, worker: inout ForceWindWorker) throws {
        let rollout = try worker.rollout(clip, index: 0)
        pin = try #require(rollout.camera.project(SIMD3(0, FlagScene.flagCentre.y - FlagScene.flagLength / 2, FlagScene.flagCentre.z)))
        let layer = try worker.layer(rollout)
        var previous: RGBImage?
        for k in stride(from: 0, to: FlagScene.clipFrames.count, by: 4) {
            let image = worker.render(rollout, frame: k, over: layer)
            var cloth: [SIMD2<Double>] = []
            for i in 0..<(image.width * image.height) {
                let d = (0..<3).map { abs(Int(image.pixels[3 * i + $0]) - Int(layer.image.pixels[3 * i + $0])) }.max()!
                if d > 12 { cloth.append(SIMD2(Double(i % image.width) + 0.5, Double(i / image.width) + 0.5)) }
            }
            let reach = cloth.map { (($0 - pin) * ($0 - pin)).sum() }.max() ?? 0
            let far = cloth.filter { (($0 - pin) * ($0 - pin)).sum() > reach / 4 }
            outer.append(far.reduce(SIMD2(0, 0), +) / Double(max(far.count, 1)))
            if let previous {
                change.append(zip(image.pixels, previous.pixels).map { Double(abs(Int($0) - Int($1))) }.reduce(0, +)
                              / Double(image.pixels.count))
            }
            previous = image
        }
    }

    /// Where the cloth streams from the pole: the mean centroid of its outer half after the first
    /// second of wind, relative to the pinned edge's middle (the part near the pinned edge cannot
    /// turn with the wind).
    var streaming: SIMD2<Double> {
        let later = outer[6...]
        return later.reduce(SIMD2(0, 0), +) / Double(later.count) - pin
    }

    /// How far the flag's outer half is, on screen, from where it hung before the wind (`hanging`,
    /// the outer-half centroid of a windless clip: the 120 settling frames do not depend on the wind),
    /// mean over the frames after the first second of wind. Not from the clip's first frame: the wind
    /// has blown for one frame by then, and in strong wind the flag is already half out.
    func displacement(from hanging: SIMD2<Double>) -> Double {
        let later = outer[6...].map { (($0 - hanging) * ($0 - hanging)).sum().squareRoot() }
        return later.reduce(0, +) / Double(later.count)
    }

    /// Mean change per measured frame over the last 3 seconds (steady wind).
    var flutter: Double {
        let late = change.suffix(18)
        return late.reduce(0, +) / Double(late.count)
    }
}

private func clip(speed: Double, angle: Double) -> FlagClip {
    FlagClip(windSpeed: speed, windAngle: angle, background: "overcast_fields", color1: 0, color2: 1,
             camera: [0.3, -7.88, 2.2], perturbationKey: 11, extras: [])
}

private func worker() throws -> ForceWindWorker {
    let generator = try ForceWindGenerator(options: ForceWindOptions().with { $0.count = 1; $0.maxExtraFlags = 0; $0.width = 240; $0.height = 160; $0.samples = 1 })
    return try generator.makeWorker()
}

@Test func windDirectionMatchesThePixels() throws {
    var worker = try worker()
    var errors: [Double] = []
    for angle in stride(from: 22.5, to: 360, by: 45) {
        // A strong wind (label 0.88): in weak winds gravity bends the flag below the wind's line.
        let track = try PixelTrack(clip(speed: 22, angle: angle), worker: &worker)
        // The flag streams from the pole along the wind (for downward winds it hangs lower).
        let moved = track.streaming
        var measured = atan2(-moved.y, moved.x) * 180 / Double.pi
        if measured < 0 { measured += 360 }
        var difference = abs(measured - angle)
        difference = min(difference, 360 - difference)
        errors.append(difference)
    }
    let sorted = errors.sorted()
    let median = (sorted[errors.count / 2 - 1] + sorted[errors.count / 2]) / 2
    #expect(median < 15, "direction errors \(errors.map { Int($0) })°")
}

@Test func displacementAndFlutterGrowWithTheWind() throws {
    var worker = try worker()
    let hanging = try PixelTrack(clip(speed: 0, angle: 0), worker: &worker).outer[0]
    // Label 0.04 to label 1 (`FlagScene.calibratedWindMax`).
    let speeds = [1.0, 3, 7, 14, FlagScene.calibratedWindMax]
    var displacement: [Double] = [], flutter: [Double] = []
    for speed in speeds {
        let track = try PixelTrack(clip(speed: speed, angle: 0), worker: &worker)
        displacement.append(track.displacement(from: hanging))
        flutter.append(track.flutter)
    }
    #expect(zip(displacement, displacement.dropFirst()).allSatisfy { $0 < $1 }, "displacement \(displacement)")
    #expect(zip(flutter, flutter.dropFirst()).allSatisfy { $0 < $1 }, "flutter \(flutter)")
}

