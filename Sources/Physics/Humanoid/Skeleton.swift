import Foundation

/// How a link turns against its parent.
public enum JointKind: Sendable, Equatable {
    /// The root: a free position and orientation in the world.
    case floating
    /// A ball joint: any rotation.
    case spherical
    /// A hinge about a unit axis in the parent's frame, with limits in radians.
    case revolute(axis: Vec3, lower: Double, upper: Double)
}

/// A link's collision primitive, in the link's frame after `origin` and `rotation`.
public enum CollisionShape: Sendable, Equatable {
    /// A sphere of radius metres.
    case sphere(radius: Double)
    /// A capsule along its local z axis (URDF's convention): radius and the length of the cylinder part, metres.
    case capsule(radius: Double, length: Double)
    /// A box with half extents in metres.
    case box(halfExtents: Vec3)
}

/// One rigid link of an articulated body.
public struct SkeletonLink: Sendable, Equatable {
    public var name: String
    /// The parent link's index (always lower than this link's), or nil for the root.
    public var parent: Int?
    public var joint: JointKind
    /// Where the joint sits in the parent's frame, metres.
    public var jointOffset: Vec3
    /// Mass in kilograms.
    public var mass: Double
    /// The principal moments of inertia, kg·m².
    public var inertia: Vec3
    /// The centre of mass in the link's frame, metres.
    public var centerOfMass: Vec3
    public var shape: CollisionShape
    /// The shape's centre in the link's frame, metres.
    public var shapeOrigin: Vec3
    public var shapeRotation: Quaternion
}

/// An articulated body: links in parent-before-child order.
public struct Skeleton: Sendable, Equatable {
    public var links: [SkeletonLink]

    public init(links: [SkeletonLink]) {
        self.links = links
    }

    /// The index of the link called `name`.
    public func index(of name: String) -> Int? { links.firstIndex { $0.name == name } }

    /// The total mass in kilograms.
    public var mass: Double { links.reduce(0) { $0 + $1.mass } }

    /// Forward kinematics: each link's world position (metres) and orientation, from the root position,
    /// the root orientation (`rotations[0]`) and every other link's rotation against its parent.
    public func forward(root: Vec3, rotations: [Quaternion]) -> (positions: [Vec3], orientations: [Quaternion]) {
        var positions = [Vec3](repeating: .zero, count: links.count)
        var orientations = [Quaternion](repeating: .identity, count: links.count)
        for (i, link) in links.enumerated() {
            if let p = link.parent {
                positions[i] = positions[p] + orientations[p].rotate(link.jointOffset)
                orientations[i] = orientations[p] * rotations[i]
            } else {
                positions[i] = root
                orientations[i] = rotations[i]
            }
        }
        return (positions, orientations)
    }

    /// The height (y, metres) of the lowest point of every link's collision shape.
    public func lowestPoint(positions: [Vec3], orientations: [Quaternion]) -> Double {
        links.indices.map { lowestPoint(of: $0, positions: positions, orientations: orientations) }.min() ?? .infinity
    }

    /// The height (y, metres) of the lowest point of link `i`'s collision shape.
    public func lowestPoint(of i: Int, positions: [Vec3], orientations: [Quaternion]) -> Double {
        let link = links[i]
        let frame = orientations[i] * link.shapeRotation
        let centre = positions[i] + orientations[i].rotate(link.shapeOrigin)
        switch link.shape {
        case .sphere(let r):
            return centre.y - r
        case .capsule(let r, let length):
            let half = frame.rotate([0, 0, length / 2])
            return centre.y - abs(half.y) - r
        case .box(let h):
            let (c0, c1, c2) = frame.columns
            return centre.y - abs(c0.y) * h.x - abs(c1.y) * h.y - abs(c2.y) * h.z
        }
    }
}
