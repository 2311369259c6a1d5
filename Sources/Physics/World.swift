import CBullet

/// A Bullet rigid-body world stepped frame by frame, the way Blender's rigid-body world steps:
/// each video frame is `substepsPerFrame` fixed steps (10 at 24 fps: 240 Hz).
///
/// Contacts use Kubric's settings for stable, repeatable results: split impulse, restitution at
/// any speed (threshold 0), no warm starting, overlapping pairs in a deterministic order. The same
/// calls in the same order give the same trajectory bit for bit.
public final class World {
    /// How the world steps.
    public struct Settings: Sendable, Equatable {
        /// Gravity in m/s² (world Z up).
        public var gravity: SIMD3<Double>
        /// Video frames per second (Hz); must be > 0.
        public var frameRate: Double
        /// Fixed physics steps per frame; must be > 0.
        public var substepsPerFrame: Int
        /// Constraint solver iterations per step; must be > 0.
        public var solverIterations: Int

        /// Blender's defaults: gravity −9.81 along Z, 24 fps, 10 substeps, 10 solver iterations.
        public init(gravity: SIMD3<Double> = SIMD3(0, 0, -9.81), frameRate: Double = 24,
                    substepsPerFrame: Int = 10, solverIterations: Int = 10) {
            self.gravity = gravity
            self.frameRate = frameRate
            self.substepsPerFrame = substepsPerFrame
            self.solverIterations = solverIterations
        }

        /// Seconds per substep.
        public var fixedStep: Double { 1 / (frameRate * Double(substepsPerFrame)) }
    }

    /// How this world steps.
    public let settings: Settings
    private let world: OpaquePointer
    /// Frames stepped so far.
    public private(set) var frame = 0

    /// A world with these settings; throws `PhysicsError.creation` if a rate or count is not positive.
    public init(settings: Settings = Settings()) throws {
        guard settings.frameRate > 0, settings.substepsPerFrame > 0, settings.solverIterations > 0 else {
            throw PhysicsError.creation("a world stepping \(settings.substepsPerFrame) substeps per frame at \(settings.frameRate) fps")
        }
        guard let world = cb_world_create(settings.gravity.x, settings.gravity.y, settings.gravity.z) else {
            throw PhysicsError.creation("a world")
        }
        self.world = world
        self.settings = settings
        cb_world_set_solver_iterations(world, Int32(settings.solverIterations))
        cb_world_configure_contacts(world, 1, 0, 0, 1)
    }

    deinit { cb_world_destroy(world) }

    /// A static infinite plane `normal · x = offset`.
    public func addPlane(normal: SIMD3<Double>, offset: Double, material: SurfaceMaterial) throws -> Body {
        let body = try check(cb_add_plane(world, normal.x, normal.y, normal.z, offset), "a plane")
        apply(material, to: body, shapeMargin: true)
        return body
    }

    /// A box given by its half extents; a `.fixed` box has no mass.
    public func addBox(halfExtents h: SIMD3<Double>, mass: Double, at position: SIMD3<Double>,
                       material: SurfaceMaterial, motion: BodyMotion = .dynamic) throws -> Body {
        let body = try check(cb_add_box(world, h.x, h.y, h.z, motion == .fixed ? 0 : mass,
                                        position.x, position.y, position.z), "a box")
        apply(material, to: body, shapeMargin: true)
        if motion == .kinematic { setKinematic(body, true) }
        return body
    }

    /// A sphere; its contact radius is `radius + material.margin` (see `SurfaceMaterial.margin`).
    public func addSphere(radius: Double, mass: Double, at position: SIMD3<Double>,
                          material: SurfaceMaterial, motion: BodyMotion = .dynamic) throws -> Body {
        guard radius > 0, motion == .fixed || mass > 0 else {
            throw PhysicsError.creation("a sphere of radius \(radius) and mass \(mass)")
        }
        let body = try check(cb_add_sphere(world, radius + material.margin, motion == .fixed ? 0 : mass,
                                           position.x, position.y, position.z), "a sphere")
        apply(material, to: body, shapeMargin: false)
        if motion == .kinematic { setKinematic(body, true) }
        return body
    }

