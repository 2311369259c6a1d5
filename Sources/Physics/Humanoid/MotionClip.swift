import Foundation

/// A motion of one skeleton sampled at a fixed rate.
public struct MotionClip: Sendable, Equatable {
    /// Frames per second.
    public var fps: Double
    public var poses: [HumanoidPose]

    public init(fps: Double, poses: [HumanoidPose]) {
        self.fps = fps
        self.poses = poses
    }

    /// Seconds from the first to the last frame.
    public var duration: Double { Double(max(poses.count - 1, 0)) / fps }

    /// Samples poses given at increasing `times` (seconds from 0) every 1/`fps` s, rotations by slerp
    /// and the root position linearly, with each rotation kept in the hemisphere of the frame before.
    public init(times: [Double], poses source: [HumanoidPose], fps: Double) {
        precondition(times.count == source.count && !times.isEmpty)
        self.fps = fps
        let count = Int((times.last! * fps + 1e-9).rounded(.down)) + 1
        var out: [HumanoidPose] = []
        out.reserveCapacity(count)
        var k = 0
        for i in 0..<count {
            let t = Double(i) / fps
            while k + 1 < times.count - 1 && times[k + 1] <= t { k += 1 }
            let a = source[k], b = source[min(k + 1, source.count - 1)]
            let span = times[min(k + 1, times.count - 1)] - times[k]
            let u = span > 0 ? min(max((t - times[k]) / span, 0), 1) : 0
            out.append(HumanoidPose(root: a.root + u * (b.root - a.root),
                                    rotations: zip(a.rotations, b.rotations).map { Quaternion.slerp($0, $1, u) }))
        }
        poses = out
        makeContinuous()
    }

    /// Flips each rotation's sign where needed so consecutive frames lie in the same hemisphere.
    public mutating func makeContinuous() {
        for t in poses.indices.dropFirst() {
            for j in poses[t].rotations.indices where poses[t].rotations[j].dot(poses[t - 1].rotations[j]) < 0 {
                poses[t].rotations[j] = poses[t].rotations[j].negated
            }
        }
    }

    /// Frames `range`, moved so the first root is above the origin and faces +Z (heading 0).
    public func canonicalWindow(_ range: Range<Int>) -> [HumanoidPose] {
        let first = poses[range.lowerBound]
        let turn = Quaternion(axis: Humanoid.up, angle: -Humanoid.heading(of: first.rotations[0]))
        let origin: Vec3 = [first.root.x, 0, first.root.z]
        return poses[range].map { pose in
            var p = pose
            p.root = turn.rotate(pose.root - origin)
            p.rotations[0] = turn * pose.rotations[0]
            return p
        }
    }
}
