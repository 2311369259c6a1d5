/// A ball in the scene: a sphere with a material and an orientation that its texture follows.
public struct Ball: Sendable, Equatable {
    /// Centre in world coordinates (metres, Z up).
    public var center: SIMD3<Double>
    /// Radius (metres).
    public var radius: Double
    /// Unit quaternion (x, y, z, w) turning body coordinates into world coordinates.
    public var orientation: SIMD4<Double>
    /// What the ball is made of and how its surface looks.
    public var material: BallMaterial
    /// The caller's id for the ball (carried through; segmentation uses the ball's index instead).
    public var id: Int

    /// A ball; the default orientation is the identity.
    public init(center: SIMD3<Double>, radius: Double, orientation: SIMD4<Double> = SIMD4(0, 0, 0, 1),
                material: BallMaterial, id: Int = 0) {
        self.center = center
        self.radius = radius
        self.orientation = orientation
        self.material = material
        self.id = id
    }
}

/// How a ball looks.
public enum BallMaterial: Sendable, Equatable {
    /// A soccer ball: white hexagons and coloured pentagons with dark seams and some dirt.
    ///
    /// The factors are those of Blender's Hue/Saturation/Value node the reference applies to the
    /// ball's diffuse map: `hue` 0.5 keeps the hue (the reference draws U(0.85, 1.15)), `saturation` and
    /// `value` multiply (U(0.9, 1.1)).
    case soccer(hue: Double, saturation: Double, value: Double)
    /// A glossy solid bowling ball (roughness 0.05) of the given linear RGB base colour.
    case bowling(color: SIMD3<Double>)
}
