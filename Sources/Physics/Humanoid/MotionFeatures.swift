import Foundation

/// HumanML3D's per-frame motion vector, for any skeleton (Guo et al. 2022, `motion_process.py`):
/// frame t is made from poses t and t+1, so N poses give N-1 frames. Y up; lengths in metres,
/// velocities per frame, angles in radians.
///
/// | width | content |
/// |---|---|
/// | 1 | root yaw velocity (heading change to the next frame) |
/// | 2 | root velocity in x and z, in the root's heading frame |
/// | 1 | root height |
/// | 3·(J−1) | link positions relative to the root, in the heading frame |
/// | 6·J | 6-D rotations: the root's against its heading, the others against their parent |
/// | 3·J | link velocities in the heading frame |
/// | 4 | contacts of the soles (left heel, left toe, right heel, right toe) |
public struct MotionFeatures: Sendable {
    public let humanoid: Humanoid

    /// HumanML3D's contact rule: squared displacement per frame below this, m².
    public static let contactThreshold = 0.002

    public init(humanoid: Humanoid) {
        self.humanoid = humanoid
    }

    /// Values per frame.
    public var width: Int {
        let j = humanoid.linkCount
        return 4 + 3 * (j - 1) + 6 * j + 3 * j + 4
    }

    /// The feature frames of a pose sequence: `(poses.count - 1) × width` values.
    public func extract(_ poses: [HumanoidPose]) -> [Double] {
        let frames = poses.map(humanoid.frame)
        var out: [Double] = []
        out.reserveCapacity(max(poses.count - 1, 0) * width)
        for t in 0..<max(poses.count - 1, 0) {
            let heading = Humanoid.heading(of: poses[t].rotations[0])
            let next = Humanoid.heading(of: poses[t + 1].rotations[0])
            let toLocal = Quaternion(axis: Humanoid.up, angle: -heading)
            var yaw = next - heading
            if yaw > .pi { yaw -= 2 * .pi } else if yaw <= -.pi { yaw += 2 * .pi }
            let velocity = toLocal.rotate(poses[t + 1].root - poses[t].root)
            out += [yaw, velocity.x, velocity.z, poses[t].root.y]
            let positions = frames[t].positions
            for j in positions.indices.dropFirst() {
                let r = toLocal.rotate(positions[j] - positions[0])
                out += [r.x, r.y, r.z]
            }
            out += (toLocal * poses[t].rotations[0]).sixD
            for q in poses[t].rotations.dropFirst() { out += q.sixD }
            for j in positions.indices {
                let v = toLocal.rotate(frames[t + 1].positions[j] - positions[j])
                out += [v.x, v.y, v.z]
            }
            for (a, b) in zip(frames[t].soles, frames[t + 1].soles) {
                let d = b - a
                out.append((d * d).sum() < Self.contactThreshold ? 1 : 0)
            }
        }
        return out
    }

    /// The poses of feature frames (one per frame), integrating the root from heading 0 at the origin.
    public func recover(_ features: [Double]) -> [HumanoidPose] {
        let w = width, j = humanoid.linkCount
        let frames = features.count / w
        var heading = 0.0
        var position = Vec3.zero
        var poses: [HumanoidPose] = []
        poses.reserveCapacity(frames)
        let rotationStart = 4 + 3 * (j - 1)
        for t in 0..<frames {
            let f = features[(t * w)..<((t + 1) * w)]
            let base = f.startIndex
            let toWorld = Quaternion(axis: Humanoid.up, angle: heading)
            var rotations = [toWorld * Quaternion(sixD: f[(base + rotationStart)..<(base + rotationStart + 6)])]
            for k in 1..<j {
                let s = base + rotationStart + 6 * k
                rotations.append(Quaternion(sixD: f[s..<(s + 6)]))
            }
            poses.append(HumanoidPose(root: [position.x, f[base + 3], position.z], rotations: rotations))
            let step = toWorld.rotate([f[base + 1], 0, f[base + 2]])
            position += step
            heading += f[base]
        }
        return poses
    }
}
