import Foundation

/// Our own procedural outdoor environments: a sky (gradient, clouds, stars, a sun's glow) above a
/// skyline (hills, buildings, mountains, dunes, trees or open sea) and the ground below it, as
/// linear radiance. Each has a fixed name and always looks the same, as an HDRI file would.
public struct ProceduralSky: Environment {
    /// What rises above the horizon.
    public enum Skyline: Sendable, Equatable {
        /// Rolling hills, buildings, mountains, sand dunes, a tree line, or open sea.
        case hills, city, mountains, dunes, trees, sea
    }

    /// The environment's fixed name.
    public let name: String
    /// What rises above its horizon.
    public let skyline: Skyline
    /// Linear radiance of the sky at the zenith and at the horizon.
    let zenith: SIMD3<Float>
    let horizon: SIMD3<Float>
    /// Skyline and ground colours (linear radiance, already lit).
    let land: SIMD3<Float>
    let ground: SIMD3<Float>
    /// Fraction of the sky covered by clouds, 0...1, and their radiance.
    let cloudCover: Float
    let cloud: SIMD3<Float>
    /// Lit windows and stars (night scenes).
    let night: Bool
    /// The sun, or nil for a sunless sky.
    public let sun: DirectionalLight?
    private let noise: TileNoise

    init(name: String, skyline: Skyline, zenith: SIMD3<Float>, horizon: SIMD3<Float>, land: SIMD3<Float>,
         ground: SIMD3<Float>, cloudCover: Float, cloud: SIMD3<Float>, night: Bool = false, sun: DirectionalLight?) {
        self.name = name
        self.skyline = skyline
        self.zenith = zenith
        self.horizon = horizon
        self.land = land
        self.ground = ground
        self.cloudCover = cloudCover
        self.cloud = cloud
        self.night = night
        self.sun = sun
        noise = TileNoise(seed: name.unicodeScalars.reduce(2166136261) { ($0 ^ $1.value) &* 16777619 })
    }

    /// Every built-in environment's name.
    public static var names: [String] { all.map(\.name) }

    /// The built-in environment called `name`.
    public static func named(_ name: String) -> ProceduralSky? { all.first { $0.name == name } }

    static let all: [ProceduralSky] = [
        ProceduralSky(name: "meadow_hills", skyline: .hills, zenith: SIMD3(0.18, 0.36, 0.9), horizon: SIMD3(0.75, 0.85, 1.05),
                      land: SIMD3(0.10, 0.22, 0.06), ground: SIMD3(0.12, 0.26, 0.07), cloudCover: 0.3, cloud: SIMD3(1.3, 1.3, 1.35),
                      sun: DirectionalLight(direction: SIMD3(-0.5, -0.6, 0.62), strength: 3)),
        ProceduralSky(name: "city_skyline", skyline: .city, zenith: SIMD3(0.25, 0.42, 0.85), horizon: SIMD3(0.85, 0.88, 0.95),
                      land: SIMD3(0.22, 0.23, 0.26), ground: SIMD3(0.16, 0.16, 0.17), cloudCover: 0.15, cloud: SIMD3(1.2, 1.2, 1.25),
                      sun: DirectionalLight(direction: SIMD3(0.4, -0.5, 0.75), strength: 3)),
        ProceduralSky(name: "sunset_coast", skyline: .sea, zenith: SIMD3(0.12, 0.16, 0.45), horizon: SIMD3(1.6, 0.62, 0.25),
                      land: SIMD3(0.10, 0.08, 0.10), ground: SIMD3(0.10, 0.12, 0.22), cloudCover: 0.35, cloud: SIMD3(1.1, 0.5, 0.45),
                      sun: DirectionalLight(direction: SIMD3(0.6, 0.78, 0.12), strength: 2, tint: SIMD3(1, 0.6, 0.35))),
        ProceduralSky(name: "overcast_fields", skyline: .hills, zenith: SIMD3(0.55, 0.57, 0.6), horizon: SIMD3(0.8, 0.8, 0.82),
                      land: SIMD3(0.12, 0.15, 0.08), ground: SIMD3(0.16, 0.15, 0.09), cloudCover: 0.9, cloud: SIMD3(0.7, 0.7, 0.72),
                      sun: nil),
        ProceduralSky(name: "night_city", skyline: .city, zenith: SIMD3(0.004, 0.006, 0.02), horizon: SIMD3(0.04, 0.035, 0.06),
                      land: SIMD3(0.01, 0.01, 0.015), ground: SIMD3(0.015, 0.015, 0.02), cloudCover: 0, cloud: .zero,
                      night: true, sun: nil),
        ProceduralSky(name: "snowy_mountains", skyline: .mountains, zenith: SIMD3(0.2, 0.4, 0.95), horizon: SIMD3(0.8, 0.9, 1.1),
                      land: SIMD3(0.12, 0.13, 0.16), ground: SIMD3(0.75, 0.78, 0.85), cloudCover: 0.2, cloud: SIMD3(1.3, 1.3, 1.35),
                      sun: DirectionalLight(direction: SIMD3(-0.3, -0.7, 0.65), strength: 3.5)),
        ProceduralSky(name: "desert_dunes", skyline: .dunes, zenith: SIMD3(0.3, 0.45, 0.85), horizon: SIMD3(1.0, 0.92, 0.8),
                      land: SIMD3(0.55, 0.36, 0.18), ground: SIMD3(0.6, 0.42, 0.22), cloudCover: 0.05, cloud: SIMD3(1.3, 1.3, 1.3),
                      sun: DirectionalLight(direction: SIMD3(0.5, -0.4, 0.75), strength: 4, tint: SIMD3(1, 0.95, 0.85))),
        ProceduralSky(name: "autumn_park", skyline: .trees, zenith: SIMD3(0.3, 0.45, 0.8), horizon: SIMD3(0.85, 0.85, 0.9),
                      land: SIMD3(0.35, 0.14, 0.04), ground: SIMD3(0.14, 0.2, 0.06), cloudCover: 0.45, cloud: SIMD3(1.15, 1.15, 1.2),
                      sun: DirectionalLight(direction: SIMD3(-0.6, -0.4, 0.5), strength: 2.5, tint: SIMD3(1, 0.9, 0.75))),
    ]

