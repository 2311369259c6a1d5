import Foundation
import LoomCore
import Physics
import SelfConsuming
import Synchronization

/// How the loop's correction strength γ sets the humanoid corrector.
public enum GammaMapping: Sendable, Equatable {
    /// The helper's force cap is γ body weights (γ = 0 pure physics, γ = ∞ no cap).
    case helper
    /// Every motion is tracked at `strength` body weights, and the result blended in: each feature
    /// moves a fraction s = γ/(1+γ) of the way from the generated motion to the simulated one.
    case blend(strength: Double)
}

/// The self-correcting loop's physics corrector (the paper's UHC): a batch of generated motion
/// windows in the mocap feature format is turned back into poses, tracked by the Bullet humanoid
/// (`HumanoidTracker`), and the simulated motions come back as features.
///
/// A window that cannot be corrected (values that are not finite, a width that is not this
/// humanoid's, fewer than 2 frames, a simulation that blows up) comes back as it was given, with
/// non-finite values set to 0, and is counted as failed with its reason in `log`: it is never
/// passed off as corrected. Windows are split over `jobs` threads, one Bullet world per thread; the
/// result is the same bytes whatever `jobs` is.
public struct HumanoidCorrector: Corrector {
    /// Batches of motion windows in the mocap feature format.
    public typealias Batch = MotionBatch
    /// The corrector's name in messages and `config.json`.
    public let name = "humanoid"
    /// The Bullet humanoid the windows are tracked with.
    public let humanoid: Humanoid
    /// The feature layout the windows are read and written in.
    public let features: MotionFeatures
    /// The fail-safe, the frame rate and the controller; `strength` is set from γ by `mapping`.
    public let settings: CorrectionSettings
    /// How γ sets the helper's strength or the blend.
    public let mapping: GammaMapping
    /// Worker threads, at least 1.
    public let jobs: Int
    /// What every batch gave (failures with their reasons, resets, tracking errors).
    public let log: CorrectionLog

    /// A corrector of `humanoid`; `jobs` below 1 is taken as 1.
    public init(humanoid: Humanoid, settings: CorrectionSettings = CorrectionSettings(), mapping: GammaMapping = .helper,
                jobs: Int = 1, log: CorrectionLog = CorrectionLog()) {
        self.humanoid = humanoid
        features = MotionFeatures(humanoid: humanoid)
        self.settings = settings
        self.mapping = mapping
        self.jobs = max(1, jobs)
        self.log = log
    }

    /// Tracks every window at γ and records the outcome in `log`.
    public func correct(_ batch: MotionBatch, gamma: Double, context: CorrectionContext, random: inout RandomStream) throws -> MotionBatch {
        let (corrected, outcomes) = correctWindows(batch, gamma: gamma)
        log.record(CorrectionLog.Entry(arm: context.arm, generation: context.generation, outcomes: outcomes))
        return corrected
    }

