import CBullet

/// A cloth in a `ClothWorld`: a handle, valid while its world lives.
public struct Cloth: Hashable, Sendable {
    let handle: Int32
}

/// A rectangular cloth patch of `columns` × `rows` nodes, built with Bullet's `CreatePatch` (no
/// diagonal shear links) plus bending links between nodes two apart.
///
/// Node (i, j) has index `j * columns + i`; corner `c00` is node (0, 0), `c10` node (columns − 1, 0),
/// `c01` node (0, rows − 1).
public struct ClothPatch: Sendable, Equatable {
    public var c00: SIMD3<Double>
    public var c10: SIMD3<Double>
    public var c01: SIMD3<Double>
    public var c11: SIMD3<Double>
    public var columns: Int
    public var rows: Int
    /// Total mass (kg), spread evenly over the nodes before any are pinned.
    public var mass: Double
    /// Bullet's linear stiffness coefficient (0, 1] of the structural links.
    public var stretchStiffness: Double
    /// Bullet's linear stiffness coefficient (0, 1] of the bending links.
    public var bendStiffness: Double
    /// Position-solver iterations per substep.
    public var iterations: Int
    /// Bullet's velocity damping coefficient kDP (0 ... 1, per substep).
    public var damping: Double
    /// The wind model's pressure coefficient C (dimensionless, see `ClothWorld`).
    public var pressureCoefficient: Double

    public init(c00: SIMD3<Double>, c10: SIMD3<Double>, c01: SIMD3<Double>, c11: SIMD3<Double>,
                columns: Int, rows: Int, mass: Double, stretchStiffness: Double, bendStiffness: Double,
                iterations: Int, damping: Double, pressureCoefficient: Double) {
        self.c00 = c00
        self.c10 = c10
        self.c01 = c01
        self.c11 = c11
        self.columns = columns
        self.rows = rows
        self.mass = mass
        self.stretchStiffness = stretchStiffness
        self.bendStiffness = bendStiffness
        self.iterations = iterations
        self.damping = damping
        self.pressureCoefficient = pressureCoefficient
    }

    public var nodeCount: Int { columns * rows }
}

/// A Bullet soft-body world (`btSoftRigidDynamicsWorld`) of cloths in a uniform wind, stepped frame
/// by frame in fixed substeps.
///
/// The wind is our own model, because Bullet's aerodynamic models limit each node's velocity change
/// by its current speed, so a cloth at rest does not move at all in 10-30 m/s wind. Before every
/// substep each triangle of every cloth gets a pressure force along its unit normal n,
/// F = ½ ρ C A (w_rel·n)|w_rel·n| n, where A is its area (m²), ρ the air density (kg/m³), C the
/// cloth's `pressureCoefficient`, and w_rel the wind minus the mean velocity of its three nodes;
/// a third of F goes to each node. A face facing the wind is pushed hardest; a face along it feels
/// none, so a cloth streaming in strong wind flutters rather than lying still.
public final class ClothWorld {
    /// How the world steps.
    public struct Settings: Sendable, Equatable {
        /// Gravity (m/s²).
        public var gravity: SIMD3<Double>
        /// Air density ρ (kg/m³).
        public var airDensity: Double
        public var frameRate: Double
        public var substepsPerFrame: Int

        /// Gravity −9.81 along Z, air 1.2 kg/m³, 24 fps, 10 substeps per frame.
        public init(gravity: SIMD3<Double> = SIMD3(0, 0, -9.81), airDensity: Double = 1.2, frameRate: Double = 24,
                    substepsPerFrame: Int = 10) {
            self.gravity = gravity
            self.airDensity = airDensity
            self.frameRate = frameRate
            self.substepsPerFrame = substepsPerFrame
        }

        /// Seconds per substep.
        public var fixedStep: Double { 1 / (frameRate * Double(substepsPerFrame)) }
    }

    public let settings: Settings
    private let world: OpaquePointer
    private var patches: [ClothPatch] = []
    /// Frames stepped so far.
    public private(set) var frame = 0
    /// The uniform wind velocity (m/s) from the next step on.
    public var wind = SIMD3<Double>.zero {
        didSet { cb_soft_world_set_wind(world, wind.x, wind.y, wind.z) }
    }

    public init(settings: Settings = Settings()) throws {
        guard settings.frameRate > 0, settings.substepsPerFrame > 0, settings.airDensity >= 0 else {
            throw PhysicsError.creation("a cloth world stepping \(settings.substepsPerFrame) substeps per frame at \(settings.frameRate) fps")
        }
        guard let world = cb_soft_world_create(settings.gravity.x, settings.gravity.y, settings.gravity.z,
                                               settings.airDensity) else {
            throw PhysicsError.creation("a cloth world")
        }
        self.world = world
        self.settings = settings
    }

    deinit { cb_soft_world_destroy(world) }

    /// Adds a cloth patch.
    public func addCloth(_ p: ClothPatch) throws -> Cloth {
        let corners = [p.c00, p.c10, p.c01, p.c11].map { [$0.x, $0.y, $0.z] }
        let handle = cb_cloth_add(world, corners[0], corners[1], corners[2], corners[3], Int32(p.columns), Int32(p.rows),
                                  p.mass, p.stretchStiffness, p.bendStiffness, Int32(p.iterations), p.damping,
                                  p.pressureCoefficient)
        guard handle >= 0 else { throw PhysicsError.creation("a \(p.columns)×\(p.rows) cloth of \(p.mass) kg") }
        patches.append(p)
        return Cloth(handle: handle)
    }

    /// The patch a cloth was made from.
    public func patch(of cloth: Cloth) -> ClothPatch { patches[Int(cloth.handle)] }

    /// Pins a node where it is now.
    public func pin(_ cloth: Cloth, node: Int) {
        cb_cloth_pin(world, cloth.handle, Int32(node))
    }

    /// Moves every node (and its rest state) before the first step; `positions` holds one point per node.
    public func setPositions(_ cloth: Cloth, _ positions: [SIMD3<Double>]) {
        precondition(positions.count == patch(of: cloth).nodeCount, "one position per node")
        let flat = positions.flatMap { [$0.x, $0.y, $0.z] }
        cb_cloth_set_positions(world, cloth.handle, flat)
    }

    /// Advances one video frame.
    public func stepFrame() {
        cb_soft_world_step_substeps(world, Int32(settings.substepsPerFrame), settings.fixedStep)
        frame += 1
    }

    /// Node positions (metres), x y z per node, into `out` (resized to 3 × nodes).
    public func positions(of cloth: Cloth, into out: inout [Double]) {
        out.resize(to: 3 * patch(of: cloth).nodeCount)
        out.withUnsafeMutableBufferPointer { cb_cloth_positions(world, cloth.handle, $0.baseAddress) }
    }

    /// Node normals (unit), x y z per node, as Bullet last updated them, into `out`.
    public func normals(of cloth: Cloth, into out: inout [Double]) {
        out.resize(to: 3 * patch(of: cloth).nodeCount)
        out.withUnsafeMutableBufferPointer { cb_cloth_normals(world, cloth.handle, $0.baseAddress) }
    }

    /// The largest ratio of a structural link's length to its rest length; infinite when a node is not finite.
    public func maxStretch(of cloth: Cloth) -> Double { cb_cloth_max_stretch(world, cloth.handle) }
}

extension Array where Element == Double {
    fileprivate mutating func resize(to count: Int) {
        if self.count != count { self = [Double](repeating: 0, count: count) }
    }
}