    /// Linear radiance of the sky, the skyline or the sea seen in direction `d`.
    public func radiance(_ d: SIMD3<Float>) -> SIMD3<Float> {
        let elevation = asin(min(max(d.z, -1), 1))
        let u = Double(atan2(d.y, d.x) / (2 * .pi) + 0.5)
        let top = Float(skylineHeight(u))
        if elevation < top { return elevation < 0 && skyline == .sea ? sea(d, elevation) : landColor(u, elevation, top) }
        return sky(d, elevation)
    }

    /// The skyline's elevation (radians) at azimuth u in [0, 1).
    func skylineHeight(_ u: Double) -> Double {
        switch skyline {
        case .sea: return 0
        case .hills: return 0.03 + 0.035 * (noise.fbm(u, 0.3, frequency: 6, octaves: 4) + 0.6)
        case .dunes: return 0.02 + 0.03 * abs(noise.fbm(u, 0.6, frequency: 5, octaves: 3))
        case .mountains:
            let ridge = 1 - abs(noise.fbm(u, 0.1, frequency: 4, octaves: 5))
            return 0.04 + 0.14 * ridge * ridge
        case .trees:
            return 0.07 + 0.03 * noise.fbm(u, 0.8, frequency: 64, octaves: 3) + 0.02 * noise.fbm(u, 0.2, frequency: 8, octaves: 2)
        case .city:
            let cell = Int(u * 360)
            let tall = noise.unit(cell, 0, 11)
            return 0.015 + 0.11 * tall * tall * (0.5 + 0.5 * noise.unit(cell / 12, 0, 13))
        }
    }

    private func landColor(_ u: Double, _ elevation: Float, _ top: Float) -> SIMD3<Float> {
        let shade = Float(0.85 + 0.3 * noise.fbm(u, Double(elevation) * 3 + 0.5, frequency: 48, octaves: 3))
        if elevation < -0.005 || skyline == .sea {
            // Ground below the horizon: darker and more varied nearer the viewer.
            return ground * shade * (1 - 0.4 * min(-elevation * 3, 1))
        }
        switch skyline {
        case .mountains where elevation > 0.1:
            return ground * shade * 1.1
        case .city:
            let column = Int(u * 360 * 8), row = Int(Double(elevation) * 400)
            let window = column % 2 == 1 && row % 3 == 1
            if night {
                return window && noise.unit(column, row, 17) < 0.35 ? SIMD3(1.2, 0.9, 0.5) : land
            }
            let tint = Float(0.7 + 0.6 * noise.unit(Int(u * 360), 0, 19))
            return window ? land * 0.6 : land * tint * shade
        default:
            // Haze: the far land fades into the horizon colour.
            let haze = min(max(1 - (elevation / max(top, 1e-3)), 0), 1) * 0.25
            return land * shade * (1 - haze) + horizon * 0.3 * haze
        }
    }

    private func sea(_ d: SIMD3<Float>, _ elevation: Float) -> SIMD3<Float> {
        // The sky reflected, darker, with a bright path under the sun.
        let mirrored = sky(SIMD3(d.x, d.y, -d.z), -elevation) * 0.35 + ground
        guard let sun else { return mirrored }
        let r = SIMD3(d.x, d.y, -d.z)
        let glint = powf(max((r * sun.direction).sum(), 0), 300) * 3
        return mirrored + sun.irradiance * glint
    }

    private func sky(_ d: SIMD3<Float>, _ elevation: Float) -> SIMD3<Float> {
        let t = powf(min(max(elevation / (.pi / 2), 0), 1), 0.45)
        var c = horizon * (1 - t) + zenith * t
        if let sun {
            let toward = max((d * sun.direction).sum(), 0)
            c += sun.irradiance * (powf(toward, 8) * 0.08 + powf(toward, 600) * 20)
        }
        if cloudCover > 0, d.z > 0.01 {
            // Clouds on a plane above: coordinates shrink toward the horizon.
            let px = Double(d.x / d.z) * 0.08, py = Double(d.y / d.z) * 0.08
            let n = noise.fbm(px - px.rounded(.down), py - py.rounded(.down), frequency: 8, octaves: 5)
            let density = Float(min(max((n + 1) / 2 - Double(1 - cloudCover) * 0.7 - 0.2, 0) * 3, 1))
            let fade = min(d.z * 8, 1)
            c = c * (1 - density * fade) + cloud * density * fade
        }
        if night {
            let x = Int((Double(atan2(d.y, d.x)) + .pi) * 800), y = Int(Double(elevation) * 800)
            if elevation > 0.05, noise.unit(x, y, 23) > 0.9985 { c += SIMD3(0.6, 0.6, 0.7) }
        }
        return c
    }
}