    /// The corrected batch and what happened to each window.
    public func correctWindows(_ batch: MotionBatch, gamma: Double) -> (MotionBatch, [ClipCorrection]) {
        precondition(gamma >= 0, "the correction strength γ must not be negative")
        var run = settings
        let fraction: Double
        switch mapping {
        case .helper:
            run.strength = gamma
            fraction = 1
        case .blend(let strength):
            run.strength = strength
            fraction = correctionFraction(gamma: gamma)
        }
        let width = batch.width, frames = batch.frames, size = frames * width
        let chosen = run, features = features, humanoid = humanoid, values = batch.values, expected = features.width
        let outcomes: [(ClipCorrection, [Double]?)] = withTrackers(count: batch.count, jobs: jobs, humanoid: humanoid,
                                                                   controller: settings.controller) { tracker, i in
            let window = values[(i * size)..<((i + 1) * size)]
            if width != expected {
                let joints = (width - 5) % 12 == 0 ? "\((width - 5) / 12) joints" : "no whole number of joints"
                return (.failed("a width of \(width) values per frame (\(joints)); the humanoid's features have \(expected) (\(humanoid.linkCount) joints)"), nil)
            }
            if let bad = window.firstIndex(where: { !$0.isFinite }) {
                return (.failed("frame \((bad - window.startIndex) / width) has a NaN or infinite value"), nil)
            }
            if frames < 2 { return (.failed("the motion has \(frames) frame; correcting needs at least 2"), nil) }
            let poses = Self.poses(of: window, features: features)
            let outcome = tracker.correct(poses, settings: chosen)
            guard let simulated = outcome.poses else { return (outcome, nil) }
            let out = features.extract(simulated)
            guard out.allSatisfy(\.isFinite) else { return (.failed("the simulated motion's features are not finite"), nil) }
            return (outcome, out)
        }
        var corrected = batch.values
        for (i, (_, out)) in outcomes.enumerated() {
            let range = (i * size)..<((i + 1) * size)
            if let out {
                for (k, j) in range.enumerated() { corrected[j] += fraction * (out[k] - corrected[j]) }
            } else {
                for j in range where !corrected[j].isFinite { corrected[j] = 0 }
            }
        }
        return (MotionBatch(values: corrected, frames: frames, width: width, labels: batch.labels), outcomes.map(\.0))
    }

    /// The poses of a window's feature frames, plus one after the last, so that the last frame's
    /// velocities survive the round trip: N frames give N + 1 poses.
    static func poses(of window: ArraySlice<Double>, features: MotionFeatures) -> [HumanoidPose] {
        let w = features.width, frames = window.count / w
        var poses = features.recover(Array(window))
        let last = window.startIndex + (frames - 1) * w
        var heading = 0.0
        for t in 0..<(frames - 1) { heading += window[window.startIndex + t * w] }
        let toWorld = Quaternion(axis: Humanoid.up, angle: heading)
        var next = poses[frames - 1]
        next.root += toWorld.rotate([window[last + 1], 0, window[last + 2]])
        next.rotations[0] = Quaternion(axis: Humanoid.up, angle: window[last]) * next.rotations[0]
        poses.append(next)
        return poses
    }
}

/// What the humanoid corrector did with each batch, for the experiment's report.
public final class CorrectionLog: Sendable {
    /// One corrected batch.
    public struct Entry: Sendable {
        /// The loop arm the batch came from.
        public let arm: String
        /// The loop generation the batch came from.
        public let generation: Int
        /// Windows in the batch.
        public let windows: Int
        /// Windows that could not be corrected.
        public let failed: Int
        /// The reasons of the failed windows, by window index.
        public let failures: [Int: String]
        /// Fail-safe resets over all windows.
        public let resets: Int
        /// Mean root-relative tracking error over the corrected windows, metres.
        public let meanError: Double

        /// The entry of one batch's outcomes.
        public init(arm: String, generation: Int, outcomes: [ClipCorrection]) {
            self.arm = arm
            self.generation = generation
            windows = outcomes.count
            var failures: [Int: String] = [:]
            for (i, o) in outcomes.enumerated() { if let reason = o.failure { failures[i] = reason } }
            self.failures = failures
            failed = failures.count
            resets = outcomes.reduce(0) { $0 + $1.resets }
            let ok = outcomes.filter { $0.failure == nil }
            meanError = ok.isEmpty ? 0 : ok.reduce(0) { $0 + $1.rootRelativeError } / Double(ok.count)
        }
    }

    private let entries = Mutex<[Entry]>([])

    /// An empty log.
    public init() {}

    /// Appends one batch's entry; safe from many threads.
    public func record(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// Every batch so far, in the order they were corrected.
    public var all: [Entry] { entries.withLock { $0 } }

    /// Windows that failed over all batches.
    public var failedWindows: Int { all.reduce(0) { $0 + $1.failed } }
}
