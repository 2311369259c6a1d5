import CBullet

/// An articulated body in an `ArticulatedWorld`: a handle, valid while its world lives.
public struct ArticulatedBody: Hashable, Sendable {
    let handle: Int32
    /// Links after the base.
    public let links: Int
    /// Numbers per packed joint position and velocity (see `ArticulatedState`).
    public let positionCount: Int
    public let velocityCount: Int
}

/// The whole state of an articulated body, in Bullet's terms: the base's centre of mass and
/// orientation, and packed joint coordinates (per link 4 for a ball joint, a quaternion x y z w of
/// the link against its parent, or 1 angle for a hinge; velocities 3 rad/s in the link's frame, or 1).
public struct ArticulatedState: Sendable, Equatable {
    /// The base's centre of mass in the world, metres.
    public var basePosition: Vec3
    /// The base's orientation (body to world).
    public var baseRotation: Quaternion
    /// m/s.
    public var baseVelocity: Vec3
    /// rad/s, world axes.
    public var baseOmega: Vec3
    public var positions: [Double]
    public var velocities: [Double]

    public init(basePosition: Vec3, baseRotation: Quaternion, baseVelocity: Vec3, baseOmega: Vec3,
                positions: [Double], velocities: [Double]) {
        self.basePosition = basePosition
        self.baseRotation = baseRotation
        self.baseVelocity = baseVelocity
        self.baseOmega = baseOmega
        self.positions = positions
        self.velocities = velocities
    }
}

/// A Bullet world of articulated bodies (Featherstone's `btMultiBody` in a
/// `btMultiBodyDynamicsWorld`) stepped in fixed steps, with static ground planes.
///
/// Bodies are built from a `Skeleton`: a floating base, ball and hinge joints (hinges within their
/// limits), one collider per link, optional self-collision between links that are not parent and
/// child, and joint motors with position targets and per-joint torque caps. Every failing Bullet
/// call throws `PhysicsError.call` with Bullet's reason. The same calls in the same order give the
/// same trajectory bit for bit; setting a state forgets all earlier contacts, so what follows it
/// depends only on that state.
public final class ArticulatedWorld {
    private let world: OpaquePointer
    /// Seconds per step.
    public let fixedStep: Double

    /// A world with `gravity` (m/s²) stepping `fixedStep` seconds at a time.
    public init(gravity: Vec3, fixedStep: Double, solverIterations: Int = 10) throws {
        guard let world = cb_mb_world_create(gravity.x, gravity.y, gravity.z, fixedStep, Int32(solverIterations)) else {
            throw PhysicsError.creation("an articulated-body world stepping \(fixedStep) s with \(solverIterations) solver iterations")
        }
        self.world = world
        self.fixedStep = fixedStep
    }

    deinit { cb_mb_world_destroy(world) }

    private func check(_ code: Int32) throws {
        guard code >= 0 else { throw PhysicsError.call(String(cString: cb_mb_world_error(world))) }
    }

    /// A static plane `normal · x = offset` with a friction coefficient.
    public func addGround(normal: Vec3, offset: Double, friction: Double) throws {
        try check(cb_mb_world_add_ground(world, normal.x, normal.y, normal.z, offset, friction))
    }

    /// Builds `skeleton` as a body: the root is the floating base, every other link a ball or hinge
    /// joint at its `jointOffset`, each link's frame at its centre of mass. Colliders get `friction`.
    /// With `inertiaFromShapes` each link's inertia is Bullet's for its mass and collider (as pybullet
    /// loads a URDF unless told to use the file's); otherwise the skeleton's. Boxes get the collision
    /// margin `boxMargin` (m; pybullet's URDF default).
    public func addBody(_ skeleton: Skeleton, friction: Double, selfCollision: Bool, inertiaFromShapes: Bool = false,
                        boxMargin: Double = 0.001) throws -> ArticulatedBody {
        let links = skeleton.links
        guard let root = links.first, root.parent == nil, root.joint == .floating,
              links.dropFirst().allSatisfy({ $0.parent != nil }) else {
            throw PhysicsError.call("an articulated body needs its root first, with a floating joint, and every other link after its parent")
        }
        let handle = cb_mb_body_create(world, Int32(links.count - 1), root.mass, array(root.inertia))
        try check(handle)
        for (i, link) in links.enumerated() {
            if let parent = link.parent {
                let pivot = array(link.jointOffset - links[parent].centerOfMass), toCOM = array(link.centerOfMass)
                switch link.joint {
                case .revolute(let axis, let lower, let upper):
                    try check(cb_mb_link_revolute(world, handle, Int32(i - 1), Int32(parent - 1), link.mass, array(link.inertia),
                                                  array(axis), pivot, toCOM, lower, upper))
                case .spherical, .floating:
                    try check(cb_mb_link_spherical(world, handle, Int32(i - 1), Int32(parent - 1), link.mass, array(link.inertia),
                                                   pivot, toCOM))
                }
            }
            let (kind, size): (Int32, Vec3) = switch link.shape {
            case .sphere(let r): (Int32(CB_MB_SPHERE), [r, 0, 0])
            case .capsule(let r, let length): (Int32(CB_MB_CAPSULE_Z), [r, length, 0])
            case .box(let h): (Int32(CB_MB_BOX), h)
            }
            let q = link.shapeRotation
            try check(cb_mb_collider(world, handle, Int32(i - 1), kind, array(size), array(link.shapeOrigin - link.centerOfMass),
                                     [q.x, q.y, q.z, q.w], friction, boxMargin))
        }
        try check(cb_mb_body_finalize(world, handle, selfCollision ? 1 : 0, inertiaFromShapes ? 1 : 0))
        let np = cb_mb_body_position_count(world, handle)
        try check(np)
        let nv = cb_mb_body_velocity_count(world, handle)
        try check(nv)
        return ArticulatedBody(handle: handle, links: links.count - 1, positionCount: Int(np), velocityCount: Int(nv))
    }

