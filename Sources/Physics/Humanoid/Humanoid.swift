import Foundation
import LoomCore

/// A pose of an articulated body: the root's position (metres) and every link's rotation
/// (`rotations[0]` the root's orientation in the world, the others against their parent).
public struct HumanoidPose: Sendable, Equatable {
    public var root: Vec3
    public var rotations: [Quaternion]

    public init(root: Vec3, rotations: [Quaternion]) {
        self.root = root
        self.rotations = rotations
    }
}

/// A posed humanoid in the world: link positions and orientations, the foot soles, the lowest point.
public struct HumanoidFrame: Sendable {
    public let positions: [Vec3]
    public let orientations: [Quaternion]
    /// Sole points in the world, metres: left heel, left toe, right heel, right toe.
    public let soles: [Vec3]
    /// The height of the lowest point of any collision shape, metres.
    public let lowest: Double
    /// The height of the lowest point of each foot (left, right), metres.
    public let footLowest: [Double]
}

/// DeepMimic's humanoid (pybullet_data/humanoid/humanoid.urdf at pybullet's scale 0.25): 13 links,
/// 45 kg, Y up; at rest it stands facing +X with its left side toward -Z and the arms hanging down.
public struct Humanoid: Sendable {
    /// pybullet's `globalScaling` for this URDF: its lengths are four times a person's.
    public static let urdfScale = 0.25
    /// The links in DeepMimic's frame order (the wrists are folded into the elbows).
    public static let linkNames = ["root", "chest", "neck", "right_hip", "right_knee", "right_ankle", "right_shoulder",
                                   "right_elbow", "left_hip", "left_knee", "left_ankle", "left_shoulder", "left_elbow"]
    /// World up.
    public static let up: Vec3 = [0, 1, 0]
    /// The root's forward direction in its own frame.
    public static let forward: Vec3 = [1, 0, 0]

    public let skeleton: Skeleton
    /// For each link, its left-right partner (itself on the midline).
    public let mirrorIndex: [Int]
    /// The ankle links: left, right.
    public let feet: [Int]
    /// Heel and toe on the bottom of each foot box, in the ankle's frame: left heel, left toe, right heel, right toe.
    let soleOffsets: [Vec3]

    /// Loads the humanoid from pybullet's URDF.
    public init(urdf: URL) throws {
        let skeleton = try URDFReader.read(urdf, scale: Self.urdfScale)
        guard skeleton.links.map(\.name) == Self.linkNames else {
            throw LoomError.config(file: urdf.path, key: "", line: nil,
                                   message: "expected DeepMimic's humanoid links \(Self.linkNames.joined(separator: ", ")); found \(skeleton.links.map(\.name).joined(separator: ", "))")
        }
        try self.init(skeleton: skeleton, file: urdf.path)
    }

    init(skeleton: Skeleton, file: String) throws {
        self.skeleton = skeleton
        let names = skeleton.links.map(\.name)
        mirrorIndex = names.map { name in
            let other = name.hasPrefix("left_") ? "right_" + name.dropFirst(5) : name.hasPrefix("right_") ? "left_" + name.dropFirst(6) : name
            return names.firstIndex(of: other)!
        }
        feet = [names.firstIndex(of: "left_ankle")!, names.firstIndex(of: "right_ankle")!]
        var soles: [Vec3] = []
        for foot in feet {
            guard case .box(let h) = skeleton.links[foot].shape else {
                throw LoomError.config(file: file, key: "", line: nil, message: "the ankle links need a box collision shape (the foot)")
            }
            let link = skeleton.links[foot]
            soles += [link.shapeOrigin + link.shapeRotation.rotate([-h.x, -h.y, 0]),
                      link.shapeOrigin + link.shapeRotation.rotate([h.x, -h.y, 0])]
        }
        soleOffsets = soles
    }

    /// The number of links.
    public var linkCount: Int { skeleton.links.count }

    /// Values per DeepMimic frame after its duration: root position 3, root quaternion 4 (w x y z),
    /// then 4 per spherical joint and 1 (radians) per revolute joint, in link order.
    public var deepMimicWidth: Int {
        skeleton.links.dropFirst().reduce(7) { width, link in
            if case .revolute = link.joint { return width + 1 }
            return width + 4
        }
    }

    /// The pose of one DeepMimic frame's values (duration excluded).
    public func pose(deepMimic row: ArraySlice<Double>) -> HumanoidPose {
        var i = row.startIndex
        func quaternion() -> Quaternion {
            defer { i += 4 }
            return Quaternion(w: row[i], x: row[i + 1], y: row[i + 2], z: row[i + 3]).normalized
        }
        let root: Vec3 = [row[i], row[i + 1], row[i + 2]]
        i += 3
        var rotations = [quaternion()]
        for link in skeleton.links.dropFirst() {
            if case .revolute(let axis, _, _) = link.joint {
                rotations.append(Quaternion(axis: axis, angle: row[i]))
                i += 1
            } else {
                rotations.append(quaternion())
            }
        }
        return HumanoidPose(root: root, rotations: rotations)
    }

    /// The left-right mirror image of a pose, across the plane z = 0 (the humanoid's sagittal plane at rest).
    public func mirrored(_ pose: HumanoidPose) -> HumanoidPose {
        func mirror(_ q: Quaternion) -> Quaternion { Quaternion(w: q.w, x: -q.x, y: -q.y, z: q.z) }
        var rotations = pose.rotations
        for (i, partner) in mirrorIndex.enumerated() { rotations[i] = mirror(pose.rotations[partner]) }
        return HumanoidPose(root: [pose.root.x, pose.root.y, -pose.root.z], rotations: rotations)
    }

    /// Forward kinematics of a pose, with the foot soles and the lowest point.
    public func frame(_ pose: HumanoidPose) -> HumanoidFrame {
        let (positions, orientations) = skeleton.forward(root: pose.root, rotations: pose.rotations)
        var soles: [Vec3] = []
        soles.reserveCapacity(4)
        for (k, offset) in soleOffsets.enumerated() {
            let foot = feet[k / 2]
            soles.append(positions[foot] + orientations[foot].rotate(offset))
        }
        return HumanoidFrame(positions: positions, orientations: orientations, soles: soles,
                             lowest: skeleton.lowestPoint(positions: positions, orientations: orientations),
                             footLowest: feet.map { skeleton.lowestPoint(of: $0, positions: positions, orientations: orientations) })
    }

    /// The heading (radians about +Y) of a root orientation: 0 when the root faces +Z, π/2 when it faces +X.
    public static func heading(of root: Quaternion) -> Double {
        let f = root.rotate(forward)
        return atan2(f.x, f.z)
    }
}

extension HumanoidFrame {
    /// The height of the lower foot's lowest point when that foot's soles stay still until `next`
    /// (HumanML3D's contact rule, `MotionFeatures.contactThreshold`), or nil when it moves.
    public func supportHeight(next: HumanoidFrame) -> Double? {
        let lows = footLowest
        let foot = lows[0] <= lows[1] ? 0 : 1
        let still = (2 * foot..<(2 * foot + 2)).allSatisfy { k in
            let d = next.soles[k] - soles[k]
            return (d * d).sum() < MotionFeatures.contactThreshold
        }
        return still ? lows[foot] : nil
    }
}
