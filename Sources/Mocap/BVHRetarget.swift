import Foundation
import LoomCore
import Media
import Physics

/// Expresses a BVH capture on the humanoid: each mapped joint takes its source joint's world
/// rotation, corrected by the rotation that turns the humanoid's rest bone onto the source's rest
/// bone; hinges keep the twist about their axis; the root is scaled by the ratio of leg lengths.
/// Both skeletons are Y up; the source's rest facing is turned onto the humanoid's (+X).
public struct BVHRetarget {
    /// For each humanoid link, the source joints that may play it (CMU's names, then Motion Builder's).
    static let jointMap: [String: [String]] = [
        "root": ["Hips"], "chest": ["Spine1", "Chest"], "neck": ["Neck1", "Neck"],
        "right_hip": ["RightUpLeg", "RightHip"], "right_knee": ["RightLeg", "RightKnee"], "right_ankle": ["RightFoot", "RightAnkle"],
        "right_shoulder": ["RightArm", "RightShoulder"], "right_elbow": ["RightForeArm", "RightElbow"],
        "left_hip": ["LeftUpLeg", "LeftHip"], "left_knee": ["LeftLeg", "LeftKnee"], "left_ankle": ["LeftFoot", "LeftAnkle"],
        "left_shoulder": ["LeftArm", "LeftShoulder"], "left_elbow": ["LeftForeArm", "LeftElbow"],
    ]
    /// Limb links whose rest bone (towards this source joint) is aligned; trunk, neck and feet stand alike at rest.
    static let boneEnds: [String: [String]] = [
        "right_hip": ["RightLeg", "RightKnee"], "right_knee": ["RightFoot", "RightAnkle"],
        "right_shoulder": ["RightForeArm", "RightElbow"], "right_elbow": ["RightHand", "RightWrist"],
        "left_hip": ["LeftLeg", "LeftKnee"], "left_knee": ["LeftFoot", "LeftAnkle"],
        "left_shoulder": ["LeftForeArm", "LeftElbow"], "left_elbow": ["LeftHand", "LeftWrist"],
    ]

    let humanoid: Humanoid
    let motion: BVHMotion
    /// Source joint of each humanoid link.
    let source: [Int]
    /// Rest alignment of each humanoid link.
    let alignment: [Quaternion]
    /// Turns the source's rest facing onto the humanoid's.
    let facing: Quaternion
    /// Source units to metres on the humanoid.
    let scale: Double
    /// Each source joint's rotation channels (axis indices) and their positions in a frame.
    let rotationChannels: [[(axis: Int, column: Int)]]
    let positionChannels: [(axis: Int, column: Int)]

