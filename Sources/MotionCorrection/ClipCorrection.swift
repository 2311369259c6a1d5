import Foundation
import LoomCore
import Physics
import Synchronization

/// What correcting one motion gave.
public struct ClipCorrection: Sendable {
    /// The simulated motion on the same skeleton and frame times; nil when the motion failed.
    public var poses: [HumanoidPose]?
    /// Why the motion could not be corrected; nil when it was.
    public var failure: String?
    /// The quality figures of the motion as given (nil when it cannot be measured).
    public var before: MotionQuality?
    /// The quality figures of the simulated motion (nil when it failed).
    public var after: MotionQuality?
    /// Mean root-relative link error of the simulation against the motion, metres.
    public var rootRelativeError: Double
    /// Times the fail-safe put the humanoid back on the motion.
    public var resets: Int
    /// Simulation steps taken.
    public var steps: Int

    /// A motion that could not be corrected, for `reason`.
    public static func failed(_ reason: String, before: MotionQuality? = nil) -> ClipCorrection {
        ClipCorrection(poses: nil, failure: reason, before: before, after: nil, rootRelativeError: 0, resets: 0, steps: 0)
    }
}

extension HumanoidTracker {
    /// Tracks `poses` at `settings` (the helper capped at `settings.strength` body weights); every
    /// problem, from bad input to a simulation that blows up, becomes a failed outcome with its reason.
    public func correct(_ poses: [HumanoidPose], settings: CorrectionSettings) -> ClipCorrection {
        let measurable = poses.allSatisfy { p in
            p.rotations.count == humanoid.linkCount && [p.root.x, p.root.y, p.root.z].allSatisfy(\.isFinite)
                && p.rotations.allSatisfy { [$0.w, $0.x, $0.y, $0.z].allSatisfy(\.isFinite) }
        }
        let before = measurable && !poses.isEmpty ? MotionQuality.measure(poses.map(humanoid.frame), fps: settings.fps) : nil
        do {
            let cap = settings.strength.isInfinite ? Double.greatestFiniteMagnitude : settings.strength * weight
            let t = try track(poses, fps: settings.fps, helperForce: cap, failSafeError: settings.failSafeError)
            return ClipCorrection(poses: t.poses, failure: nil, before: before,
                                  after: MotionQuality.measure(t.poses.map(humanoid.frame), fps: settings.fps),
                                  rootRelativeError: t.rootRelativeError, resets: t.resets, steps: t.steps)
        } catch {
            return .failed("\(error)", before: before)
        }
    }
}

/// Runs `body` for every index in `0..<count` on `jobs` threads, each with its own tracker (one
/// Bullet world per thread, reused across its motions); results in index order. A motion's result
/// does not depend on which thread ran it, so the output is the same whatever `jobs` is.
func withTrackers<T: Sendable>(count: Int, jobs: Int, humanoid: Humanoid, controller: HumanoidTracker.Controller,
                               advance: (@Sendable () -> Void)? = nil,
                               _ body: @Sendable (HumanoidTracker, Int) -> T) -> [T] {
    let results = Mutex([T?](repeating: nil, count: count))
    WorkQueue(jobs: jobs).forEach(Array(0..<count), state: { HumanoidTracker(humanoid: humanoid, controller: controller) }) { tracker, i in
        let result = body(tracker, i)
        results.withLock { $0[i] = result }
        advance?()
    }
    return results.withLock { $0.map { $0! } }
}