    /// A motor on every joint of `body`, each at most `maxTorque[link]` N·m (links after the base).
    public func addMotors(to body: ArticulatedBody, maxTorque: [Double]) throws {
        guard maxTorque.count == body.links else {
            throw PhysicsError.call("motors: \(maxTorque.count) torque caps for a body of \(body.links) joints")
        }
        try check(cb_mb_body_add_motors(world, body.handle, maxTorque))
    }

    /// Every motor's targets (packed as in `ArticulatedState`) and the constraint gains in [0, 1]:
    /// `kp` weighs the position error, `kd` the velocity error.
    public func setMotorTargets(_ body: ArticulatedBody, positions: [Double], velocities: [Double], kp: Double, kd: Double) throws {
        try checkCounts(body, positions.count, velocities.count, "motor targets")
        try check(cb_mb_body_set_motor_targets(world, body.handle, positions, velocities, kp, kd))
    }

    /// Puts the body in `state` and forgets every earlier contact.
    public func setState(_ body: ArticulatedBody, _ state: ArticulatedState) throws {
        try checkCounts(body, state.positions.count, state.velocities.count, "set state")
        let r = state.baseRotation
        try check(cb_mb_body_set_state(world, body.handle, array(state.basePosition), [r.x, r.y, r.z, r.w],
                                       array(state.baseVelocity), array(state.baseOmega), state.positions, state.velocities))
    }

    /// Reads the body's state into `state` (its arrays reused when they have the right size).
    public func readState(_ body: ArticulatedBody, into state: inout ArticulatedState) throws {
        let np = body.positionCount, nv = body.velocityCount
        if state.positions.count != np { state.positions = Array(repeating: 0, count: np) }
        if state.velocities.count != nv { state.velocities = Array(repeating: 0, count: nv) }
        var p = [0.0, 0, 0], q = [0.0, 0, 0, 1], v = [0.0, 0, 0], w = [0.0, 0, 0]
        try check(cb_mb_body_state(world, body.handle, &p, &q, &v, &w, &state.positions, &state.velocities))
        state.basePosition = [p[0], p[1], p[2]]
        state.baseRotation = Quaternion(w: q[3], x: q[0], y: q[1], z: q[2])
        state.baseVelocity = [v[0], v[1], v[2]]
        state.baseOmega = [w[0], w[1], w[2]]
    }

    /// The world position (metres) of every link's centre of mass, base first.
    public func linkCenters(_ body: ArticulatedBody) throws -> [Vec3] {
        var xyz = [Double](repeating: 0, count: 3 * (body.links + 1))
        try check(cb_mb_body_link_positions(world, body.handle, &xyz))
        return (0...body.links).map { [xyz[3 * $0], xyz[3 * $0 + 1], xyz[3 * $0 + 2]] }
    }

    /// A force (N) through the base's centre of mass and a torque (N·m), world axes, for the next step.
    public func addBaseWrench(_ body: ArticulatedBody, force: Vec3, torque: Vec3) throws {
        try check(cb_mb_body_add_base_wrench(world, body.handle, array(force), array(torque)))
    }

    /// Advances `steps` fixed steps.
    public func step(_ steps: Int = 1) throws {
        try check(cb_mb_world_step(world, Int32(steps)))
    }

    private func checkCounts(_ body: ArticulatedBody, _ np: Int, _ nv: Int, _ what: String) throws {
        let p = body.positionCount, v = body.velocityCount
        guard np == p, nv == v else {
            throw PhysicsError.call("\(what): \(np) joint positions and \(nv) velocities for a body of \(p) and \(v)")
        }
    }

    private func array(_ v: Vec3) -> [Double] { [v.x, v.y, v.z] }
}
