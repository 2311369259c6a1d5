import Foundation
import Physics
import Render

/// The constants of the original's `waving_flags.blend` scene (reference §4.1-4.2) and of our cloth
/// model, which stands in for Blender cloth (§10.2). World axes are Blender's: Z up; the camera looks
/// along +Y, so image right is +X and image up is +Z.
public enum FlagScene {
    // MARK: Camera (reference §4.1)

    /// Camera location before jitter (metres).
    public static let cameraLocation = SIMD3<Double>(0, -7.88, 2.0)
    /// Euler XYZ rotation (−87°, 180°, 180°): looking along +Y, 3° up.
    public static let cameraRotation = SIMD3<Double>(-87, 180, 180) * Double.pi / 180
    /// 50 mm on a 36 mm sensor: focal 1000 px at 720 px.
    public static let lensMM = 50.0

    // MARK: Pole and finial

    /// The pole stands on the origin, 3.66 m tall; its 0.08 × 0.08 m square section is drawn as a
    /// cylinder of radius 0.04 m.
    public static let poleHeight = 3.66
    public static let poleRadius = 0.04
    public static let pole = SurfaceLook(baseColor: SIMD3(0.24, 0.22, 0.24), metallic: 1, roughness: 0.57)
    /// The gold finial: radius 0.07 m at z = 3.676.
    public static let finialRadius = 0.07
    public static let finialHeight = 3.676
    public static let finial = SurfaceLook(baseColor: SIMD3(1, 0.68, 0), metallic: 1, roughness: 0.51)

    // MARK: Flag cloth

    /// 33 × 17 nodes (561), 1.98 m × 1.04 m, in the Y-Z plane: it sticks straight back from the pole,
    /// away from the camera, pinned along its pole-side short edge (y = 0.0915).
    public static let columns = 33
    public static let rows = 17
    public static let flagLength = 1.98
    public static let flagHeight = 1.04
    public static let flagCentre = SIMD3<Double>(0, 1.0815, 3.032)
    /// Cloth colour roughness (Principled BSDF, metallic 0).
    public static let clothRoughness: Float = 0.5

    // MARK: Our cloth model (Bullet soft body; see docs/force-prompting.md "Wind")

    /// A real flag's mass: about 0.15 kg/m² over 2.06 m². (Blender's 0.3 kg per vertex, 168 kg in all,
    /// only has meaning in Blender's solver.)
    public static let clothMass = 0.3
    /// Bullet's linear stiffness of the structural links and of the bending links (two nodes apart).
    public static let stretchStiffness = 1.0
    public static let bendStiffness = 0.1
    public static let solverIterations = 6
    /// Bullet's velocity damping kDP per substep.
    public static let clothDamping = 0.005
    /// The wind model's pressure coefficient C. A solid flat plate's is about 1.2; with it our light
    /// flag is fully out by 5 m/s, so the label range would be mostly one look. 0.3 (calibrated,
    /// docs/force-prompting.md "Calibration") spreads limp to taut over 0-25 m/s.
    public static let pressureCoefficient = 0.3
    /// The wind speed (m/s) of label 1, the original's strongest wind (Blender strength 15000): the
    /// flag stands out taut and flutters fast. Calibrated by tip displacement and flutter speed (see
    /// docs/force-prompting.md "Calibration").
    public static let calibratedWindMax = 25.0
    /// The original's wind strength at label 1 (Blender units): names and params give speeds as
    /// 15000 × v / `calibratedWindMax`, so they read like the original's.
    public static let originalWindMax = 15_000.0
    /// Out-of-plane jitter of every node before the first step, drawn from the clip's stream: without
    /// it a perfectly flat vertical patch never buckles and does not droop.
    public static let perturbation = 0.002

    // MARK: Timeline (reference §4.2)

    public static let frameRate = 24
    public static let substepsPerFrame = 10
    /// Frames 1...120 settle without wind; the wind blows from frame 121 to 240.
    public static let settleFrames = 120
    public static let simulatedFrames = 240
    /// The clip: frames 121...240 (120 frames, starting at wind onset).
    public static let clipFrames = 121...240

    // MARK: Camera jitter (reference §4.2)

    /// y += U(−3, 3); with k = new y / old y, x += U(−1.9, 1.9)·k and z += U(−0.2, 1.0)·k.
    public static let jitterY = -3.0...3.0
    public static let jitterX = -1.9...1.9
    public static let jitterZ = -0.2...1.0

    // MARK: Extra flags (reference §4.2)

    /// Extra flags stand up to 50 m behind the main one, at least 0.5 m apart in x (100 tries each).
    public static let extraDepth = 50.0
    public static let extraSpacing = 0.5
    public static let extraTries = 100
    /// Extra flags farther than these distances from the camera (metres) get coarser patches.
    public static let coarseDistance = 12.0
    public static let coarsestDistance = 25.0

    /// The wind blows every step from frame 121 on.
    public static func windOn(frame: Int) -> Bool { frame > settleFrames }

    /// The camera after jitter.
    public static func camera(location: SIMD3<Double>, width: Int, height: Int) -> Camera {
        Camera(lensMM: lensMM, location: location, rotation: cameraRotation, width: width, height: height)
    }

    /// The wind velocity (m/s) for a speed and an image-plane angle θ (degrees, 0 = right, 90 = up):
    /// (cos θ, 0, sin θ)·speed, the original's (sin a, 0, cos a) with θ = 90° − a.
    public static func wind(speed: Double, angle: Double) -> SIMD3<Double> {
        let t = angle * Double.pi / 180
        return SIMD3(cos(t), 0, sin(t)) * speed
    }

    /// The nodes a flag whose pole stands at `base` has, by resolution: corners as in the .blend.
    public static func patch(base: SIMD3<Double>, columns: Int, rows: Int) -> ClothPatch {
        let y0 = flagCentre.y - flagLength / 2, y1 = flagCentre.y + flagLength / 2
        let zTop = flagCentre.z + flagHeight / 2, zBottom = flagCentre.z - flagHeight / 2
        return ClothPatch(c00: base + SIMD3(0, y0, zTop), c10: base + SIMD3(0, y1, zTop),
                          c01: base + SIMD3(0, y0, zBottom), c11: base + SIMD3(0, y1, zBottom),
                          columns: columns, rows: rows, mass: clothMass, stretchStiffness: stretchStiffness,
                          bendStiffness: bendStiffness, iterations: solverIterations, damping: clothDamping,
                          pressureCoefficient: pressureCoefficient)
    }

    /// The node at the middle of the free edge: the flag's "tip".
    public static func tipNode(columns: Int, rows: Int) -> Int { (rows / 2) * columns + columns - 1 }
}
