/// A body in a `World`: a handle, valid while its world lives.
public struct Body: Hashable, Sendable {
    let handle: Int32
}

/// How a body moves.
public enum BodyMotion: Sendable, Equatable {
    /// Moved by forces, gravity and contacts.
    case dynamic
    /// Held where the caller puts it; pushes dynamic bodies and is not pushed back.
    case kinematic
    /// Never moves.
    case fixed
}

/// The contact and damping properties of a body, Bullet's (and Blender's rigid-body panel's).
///
/// Bullet combines two touching bodies' values by multiplying them: friction (clamped to 10) and
/// restitution alike.
public struct SurfaceMaterial: Sendable, Equatable, Codable {
    /// Coulomb friction coefficient.
    public var friction: Double
    /// Restitution (bounciness): 0 no bounce, 1 elastic.
    public var restitution: Double
    /// Fraction of linear velocity lost per second: v ← v·(1 − d)^dt.
    public var linearDamping: Double
    /// Fraction of angular velocity lost per second.
    public var angularDamping: Double
    /// Collision margin in m. Bullet's spheres ignore a shape margin (theirs is the radius), so for a sphere
    /// the margin widens the contact radius instead, as Blender's resting balls show (radius + margin).
    public var margin: Double

    /// A material; friction 0.5, no bounce and margin 0.04 m are Blender's defaults; damping defaults to none.
    public init(friction: Double = 0.5, restitution: Double = 0, linearDamping: Double = 0,
                angularDamping: Double = 0, margin: Double = 0.04) {
        self.friction = friction
        self.restitution = restitution
        self.linearDamping = linearDamping
        self.angularDamping = angularDamping
        self.margin = margin
    }
}

/// Where a body is and how it moves, in world units (metres, seconds, radians).
public struct BodyState: Sendable, Equatable {
    /// Centre of mass in m.
    public var position: SIMD3<Double>
    /// Orientation as a unit quaternion (x, y, z, w).
    public var orientation: SIMD4<Double>
    /// Velocity of the centre of mass in m/s.
    public var linearVelocity: SIMD3<Double>
    /// Angular velocity in rad/s.
    public var angularVelocity: SIMD3<Double>
}
