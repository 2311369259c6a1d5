/// How a sphere looks: its albedo over the surface, its roughness, and whether it mirrors the ground
/// and the sky. The engine knows no particular ball; a user's materials (Force Prompting's soccer and
/// bowling balls) supply their own `SphereAlbedo`.
public struct SphereMaterial: Sendable {
    /// The albedo at each point of the sphere.
    public var albedo: any SphereAlbedo
    /// GGX roughness, 0 (polished) to 1.
    public var roughness: Double
    /// Whether the sphere also reflects the ground and the sky, weighted by Fresnel (a glossy ball).
    public var reflects: Bool

    public init(albedo: any SphereAlbedo, roughness: Double, reflects: Bool) {
        self.albedo = albedo
        self.roughness = roughness
        self.reflects = reflects
    }

    /// A polished, reflective sphere of one linear RGB colour (roughness 0.05).
    public static func glossy(_ color: SIMD3<Double>) -> SphereMaterial {
        SphereMaterial(albedo: UniformAlbedo(color: color), roughness: 0.05, reflects: true)
    }
}

/// A sphere's linear RGB albedo over its surface.
public protocol SphereAlbedo: Sendable {
    /// The albedo at the unit direction `n` in the sphere's body frame; `footprint` is how far the
    /// surface normal turns across the pixel (radians), for anti-aliased patterns.
    func albedo(at n: SIMD3<Double>, footprint: Double) -> SIMD3<Double>
    /// The albedo when it is the same everywhere (the shader then skips the body-frame rotation).
    var uniform: SIMD3<Double>? { get }
}

extension SphereAlbedo {
    public var uniform: SIMD3<Double>? { nil }
}

/// One colour all over.
public struct UniformAlbedo: SphereAlbedo {
    /// Linear RGB, each 0-1.
    public var color: SIMD3<Double>

    public init(color: SIMD3<Double>) { self.color = color }

    public func albedo(at n: SIMD3<Double>, footprint: Double) -> SIMD3<Double> { color }
    public var uniform: SIMD3<Double>? { color }
}
