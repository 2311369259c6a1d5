import Foundation

extension Humanoid {
    /// The largest torque each joint's motor gives, N·m, in link order (the root has none):
    /// DeepMimic's `maxForces` for this humanoid (`humanoid3d.txt`).
    public static let maxTorques: [Double] = [0, 200, 50, 200, 150, 90, 100, 60, 200, 150, 90, 100, 60]
}

/// Why a motion cannot be tracked, or why its simulation was given up.
public enum TrackingProblem: Error, Equatable, CustomStringConvertible {
    case tooShort(frames: Int)
    case wrongLinkCount(found: Int, expected: Int)
    case notFinite(frame: Int)
    case blewUp(frame: Int, what: String)

    public var description: String {
        switch self {
        case .tooShort(let n): "the motion has \(n) frame\(n == 1 ? "" : "s"); tracking needs at least 2"
        case .wrongLinkCount(let found, let expected): "the motion has \(found) joints; the humanoid has \(expected)"
        case .notFinite(let frame): "frame \(frame) has a NaN or infinite value"
        case .blewUp(let frame, let what): "the simulation blew up at frame \(frame) (\(what))"
        }
    }
}

/// What tracking a motion gave.
public struct Tracking: Sendable {
    /// The simulated motion at the reference's frame times (frame 0 is the reference's first pose,
    /// lifted out of the ground if it was in it).
    public var poses: [HumanoidPose]
    /// Mean over frames and links of the distance between simulated and reference link positions,
    /// each taken relative to its root, metres.
    public var rootRelativeError: Double
    /// Mean over frames and links of the distance between simulated and reference link positions, metres.
    public var linkError: Double
    /// Times the fail-safe put the humanoid back on the reference.
    public var resets: Int
    /// Simulation steps taken.
    public var steps: Int
}

/// Makes the humanoid follow a motion in physics: a Bullet articulated body (floating base, ball
/// and hinge joints with motors capped at the humanoid's torques) on a ground plane, whose joint
/// motors chase the motion's joint rotations while a capped PD wrench on the root (a "helper",
/// the role of UHC's residual forces) pulls it toward the motion's root position and orientation.
///
/// The simulation runs at a whole multiple of the motion's frame rate (about `Controller.rate`);
/// targets are interpolated between frames, and the result is read exactly at the frame times.
/// With no helper the humanoid must balance on its motors alone and falls when it cannot. A
/// tracker holds one Bullet world, built on first use and reused for every motion with the same
/// frame rate; each motion starts from a fresh state, so its result does not depend on the ones
/// before. A tracker is for one thread.
public final class HumanoidTracker {
    /// The controller's constants.
    public struct Controller: Sendable, Equatable {
        /// Simulation steps per second, rounded to a whole multiple of the motion's frame rate, Hz.
        public var rate: Double = 600
        /// Bullet's motor gains (per step, in [0, 1]) on the joint position and velocity errors (velocity
        /// targets are the motion's joint velocities).
        public var kp: Double = 0.6
        public var kd: Double = 0.05
        /// The root helper's PD gains: force = mass · (stiffness · position error + damping · velocity error),
        /// 1/s² and 1/s; the torque uses the same gains times `rootInertia`.
        public var rootStiffness: Double = 400
        public var rootDamping: Double = 40
        /// kg·m²: the helper torque's scale.
        public var rootInertia: Double = 15
        /// The helper torque's cap per newton of force cap, m.
        public var torquePerForce: Double = 0.3
        /// The foot-ground friction coefficient. Lower than a shoe's: with targets interpolated between
        /// 20 fps frames the swing foot scrapes the floor, and at 0.8 it trips (docs/motion.md).
        public var friction: Double = 0.3
        public var solverIterations: Int = 10
        /// The joint motors' torque caps, N·m, in link order (the root's is unused).
        public var maxTorques: [Double] = Humanoid.maxTorques
        /// Links that are not parent and child collide with each other.
        public var selfCollision: Bool = true
        /// Link inertias from the colliders, as pybullet (and so DeepMimic) loads the URDF, whose own
        /// inertias are placeholders (0.1 for every link at the file's scale).
        public var inertiaFromShapes: Bool = true

        public init() {}
    }

    public let humanoid: Humanoid
    public let controller: Controller
    private var world: ArticulatedWorld?
    private var body: ArticulatedBody?
    private let gravity = 9.81