    private func check(_ handle: Int32, _ what: String) throws -> Body {
        guard handle >= 0 else { throw PhysicsError.creation(what) }
        return Body(handle: handle)
    }

    private func apply(_ m: SurfaceMaterial, to body: Body, shapeMargin: Bool) {
        cb_body_set_friction(world, body.handle, m.friction)
        cb_body_set_restitution(world, body.handle, m.restitution)
        cb_body_set_damping(world, body.handle, m.linearDamping, m.angularDamping)
        if shapeMargin { cb_body_set_margin(world, body.handle, m.margin) }
        // Blender never lets rigid bodies sleep unless asked to.
        cb_body_disable_deactivation(world, body.handle)
    }

    /// Switches a body between kinematic (held) and dynamic (its mass from creation or `setMass`).
    /// Either way it starts from rest.
    public func setKinematic(_ body: Body, _ kinematic: Bool) {
        cb_body_set_kinematic(world, body.handle, kinematic ? 1 : 0)
    }

    /// Whether a body is kinematic now.
    public func isKinematic(_ body: Body) -> Bool { cb_body_is_kinematic(world, body.handle) != 0 }

    /// The mass a body has while dynamic (takes effect at once if it is dynamic now).
    public func setMass(_ body: Body, _ mass: Double) {
        precondition(mass > 0, "a dynamic body needs a positive mass")
        cb_body_set_mass(world, body.handle, mass)
    }

    /// The body's mass now: 0 while kinematic or fixed.
    public func mass(of body: Body) -> Double { cb_body_mass(world, body.handle) }

    /// Moves a body (a kinematic body's velocity follows from its moves).
    public func setPosition(_ body: Body, _ p: SIMD3<Double>) {
        cb_body_set_position(world, body.handle, p.x, p.y, p.z)
    }

    /// Turns a body to a unit quaternion (x, y, z, w).
    public func setOrientation(_ body: Body, _ q: SIMD4<Double>) {
        cb_body_set_orientation(world, body.handle, q.x, q.y, q.z, q.w)
    }

    /// Sets a body's linear (m/s) and angular (rad/s) velocity.
    public func setVelocity(_ body: Body, linear: SIMD3<Double>, angular: SIMD3<Double> = .zero) {
        cb_body_set_linear_velocity(world, body.handle, linear.x, linear.y, linear.z)
        cb_body_set_angular_velocity(world, body.handle, angular.x, angular.y, angular.z)
    }

    /// A force through the body's centre of mass, held constant over every substep of the next
    /// `stepFrame()` (as Blender applies a force field's push once per frame).
    public func holdForce(_ force: SIMD3<Double>, on body: Body) {
        cb_body_hold_central_force(world, body.handle, force.x, force.y, force.z)
    }

    /// Advances one video frame.
    public func stepFrame() {
        cb_world_step_substeps(world, Int32(settings.substepsPerFrame), settings.fixedStep)
        frame += 1
    }

    /// Where a body is and how it moves.
    public func state(of body: Body) -> BodyState {
        var p = [0.0, 0, 0], q = [0.0, 0, 0, 1], v = [0.0, 0, 0], w = [0.0, 0, 0]
        cb_body_position(world, body.handle, &p)
        cb_body_orientation(world, body.handle, &q)
        cb_body_linear_velocity(world, body.handle, &v)
        cb_body_angular_velocity(world, body.handle, &w)
        return BodyState(position: SIMD3(p[0], p[1], p[2]), orientation: SIMD4(q[0], q[1], q[2], q[3]),
                         linearVelocity: SIMD3(v[0], v[1], v[2]), angularVelocity: SIMD3(w[0], w[1], w[2]))
    }

    /// How many bodies the world holds.
    public var bodyCount: Int { Int(cb_world_body_count(world)) }
}
