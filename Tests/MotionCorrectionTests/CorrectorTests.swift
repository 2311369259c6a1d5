import Foundation
import LoomCore
import Media
import Mocap
@testable import MotionCorrection
import Physics
import SelfConsuming
import Testing

private let humanoid: Humanoid = try! Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))
private let features = MotionFeatures(humanoid: humanoid)

/// 40-frame feature windows (2 s at 20 fps) of real takes, as the mocap dataset cuts them.
private func windows(_ cuts: [(id: String, start: Int)]) throws -> MotionBatch {
    var values: [Double] = []
    for (id, start) in cuts {
        let source = MocapSources.all.first { $0.id == id }!
        let clip = try MocapClip.load(source, humanoid: humanoid, fps: 20, unrollSeconds: 6)
        values += features.extract(clip.motion.canonicalWindow(start..<(start + 41)))
    }
    return MotionBatch(values: values, frames: 40, width: features.width)
}

private let context = CorrectionContext(experiment: "loop/motion-test", arm: "gamma-1", seed: 0, generation: 1)

private func correct(_ batch: MotionBatch, gamma: Double = 1, jobs: Int = 1) throws -> (MotionBatch, CorrectionLog.Entry) {
    let corrector = HumanoidCorrector(humanoid: humanoid, jobs: jobs)
    var random = RandomStream(seed: 0, dataset: "test", index: 0)
    let out = try corrector.correct(batch, gamma: gamma, context: context, random: &random)
    return (out, corrector.log.all[0])
}

@Suite struct HumanoidCorrectorTests {
    @Test func realWindowsComeBackTrackedAndPhysical() throws {
        let batch = try windows([("deepmimic/walk", 0), ("deepmimic/walk", 20)])
        let (out, entry) = try correct(batch)
        #expect(out.count == 2 && out.frames == 40 && out.width == features.width)
        #expect(out.values.allSatisfy { $0.isFinite })
        #expect(entry.failed == 0 && entry.resets == 0, "\(entry.resets) resets")
        #expect(entry.meanError < 0.03, "mean root-relative error \(entry.meanError) m")
        // The features describe the simulated motion: its feet are never below the ground.
        for i in 0..<out.count {
            let poses = features.recover(Array(out[i]))
            #expect(poses.map { humanoid.frame($0).lowest }.min()! > -0.005)
        }
    }

    @Test func sameBytesWhateverTheThreadCount() throws {
        let batch = try windows([("deepmimic/walk", 0), ("deepmimic/run", 0), ("deepmimic/walk", 20), ("deepmimic/run", 40)])
        let (one, _) = try correct(batch, jobs: 1)
        let (three, _) = try correct(batch, jobs: 3)
        #expect(one.values.map(\.bitPattern) == three.values.map(\.bitPattern))
        // A window alone (a fresh world) gives the same bytes as after three others in the same world.
        let (alone, _) = try correct(MotionBatch(values: Array(batch[3]), frames: 40, width: features.width))
        #expect(alone.values.map(\.bitPattern) == Array(one[3]).map(\.bitPattern))
    }

    @Test func badWindowsAreFlaggedAndTheRestCorrected() throws {
        let good = try windows([("deepmimic/walk", 0)])
        var values = good.values + good.values + good.values
        values[good.values.count + 500] = .nan
        // The third window teleports its root 1 km per frame; with no cap the helper blows it up.
        for t in 0..<40 { values[2 * good.values.count + t * features.width + 1] = 1000 }
        let batch = MotionBatch(values: values, frames: 40, width: features.width)
        let (out, entry) = try correct(batch, gamma: .infinity)
        #expect(entry.failed == 2)
        #expect(entry.failures[1]?.contains("NaN") == true, "\(entry.failures)")
        #expect(entry.failures[2]?.contains("blew up") == true, "\(entry.failures)")
        #expect(out.values.allSatisfy { $0.isFinite })
        #expect(Array(out[2]) == Array(batch[2]), "a failed window comes back as it was")
        #expect(Array(out[0]) != Array(batch[0]))

        let (_, wrong) = try correct(MotionBatch(values: Array(good.values.prefix(40 * 149)), frames: 40, width: 149))
        #expect(wrong.failed == 1 && wrong.failures[0]!.contains("12 joints"), "\(wrong.failures)")
        let (_, short) = try correct(MotionBatch(values: Array(good.values.prefix(features.width)), frames: 1, width: features.width))
        #expect(short.failed == 1 && short.failures[0]!.contains("at least 2"), "\(short.failures)")
    }

    @Test func blendMovesAFractionOfTheWay() throws {
        let batch = try windows([("deepmimic/walk", 0)])
        let full = HumanoidCorrector(humanoid: humanoid).correctWindows(batch, gamma: 1).0
        let half = HumanoidCorrector(humanoid: humanoid, mapping: .blend(strength: 1)).correctWindows(batch, gamma: 1).0
        for k in stride(from: 0, to: batch.values.count, by: 97) {
            #expect(abs(half.values[k] - (batch.values[k] + 0.5 * (full.values[k] - batch.values[k]))) < 1e-12)
        }
    }
}