    public init(humanoid: Humanoid, controller: Controller = Controller()) {
        self.humanoid = humanoid
        self.controller = controller
    }

    /// The humanoid's weight, N.
    public var weight: Double { humanoid.skeleton.mass * gravity }

    /// Steps per frame at `fps`.
    public func stepsPerFrame(fps: Double) -> Int { max(1, Int((controller.rate / fps).rounded())) }

    /// Tracks `poses` (sampled at `fps`) with the root helper's force capped at `helperForce` N (0: pure
    /// physics); when the mean link error passes `failSafeError` m the humanoid is put back on the
    /// reference pose and the reset counted (nil: never).
    public func track(_ poses: [HumanoidPose], fps: Double, helperForce: Double, failSafeError: Double?) throws -> Tracking {
        let links = humanoid.skeleton.links
        guard poses.count >= 2 else { throw TrackingProblem.tooShort(frames: poses.count) }
        for (t, pose) in poses.enumerated() {
            guard pose.rotations.count == links.count else {
                throw TrackingProblem.wrongLinkCount(found: pose.rotations.count, expected: links.count)
            }
            let values = [pose.root.x, pose.root.y, pose.root.z] + pose.rotations.flatMap { [$0.w, $0.x, $0.y, $0.z] }
            guard values.allSatisfy(\.isFinite), pose.rotations.allSatisfy({ $0.dot($0) > 0 }) else {
                throw TrackingProblem.notFinite(frame: t)
            }
        }
        precondition(fps > 0 && helperForce >= 0, "tracking needs a positive frame rate and a non-negative helper force")
        let k = stepsPerFrame(fps: fps)
        let (world, body) = try prepare(step: 1 / (fps * Double(k)))
        let reference = Reference(poses: poses, humanoid: humanoid, fps: fps)
        var state = reference.state(frame: 0, lift: true)
        try world.setState(body, state)
        var output = [reference.lifted(0)]
        output.reserveCapacity(poses.count)
        var relative = 0.0, absolute = 0.0, resets = 0, steps = 0
        var targets = [Double](repeating: 0, count: body.positionCount)
        let mass = humanoid.skeleton.mass
        for f in 0..<(poses.count - 1) {
            let velocities = reference.jointVelocities[f]
            for s in 1...k {
                let u = Double(s) / Double(k)
                reference.jointPositions(between: f, u, into: &targets)
                try world.setMotorTargets(body, positions: targets, velocities: velocities, kp: controller.kp, kd: controller.kd)
                if helperForce > 0 {
                    try world.readState(body, into: &state)
                    var (force, torque) = helper(state: state, target: reference.base(between: f, u), mass: mass, cap: helperForce)
                    // The helper never holds up a body that the motion keeps off the ground.
                    if !reference.supported[f] { force.y = min(force.y, 0) }
                    try world.addBaseWrench(body, force: force, torque: torque)
                }
                try world.step()
                steps += 1
            }
            try world.readState(body, into: &state)
            try checkSane(state, frame: f + 1)
            let pose = reference.pose(of: state)
            let sim = humanoid.frame(pose).positions, ref = humanoid.frame(poses[f + 1]).positions
            var e = 0.0, r = 0.0
            for j in sim.indices {
                let d = sim[j] - ref[j], dr = (sim[j] - sim[0]) - (ref[j] - ref[0])
                e += (d * d).sum().squareRoot()
                r += (dr * dr).sum().squareRoot()
            }
            e /= Double(sim.count)
            r /= Double(sim.count)
            if let limit = failSafeError, e > limit {
                resets += 1
                state = reference.state(frame: f + 1, lift: true)
                try world.setState(body, state)
                output.append(reference.lifted(f + 1))
            } else {
                output.append(pose)
            }
            absolute += e
            relative += r
        }
        let n = Double(poses.count - 1)
        return Tracking(poses: output, rootRelativeError: relative / n, linkError: absolute / n, resets: resets, steps: steps)
    }

