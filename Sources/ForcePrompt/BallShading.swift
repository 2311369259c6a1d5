import Foundation
import Render

/// The look of Force Prompting's soccer ball (the Blender scene's material): its panel pattern and
/// colours.
enum BallShading {

    /// Linear albedo of a soccer ball's hexagons and pentagons, before the HSV factors.
    static let hexagonColor = SIMD3<Double>(0.80, 0.80, 0.78)
    static let pentagonColor = SIMD3<Double>(0.55, 0.03, 0.03)
    static let seamColor = SIMD3<Double>(0.04, 0.04, 0.04)
    /// Half-width of the seams between panels (radians on the ball).
    static let seamHalfWidth = 0.014

    /// Panel centres of a truncated icosahedron, each divided by its face's distance from the centre, so
    /// that the face a direction passes through is the one with the largest dot product. The first 12
    /// are the pentagons.
    static let panels: [SIMD3<Double>] = {
        let phi = (1 + 5.0.squareRoot()) / 2
        func evenPermutations(_ p: SIMD3<Double>) -> [SIMD3<Double>] {
            [p, SIMD3(p.y, p.z, p.x), SIMD3(p.z, p.x, p.y)]
        }
        func signs(_ p: SIMD3<Double>) -> [SIMD3<Double>] {
            var out: [SIMD3<Double>] = []
            for sx in [1.0, -1.0] where sx > 0 || p.x != 0 {
                for sy in [1.0, -1.0] where sy > 0 || p.y != 0 {
                    for sz in [1.0, -1.0] where sz > 0 || p.z != 0 { out.append(p * SIMD3(sx, sy, sz)) }
                }
            }
            return out
        }
        func all(_ p: SIMD3<Double>) -> [SIMD3<Double>] { evenPermutations(p).flatMap(signs) }
        let vertices = [SIMD3(0, 1, 3 * phi), SIMD3(1, 2 + phi, 2 * phi), SIMD3(phi, 2, phi * phi * phi)].flatMap(all)
        let pentagons = all(SIMD3(0, 1, phi))
        let hexagons = signs(SIMD3(1, 1, 1)) + all(SIMD3(0, phi, 1 / phi))
        return (pentagons + hexagons).map { centre in
            let c = normalize(centre)
            let distance = vertices.map { dot($0, c) }.max()!
            return c / distance
        }
    }()

    /// The soccer albedo at body-space unit direction `n`; `footprint` is the pixel's size in radians on
    /// the ball (for anti-aliased seams).
    static func soccer(_ n: SIMD3<Double>, footprint: Double, pentagon: SIMD3<Double>, hexagon: SIMD3<Double>) -> SIMD3<Double> {
        var best = -Double.infinity, second = -Double.infinity
        var bestIndex = 0, secondIndex = 0
        for (i, p) in panels.enumerated() {
            let s = dot(n, p)
            if s > best {
                second = best; secondIndex = bestIndex
                best = s; bestIndex = i
            } else if s > second {
                second = s; secondIndex = i
            }
        }
        let distance = (best - second) / length(panels[bestIndex] - panels[secondIndex])
        let half = max(footprint, 1e-4) * 0.5
        let panel = smoothstep(seamHalfWidth - half, seamHalfWidth + half, distance)
        let base = bestIndex < 12 ? pentagon : hexagon
        let dirt = 0.8 + 0.2 * valueNoise3(n * 5) + 0.06 * valueNoise3(n * 23 + 7)
        return mix(seamColor, base, panel) * SIMD3(dirt, dirt * 0.97, dirt * 0.92)
    }

