import Foundation
import LoomCore
import Media
import Physics

/// A take expressed on the humanoid at the dataset's frame rate, on the ground.
public struct MocapClip: Sendable {
    /// The take it was made from.
    public let source: MocapSource
    /// The motion; looping DeepMimic clips unrolled.
    public let motion: MotionClip
    /// Seconds of captured motion in the source file (one cycle for a looping clip).
    public let sourceSeconds: Double
    /// The median over frames of how far the root was lowered to put the take on the ground, m
    /// (`GroundAlignment`: the correction varies from frame to frame).
    public let groundOffset: Double
    /// Warnings from reading the source.
    public let warnings: [String]

    /// Loads, retargets, unrolls, resamples and grounds a take.
    public static func load(_ source: MocapSource, humanoid: Humanoid, fps: Double, unrollSeconds: Double) throws -> MocapClip {
        let url = try MotionSources.url(source.path)
        var times: [Double], poses: [HumanoidPose], seconds: Double, warnings: [String] = []
        if source.isBVH {
            let (motion, notes) = try BVHFile.read(url)
            warnings = notes
            (times, poses) = try BVHRetarget(motion: motion, humanoid: humanoid, path: url.path).poses()
            seconds = times.last!
        } else {
            let clip = try DeepMimicClip.read(url, width: humanoid.deepMimicWidth)
            poses = clip.frames.map { humanoid.pose(deepMimic: $0[...]) }
            times = [0]
            for d in clip.durations.dropLast() { times.append(times.last! + d) }
            seconds = times.last!
            if clip.loops { (times, poses) = unroll(times: times, poses: poses, seconds: unrollSeconds) }
        }
        var motion = MotionClip(times: times, poses: poses, fps: fps)
        let lowered = GroundAlignment.align(&motion, humanoid: humanoid).sorted()
        return MocapClip(source: source, motion: motion, sourceSeconds: seconds, groundOffset: lowered[lowered.count / 2], warnings: warnings)
    }

    /// Repeats a cycle (whose last frame is its first pose one cycle on) until it lasts `seconds`,
    /// each repeat moved by the cycle's own heading turn and ground-plane displacement.
    static func unroll(times: [Double], poses: [HumanoidPose], seconds: Double) -> ([Double], [HumanoidPose]) {
        let cycle = times.last!
        guard cycle > 0, seconds > cycle else { return (times, poses) }
        let first = poses[0], last = poses[poses.count - 1]
        let turn = Quaternion(axis: Humanoid.up, angle: Humanoid.heading(of: last.rotations[0]) - Humanoid.heading(of: first.rotations[0]))
        let shift = last.root - turn.rotate(first.root)
        let repeats = Int((seconds / cycle).rounded(.up))
        var outTimes: [Double] = [], outPoses: [HumanoidPose] = []
        var rotation = Quaternion.identity, translation = Vec3.zero
        func moved(_ pose: HumanoidPose) -> HumanoidPose {
            var p = pose
            p.root = rotation.rotate(pose.root) + translation
            p.root.y = pose.root.y
            p.rotations[0] = rotation * pose.rotations[0]
            return p
        }
        for k in 0..<repeats {
            if k > 0 {
                translation = turn.rotate(translation) + Vec3(shift.x, 0, shift.z)
                rotation = turn * rotation
            }
            for (t, pose) in zip(times.dropLast(), poses.dropLast()) {
                outTimes.append(Double(k) * cycle + t)
                outPoses.append(moved(pose))
            }
        }
        let end = moved(last)
        outTimes.append(Double(repeats) * cycle)
        outPoses.append(end)
        return (outTimes, outPoses)
    }
}