    /// The world and body for a step length, built once and kept while the step stays the same.
    private func prepare(step: Double) throws -> (ArticulatedWorld, ArticulatedBody) {
        if let world, let body, world.fixedStep == step { return (world, body) }
        let w = try ArticulatedWorld(gravity: [0, -gravity, 0], fixedStep: step, solverIterations: controller.solverIterations)
        // Bullet multiplies the two friction coefficients: the links' 1 leaves the ground's.
        try w.addGround(normal: Humanoid.up, offset: 0, friction: controller.friction)
        let b = try w.addBody(humanoid.skeleton, friction: 1, selfCollision: controller.selfCollision,
                              inertiaFromShapes: controller.inertiaFromShapes)
        try w.addMotors(to: b, maxTorque: Array(controller.maxTorques.prefix(humanoid.linkCount).dropFirst()))
        world = w
        body = b
        return (w, b)
    }

    /// The capped PD wrench pulling the base toward the reference base.
    private func helper(state: ArticulatedState, target: BaseTarget, mass: Double, cap: Double) -> (Vec3, Vec3) {
        let c = controller
        var force = mass * (c.rootStiffness * (target.position - state.basePosition) + c.rootDamping * (target.velocity - state.baseVelocity))
        let fn = (force * force).sum().squareRoot()
        if fn > cap { force *= cap / fn }
        var turn = target.rotation * state.baseRotation.conjugate
        if turn.w < 0 { turn = turn.negated }
        var torque = c.rootInertia * (c.rootStiffness * (2 * turn.vector) + c.rootDamping * (target.omega - state.baseOmega))
        let tn = (torque * torque).sum().squareRoot(), tcap = cap * c.torquePerForce
        if tn > tcap { torque *= tcap / tn }
        return (force, torque)
    }

    /// Gives up on a state that is no longer a simulation of a body.
    private func checkSane(_ s: ArticulatedState, frame: Int) throws {
        let numbers = [s.basePosition.x, s.basePosition.y, s.basePosition.z, s.baseVelocity.x, s.baseVelocity.y, s.baseVelocity.z,
                       s.baseOmega.x, s.baseOmega.y, s.baseOmega.z] + s.positions + s.velocities
        guard numbers.allSatisfy(\.isFinite) else { throw TrackingProblem.blewUp(frame: frame, what: "a NaN or infinite state") }
        let speed = (s.baseVelocity * s.baseVelocity).sum().squareRoot()
        let spin = s.velocities.map(abs).max() ?? 0
        if speed > 100 || spin > 1000 {
            throw TrackingProblem.blewUp(frame: frame, what: String(format: "root at %.0f m/s, a joint at %.0f rad/s", speed, spin))
        }
    }
}

/// The base's target at a moment: where the reference root's centre of mass is and how it moves.
struct BaseTarget {
    var position: Vec3
    var rotation: Quaternion
    var velocity: Vec3
    var omega: Vec3
}

/// A reference motion in the articulated body's terms: packed joint coordinates per frame, joint
/// and base velocities per frame interval.
struct Reference {
    let poses: [HumanoidPose]
    let humanoid: Humanoid
    let fps: Double
    /// Packed joint positions of each frame (hinge angles from each rotation's twist about its axis).
    let jointPositions: [[Double]]
    /// Packed joint velocities from frame t to t+1 (the last frame repeats the one before).
    let jointVelocities: [[Double]]
    /// Whether a foot is on (or in) the ground (`MotionQuality.contactHeight`) in some frame within
    /// `Reference.flight` seconds of frame t: a motion's brief flights (running) get help, a motion
    /// that never touches the ground (floating) none.
    let supported: [Bool]
    static let flight = 0.25

    init(poses: [HumanoidPose], humanoid: Humanoid, fps: Double) {
        var continuous = MotionClip(fps: fps, poses: poses)
        continuous.makeContinuous()
        let poses = continuous.poses
        self.poses = poses
        self.humanoid = humanoid
        self.fps = fps
        let links = humanoid.skeleton.links
        jointPositions = poses.map { pose in
            links.indices.dropFirst().flatMap { i -> [Double] in
                let q = pose.rotations[i]
                if case .revolute(let axis, _, _) = links[i].joint { return [q.twist(about: axis)] }
                return [q.x, q.y, q.z, q.w]
            }
        }
        var velocities: [[Double]] = []
        for t in 0..<(poses.count - 1) {
            velocities.append(links.indices.dropFirst().flatMap { i -> [Double] in
                let a = poses[t].rotations[i], b = poses[t + 1].rotations[i]
                if case .revolute(let axis, _, _) = links[i].joint {
                    var d = b.twist(about: axis) - a.twist(about: axis)
                    if d > .pi { d -= 2 * .pi } else if d < -.pi { d += 2 * .pi }
                    return [d * fps]
                }
                let v = Reference.rotationVector(a.conjugate * b) * fps
                return [v.x, v.y, v.z]
            })
        }
        velocities.append(velocities.last!)
        jointVelocities = velocities
        let touching = poses.map { (humanoid.frame($0).footLowest.min() ?? 0) <= MotionQuality.contactHeight }
        let reach = Int((Reference.flight * fps).rounded())
        supported = touching.indices.map { t in touching[max(0, t - reach)...min(touching.count - 1, t + reach)].contains(true) }
    }