    /// Maps the humanoid's links onto the capture's joints; throws a config error naming `path` when one is missing.
    public init(motion: BVHMotion, humanoid: Humanoid, path: String) throws {
        self.motion = motion
        self.humanoid = humanoid
        let names = motion.joints.map(\.name)
        func find(_ candidates: [String], for link: String) throws -> Int {
            guard let i = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
                throw LoomError.config(file: path, key: "", line: nil,
                                       message: "no joint to play the humanoid's \(link); expected one of \(candidates.joined(separator: ", "))")
            }
            return i
        }
        let links = humanoid.skeleton.links
        source = try links.map { try find(Self.jointMap[$0.name]!, for: $0.name) }
        let starts = motion.channelStarts
        rotationChannels = motion.joints.enumerated().map { j, joint in
            joint.channels.enumerated().compactMap { c, name in
                name.hasSuffix("rotation") ? (axis: Int(name.first!.asciiValue! - UInt8(ascii: "X")), column: starts[j] + c) : nil
            }
        }
        positionChannels = motion.joints[0].channels.enumerated().compactMap { c, name in
            name.hasSuffix("position") ? (axis: Int(name.first!.asciiValue! - UInt8(ascii: "X")), column: c) : nil
        }
        guard motion.joints.first?.parent == nil, positionChannels.count == 3 else {
            throw LoomError.config(file: path, key: "", line: nil, message: "the root joint needs Xposition, Yposition and Zposition channels")
        }
        // Rest pose of the source: offsets only.
        var rest = [Vec3](repeating: .zero, count: motion.joints.count)
        for (j, joint) in motion.joints.enumerated() {
            let offset: Vec3 = [joint.offset[0], joint.offset[1], joint.offset[2]]
            rest[j] = joint.parent.map { rest[$0] + offset } ?? offset
        }
        let humanRest = humanoid.skeleton.forward(root: .zero, rotations: Array(repeating: .identity, count: links.count)).positions
        let left = rest[source[humanoid.mirrorIndex[links.firstIndex { $0.name == "right_hip" }!]]]
            - rest[source[links.firstIndex { $0.name == "right_hip" }!]]
        facing = Quaternion(from: Vec3(left.x, 0, left.z) / (left.x * left.x + left.z * left.z).squareRoot(), to: [0, 0, -1])
        var alignment = [Quaternion](repeating: .identity, count: links.count)
        for (i, link) in links.enumerated() {
            guard let ends = Self.boneEnds[link.name] else { continue }
            let end = try find(ends, for: link.name + "'s bone")
            let child = links.firstIndex { $0.parent == i }
            let humanBone = child.map { humanRest[$0] - humanRest[i] } ?? link.shapeOrigin * 2
            let sourceBone = facing.rotate(rest[end] - rest[source[i]])
            alignment[i] = Quaternion(from: humanBone / (humanBone * humanBone).sum().squareRoot(),
                                      to: sourceBone / (sourceBone * sourceBone).sum().squareRoot())
        }
        self.alignment = alignment
        let hip = links.firstIndex { $0.name == "left_hip" }!, knee = hip + 1, ankle = hip + 2
        func length(_ v: Vec3) -> Double { (v * v).sum().squareRoot() }
        let humanLeg = length(humanRest[knee] - humanRest[hip]) + length(humanRest[ankle] - humanRest[knee])
        let sourceLeg = length(rest[source[knee]] - rest[source[hip]]) + length(rest[source[ankle]] - rest[source[knee]])
        scale = humanLeg / sourceLeg
    }

    /// The humanoid's pose at every source frame, and the frames' times in seconds.
    public func poses() -> (times: [Double], poses: [HumanoidPose]) {
        let width = motion.channelCount
        let links = humanoid.skeleton.links
        var poses: [HumanoidPose] = []
        poses.reserveCapacity(motion.frameCount)
        var world = [Quaternion](repeating: .identity, count: motion.joints.count)
        let inverseFacing = facing.conjugate
        for f in 0..<motion.frameCount {
            let values = motion.values[(f * width)..<((f + 1) * width)]
            let base = values.startIndex
            for (j, joint) in motion.joints.enumerated() {
                var local = Quaternion.identity
                for channel in rotationChannels[j] {
                    local = local * Quaternion(coordinateAxis: channel.axis, angle: values[base + channel.column] * .pi / 180)
                }
                world[j] = joint.parent.map { world[$0] * local } ?? local
            }
            var achieved = [Quaternion](repeating: .identity, count: links.count)
            var rotations = [Quaternion](repeating: .identity, count: links.count)
            for (i, link) in links.enumerated() {
                let target = facing * world[source[i]] * inverseFacing * alignment[i]
                guard let parent = link.parent else {
                    achieved[i] = target
                    rotations[i] = target
                    continue
                }
                var local = achieved[parent].conjugate * target
                if case .revolute(let axis, let lower, let upper) = link.joint {
                    local = Quaternion(axis: axis, angle: min(max(local.twist(about: axis), lower), upper))
                }
                rotations[i] = local
                achieved[i] = achieved[parent] * local
            }
            var root = Vec3.zero
            for channel in positionChannels { root[channel.axis] = values[base + channel.column] }
            let r0 = motion.joints[0].offset
            poses.append(HumanoidPose(root: facing.rotate(root + Vec3(r0[0], r0[1], r0[2])) * scale, rotations: rotations))
        }
        return ((0..<motion.frameCount).map { Double($0) * motion.frameTime }, poses)
    }
}
