/// A ball in the scene: a sphere with a material and an orientation that its texture follows.
public struct Ball: Sendable {
    /// Centre in world coordinates (metres, Z up).
    public var center: SIMD3<Double>
    /// Radius (metres).
    public var radius: Double
    /// Unit quaternion (x, y, z, w) turning body coordinates into world coordinates.
    public var orientation: SIMD4<Double>
    /// What the ball is made of and how its surface looks.
    public var material: SphereMaterial
    /// The caller's id for the ball (carried through; segmentation uses the ball's index instead).
    public var id: Int

    /// A ball; the default orientation is the identity.
    public init(center: SIMD3<Double>, radius: Double, orientation: SIMD4<Double> = SIMD4(0, 0, 0, 1),
                material: SphereMaterial, id: Int = 0) {
        self.center = center
        self.radius = radius
        self.orientation = orientation
        self.material = material
        self.id = id
    }
}
