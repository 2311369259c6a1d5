import Foundation
import Media
import Physics

/// The humanoid's motions as BVH: one BVH joint per link, offsets in metres, the root with
/// `Xposition Yposition Zposition Zrotation Yrotation Xrotation` and the others `Zrotation Yrotation Xrotation`.
public enum HumanoidBVH {
    static let rotationChannels = ["Zrotation", "Yrotation", "Xrotation"]
    static let axes = [2, 1, 0]

    /// The BVH motion of poses sampled at `fps`.
    public static func motion(_ poses: [HumanoidPose], humanoid: Humanoid, fps: Double) -> BVHMotion {
        let links = humanoid.skeleton.links
        let joints = links.enumerated().map { i, link in
            let leaf = !links.contains { $0.parent == i }
            let end = link.shapeOrigin * 2
            return BVHJoint(name: link.name, parent: link.parent, offset: [link.jointOffset.x, link.jointOffset.y, link.jointOffset.z],
                            channels: (link.parent == nil ? ["Xposition", "Yposition", "Zposition"] : []) + rotationChannels,
                            endSite: leaf ? [end.x, end.y, end.z] : nil)
        }
        var values: [Double] = []
        values.reserveCapacity(poses.count * (3 + 3 * links.count))
        for pose in poses {
            values += [pose.root.x, pose.root.y, pose.root.z]
            for q in pose.rotations { values += q.euler(axes: axes).map { $0 * 180 / .pi } }
        }
        return BVHMotion(joints: joints, frameTime: 1 / fps, values: values)
    }

    /// The poses of a BVH motion written by `motion(_:humanoid:fps:)`.
    public static func poses(_ motion: BVHMotion) -> [HumanoidPose] {
        let width = motion.channelCount, links = motion.joints.count
        return (0..<motion.frameCount).map { f in
            let v = motion.values[(f * width)..<((f + 1) * width)]
            let b = v.startIndex
            let rotations = (0..<links).map { j in
                let s = b + 3 + 3 * j
                return Quaternion(euler: [v[s], v[s + 1], v[s + 2]].map { $0 * .pi / 180 }, axes: axes)
            }
            return HumanoidPose(root: [v[b], v[b + 1], v[b + 2]], rotations: rotations)
        }
    }
}