    /// The axis times the angle (radians) of a rotation.
    static func rotationVector(_ q: Quaternion) -> Vec3 {
        let q = q.w < 0 ? q.negated : q
        let s = (q.vector * q.vector).sum().squareRoot()
        guard s > 1e-12 else { return 2 * q.vector }
        return q.vector * (2 * atan2(s, q.w) / s)
    }

    /// Frame t moved up so no collision shape is below the ground.
    func lifted(_ t: Int) -> HumanoidPose {
        var pose = poses[t]
        let low = humanoid.frame(pose).lowest
        if low < 0 { pose.root.y -= low }
        return pose
    }

    /// The centre of mass of the root of `pose`.
    func baseCenter(_ pose: HumanoidPose) -> Vec3 {
        pose.root + pose.rotations[0].rotate(humanoid.skeleton.links[0].centerOfMass)
    }

    /// The body state of frame t, its velocities from the interval that starts there (the one
    /// before, for the last frame).
    func state(frame t: Int, lift: Bool) -> ArticulatedState {
        let pose = lift ? lifted(t) : poses[t]
        let (a, b) = t + 1 < poses.count ? (t, t + 1) : (t - 1, t)
        let velocity = (baseCenter(poses[b]) - baseCenter(poses[a])) * fps
        let omega = Reference.rotationVector(poses[b].rotations[0] * poses[a].rotations[0].conjugate) * fps
        return ArticulatedState(basePosition: baseCenter(pose), baseRotation: pose.rotations[0], baseVelocity: velocity,
                                baseOmega: omega, positions: jointPositions[t], velocities: jointVelocities[t])
    }

    /// The base target a fraction `u` of the way from frame t to t+1.
    func base(between t: Int, _ u: Double) -> BaseTarget {
        let a = poses[t], b = poses[t + 1]
        let ca = baseCenter(a), cb = baseCenter(b)
        return BaseTarget(position: ca + u * (cb - ca), rotation: Quaternion.slerp(a.rotations[0], b.rotations[0], u),
                          velocity: (cb - ca) * fps,
                          omega: Reference.rotationVector(b.rotations[0] * a.rotations[0].conjugate) * fps)
    }

    /// Packed joint positions a fraction `u` of the way from frame t to t+1.
    func jointPositions(between t: Int, _ u: Double, into out: inout [Double]) {
        let a = jointPositions[t], b = jointPositions[t + 1]
        var i = 0
        for link in humanoid.skeleton.links.dropFirst() {
            if case .revolute = link.joint {
                out[i] = a[i] + u * (b[i] - a[i])
                i += 1
            } else {
                let q = Quaternion.slerp(Quaternion(w: a[i + 3], x: a[i], y: a[i + 1], z: a[i + 2]),
                                         Quaternion(w: b[i + 3], x: b[i], y: b[i + 1], z: b[i + 2]), u)
                out[i] = q.x
                out[i + 1] = q.y
                out[i + 2] = q.z
                out[i + 3] = q.w
                i += 4
            }
        }
    }

    /// The pose of a body state.
    func pose(of s: ArticulatedState) -> HumanoidPose {
        let links = humanoid.skeleton.links
        var rotations = [s.baseRotation]
        rotations.reserveCapacity(links.count)
        var i = 0
        for link in links.dropFirst() {
            if case .revolute(let axis, _, _) = link.joint {
                rotations.append(Quaternion(axis: axis, angle: s.positions[i]))
                i += 1
            } else {
                rotations.append(Quaternion(w: s.positions[i + 3], x: s.positions[i], y: s.positions[i + 1], z: s.positions[i + 2]).normalized)
                i += 4
            }
        }
        return HumanoidPose(root: s.basePosition - s.baseRotation.rotate(links[0].centerOfMass), rotations: rotations)
    }
}
