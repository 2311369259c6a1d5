import Foundation
import Media
import Physics

/// The humanoid's motions as BVH: one BVH joint per link, offsets in metres, the root with
/// `Xposition Yposition Zposition Zrotation Yrotation Xrotation` and the others `Zrotation Yrotation Xrotation`.
public enum HumanoidBVH {
    static let rotationChannels = ["Zrotation", "Yrotation", "Xrotation"]
    static let axes = [2, 1, 0]

    /// The links in BVH order: depth first, children in link order.
    static func order(_ humanoid: Humanoid) -> [Int] {
        let links = humanoid.skeleton.links
        func visit(_ i: Int) -> [Int] { [i] + links.indices.filter { links[$0].parent == i }.flatMap(visit) }
        return visit(0)
    }

    /// The BVH motion of poses sampled at `fps`, joints depth first (as a BVH file lists them).
    public static func motion(_ poses: [HumanoidPose], humanoid: Humanoid, fps: Double) -> BVHMotion {
        let links = humanoid.skeleton.links, order = order(humanoid)
        let joints = order.map { i in
            let link = links[i]
            let leaf = !links.contains { $0.parent == i }
            let end = link.shapeOrigin * 2
            return BVHJoint(name: link.name, parent: link.parent.map { order.firstIndex(of: $0)! },
                            offset: [link.jointOffset.x, link.jointOffset.y, link.jointOffset.z],
                            channels: (link.parent == nil ? ["Xposition", "Yposition", "Zposition"] : []) + rotationChannels,
                            endSite: leaf ? [end.x, end.y, end.z] : nil)
        }
        var values: [Double] = []
        values.reserveCapacity(poses.count * (3 + 3 * links.count))
        for pose in poses {
            values += [pose.root.x, pose.root.y, pose.root.z]
            for i in order { values += pose.rotations[i].euler(axes: axes).map { $0 * 180 / .pi } }
        }
        return BVHMotion(joints: joints, frameTime: 1 / fps, values: values)
    }

    /// The poses of a BVH motion written by `motion(_:humanoid:fps:)`.
    public static func poses(_ motion: BVHMotion, humanoid: Humanoid) -> [HumanoidPose] {
        let width = motion.channelCount, order = order(humanoid)
        return (0..<motion.frameCount).map { f in
            let v = motion.values[(f * width)..<((f + 1) * width)]
            let b = v.startIndex
            var rotations = [Quaternion](repeating: .identity, count: order.count)
            for (k, i) in order.enumerated() {
                let s = b + 3 + 3 * k
                rotations[i] = Quaternion(euler: [v[s], v[s + 1], v[s + 2]].map { $0 * .pi / 180 }, axes: axes)
            }
            return HumanoidPose(root: [v[b], v[b + 1], v[b + 2]], rotations: rotations)
        }
    }
}
