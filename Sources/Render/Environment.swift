import Foundation

/// A distant light: a sun or a lamp far enough away to shine the same way everywhere.
public struct DirectionalLight: Sendable, Equatable {
    /// Unit vector pointing towards the light.
    public var direction: SIMD3<Float>
    /// Irradiance (W/m², Blender's sun strength) times a linear RGB tint.
    public var irradiance: SIMD3<Float>

    /// A light towards `direction` (normalised here) of `strength` W/m² times a linear RGB `tint`.
    public init(direction: SIMD3<Double>, strength: Double, tint: SIMD3<Double> = SIMD3(1, 1, 1)) {
        let d = direction / (direction * direction).sum().squareRoot()
        self.direction = SIMD3<Float>(d)
        self.irradiance = SIMD3<Float>(tint * strength)
    }
}

/// What surrounds a scene: linear radiance from every direction (Z up), seen behind the objects and
/// lighting them, plus an optional sun.
public protocol Environment: Sendable {
    /// Linear Rec.709 radiance arriving from unit direction `d` (pointing away from the viewer).
    func radiance(_ d: SIMD3<Float>) -> SIMD3<Float>
    /// A light too small and bright to sample from the map (a sun), or nil.
    var sun: DirectionalLight? { get }
    /// The background behind all objects for `camera`: one linear RGB value per pixel, row-major.
    func background(for camera: Camera) -> [SIMD3<Float>]
}

extension Environment {
    /// Each pixel shows the radiance along its centre's ray.
    public func background(for camera: Camera) -> [SIMD3<Float>] { backgroundFromRays(camera) }

    /// The radiance along each pixel centre's ray.
    func backgroundFromRays(_ camera: Camera) -> [SIMD3<Float>] {
        var out = [SIMD3<Float>](repeating: .zero, count: camera.width * camera.height)
        for y in 0..<camera.height {
            for x in 0..<camera.width {
                let ray = camera.ray(x: Double(x) + 0.5, y: Double(y) + 0.5)
                out[y * camera.width + x] = radiance(SIMD3<Float>(ray.direction))
            }
        }
        return out
    }
}

/// Blender's equirectangular mapping of directions (Z up): u = atan2(d.y, −d.x)/2π + ½ across,
/// v = asin(d.z)/π + ½ from the bottom.
enum Equirectangular {
    static func uv(_ d: SIMD3<Float>) -> SIMD2<Float> {
        let u = atan2(d.y, -d.x) / (2 * .pi) + 0.5
        let v = asin(min(max(d.z, -1), 1)) / .pi + 0.5
        return SIMD2(u, v)
    }

    static func direction(u: Float, v: Float) -> SIMD3<Float> {
        let phi = (u - 0.5) * 2 * .pi, lat = (v - 0.5) * .pi
        return SIMD3(-cos(lat) * cos(phi), cos(lat) * sin(phi), sin(lat))
    }
}

/// Image-based lighting from an environment: small equirectangular maps of the diffuse light
/// (cosine-weighted) and of a glossy reflection (a cos⁸ lobe, about roughness 0.5), precomputed once
/// and read bilinearly while shading.
public struct EnvironmentLight: Sendable {
    static let mapWidth = 32, mapHeight = 16
    /// Radiance a white Lambertian surface with normal n reflects: (1/π) ∫ L cos.
    private let diffuse: [SIMD3<Float>]
    /// Radiance averaged over a cos⁸ lobe about the reflected direction.
    private let glossy: [SIMD3<Float>]
    /// The environment's sun, lit directly rather than from the maps, or nil.
    public let sun: DirectionalLight?
    static let glossyExponent: Float = 8

    /// Precomputes the diffuse and glossy maps of `environment`.
    public init(_ environment: any Environment) {
        let w = Self.mapWidth, h = Self.mapHeight
        // Sample the environment on a finer grid first (4 × 4 per map texel), with solid angles; rows
        // run from the top (v = 1) down, as in images.
        let sw = 4 * w, sh = 4 * h
        var directions: [SIMD3<Float>] = [], weighted: [SIMD3<Float>] = [], solidAngles: [Float] = []
        for j in 0..<sh {
            let v = 1 - (Float(j) + 0.5) / Float(sh)
            let solidAngle = cos((v - 0.5) * .pi) * (2 * .pi / Float(sw)) * (.pi / Float(sh))
            for i in 0..<sw {
                let d = Equirectangular.direction(u: (Float(i) + 0.5) / Float(sw), v: v)
                directions.append(d)
                weighted.append(environment.radiance(d) * solidAngle)
                solidAngles.append(solidAngle)
            }
        }
        var diffuse = [SIMD3<Float>](repeating: .zero, count: w * h), glossy = diffuse
        for j in 0..<h {
            for i in 0..<w {
                let n = Equirectangular.direction(u: (Float(i) + 0.5) / Float(w), v: 1 - (Float(j) + 0.5) / Float(h))
                var d = SIMD3<Float>.zero, g = SIMD3<Float>.zero, lobe: Float = 0
                for k in directions.indices {
                    let c = (n * directions[k]).sum()
                    guard c > 0 else { continue }
                    d += weighted[k] * c
                    let c2 = c * c, c4 = c2 * c2, p = c4 * c4
                    g += weighted[k] * p
                    lobe += p * solidAngles[k]
                }
                diffuse[j * w + i] = d / .pi
                glossy[j * w + i] = lobe > 0 ? g / lobe : .zero
            }
        }
        self.diffuse = diffuse
        self.glossy = glossy
        sun = environment.sun
    }

    /// Diffuse radiance for a white surface with unit normal `n`.
    @inline(__always) func diffuse(_ n: SIMD3<Float>) -> SIMD3<Float> { Self.lookup(diffuse, n) }
    /// Glossy radiance reflected along unit direction `r`.
    @inline(__always) func glossy(_ r: SIMD3<Float>) -> SIMD3<Float> { Self.lookup(glossy, r) }

    @inline(__always)
    private static func lookup(_ map: [SIMD3<Float>], _ d: SIMD3<Float>) -> SIMD3<Float> {
        let uv = Equirectangular.uv(d)
        let x = uv.x * Float(mapWidth) - 0.5, y = (1 - uv.y) * Float(mapHeight) - 0.5
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Float(x0), fy = y - Float(y0)
        func texel(_ i: Int, _ j: Int) -> SIMD3<Float> {
            let ii = (i % mapWidth + mapWidth) % mapWidth, jj = min(max(j, 0), mapHeight - 1)
            return map[jj * mapWidth + ii]
        }
        let top = texel(x0, y0) * (1 - fx) + texel(x0 + 1, y0) * fx
        let bottom = texel(x0, y0 + 1) * (1 - fx) + texel(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