    /// Blender's Hue/Saturation/Value node: hue 0.5 keeps the hue, saturation and value multiply.
    static func hsvAdjust(_ c: SIMD3<Double>, hue: Double, saturation: Double, value: Double) -> SIMD3<Double> {
        let maxC = max(c.x, c.y, c.z), minC = min(c.x, c.y, c.z)
        let delta = maxC - minC
        var h = 0.0
        if delta > 0 {
            if maxC == c.x { h = (c.y - c.z) / delta }
            else if maxC == c.y { h = 2 + (c.z - c.x) / delta }
            else { h = 4 + (c.x - c.y) / delta }
            h /= 6
            if h < 0 { h += 1 }
        }
        var s = maxC > 0 ? delta / maxC : 0
        var v = maxC
        h += hue - 0.5
        h -= h.rounded(.down)
        s = clamp01(s * saturation)
        v = max(v * value, 0)
        // Back to RGB.
        let h6 = h * 6
        let sector = Int(h6.rounded(.down)) % 6
        let f = h6 - h6.rounded(.down)
        let p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f))
        switch sector {
        case 0: return SIMD3(v, t, p)
        case 1: return SIMD3(q, v, p)
        case 2: return SIMD3(p, v, t)
        case 3: return SIMD3(p, q, v)
        case 4: return SIMD3(t, p, v)
        default: return SIMD3(v, p, q)
        }
    }

    /// Smooth 3-D value noise in [0, 1] (for the dirt on the soccer ball).
    static func valueNoise3(_ p: SIMD3<Double>) -> Double {
        let f = SIMD3(p.x.rounded(.down), p.y.rounded(.down), p.z.rounded(.down))
        let t = p - f
        let s = t * t * (3 - 2 * t)
        let (ix, iy, iz) = (Int(f.x), Int(f.y), Int(f.z))
        @inline(__always) func corner(_ dx: Int, _ dy: Int, _ dz: Int) -> Double {
            var h = UInt32(truncatingIfNeeded: ix + dx) &* 0x8DA6_B343
            h ^= UInt32(truncatingIfNeeded: iy + dy) &* 0xD816_3841
            h ^= UInt32(truncatingIfNeeded: iz + dz) &* 0xCB1A_B31F
            h ^= h >> 15
            h = h &* 0x2C1B_3C6D
            h ^= h >> 12
            return Double(h >> 8) / 16_777_216
        }
        let x00 = corner(0, 0, 0) + (corner(1, 0, 0) - corner(0, 0, 0)) * s.x
        let x10 = corner(0, 1, 0) + (corner(1, 1, 0) - corner(0, 1, 0)) * s.x
        let x01 = corner(0, 0, 1) + (corner(1, 0, 1) - corner(0, 0, 1)) * s.x
        let x11 = corner(0, 1, 1) + (corner(1, 1, 1) - corner(0, 1, 1)) * s.x
        let y0 = x00 + (x10 - x00) * s.y, y1 = x01 + (x11 - x01) * s.y
        return y0 + (y1 - y0) * s.z
    }
}

/// The soccer ball's panel pattern in the given pentagon and hexagon colours.
struct SoccerAlbedo: SphereAlbedo {
    let pentagon: SIMD3<Double>
    let hexagon: SIMD3<Double>

    func albedo(at n: SIMD3<Double>, footprint: Double) -> SIMD3<Double> {
        BallShading.soccer(n, footprint: footprint, pentagon: pentagon, hexagon: hexagon)
    }
}

extension SphereMaterial {
    /// Force Prompting's soccer ball: white hexagons and coloured pentagons with dark seams and some
    /// dirt (roughness 0.45). The factors are those of Blender's Hue/Saturation/Value node the
    /// reference applies to the ball's diffuse map: `hue` 0.5 keeps the hue, `saturation` and `value`
    /// multiply.
    public static func soccer(hue: Double, saturation: Double, value: Double) -> SphereMaterial {
        let pentagon = BallShading.hsvAdjust(BallShading.pentagonColor, hue: hue, saturation: saturation, value: value)
        let hexagon = BallShading.hsvAdjust(BallShading.hexagonColor, hue: hue, saturation: saturation, value: value)
        return SphereMaterial(albedo: SoccerAlbedo(pentagon: pentagon, hexagon: hexagon), roughness: 0.45, reflects: false)
    }

    /// Force Prompting's bowling ball: glossy, of one linear RGB base colour.
    public static func bowling(color: SIMD3<Double>) -> SphereMaterial { .glossy(color) }
}
