import Foundation

/// Seeded noise that tiles on the unit square: every function has period 1 in u and v as long as the
/// frequencies are whole numbers. The building blocks of the procedural ground textures.
struct TileNoise: Sendable {
    let seed: UInt32

    init(seed: UInt32) { self.seed = seed }

    /// 256 unit gradient directions, evenly spread.
    static let gradients: [SIMD2<Double>] = (0..<256).map { i in
        let angle = (Double(i) + 0.5) * 2 * Double.pi / 256
        return SIMD2(cos(angle), sin(angle))
    }

    /// A well-mixed 32-bit hash of a lattice point.
    @inline(__always)
    func hash(_ x: Int, _ y: Int, _ salt: UInt32 = 0) -> UInt32 {
        var h = UInt32(truncatingIfNeeded: x) &* 0x8DA6_B343 ^ UInt32(truncatingIfNeeded: y) &* 0xD816_3841
        h ^= (seed &+ salt) &* 0xCB1A_B31F
        h ^= h >> 16
        h = h &* 0x7FEB_352D
        h ^= h >> 15
        h = h &* 0x846C_A68B
        h ^= h >> 16
        return h
    }

    /// A hash mapped to [0, 1).
    @inline(__always)
    func unit(_ x: Int, _ y: Int, _ salt: UInt32 = 0) -> Double {
        Double(hash(x, y, salt) >> 8) * (1.0 / 16_777_216.0)
    }

    @inline(__always)
    private static func wrap(_ i: Int, _ n: Int) -> Int {
        let m = i % n
        return m < 0 ? m + n : m
    }

    @inline(__always)
    private static func fade(_ t: Double) -> Double { t * t * t * (t * (t * 6 - 15) + 10) }

    /// Value noise in [0, 1] on a `frequency`×`frequency` lattice.
    func value(_ u: Double, _ v: Double, frequency: Int, salt: UInt32 = 0) -> Double {
        let x = u * Double(frequency), y = v * Double(frequency)
        let x0 = x.rounded(.down), y0 = y.rounded(.down)
        let tx = Self.fade(x - x0), ty = Self.fade(y - y0)
        let i0 = Self.wrap(Int(x0), frequency), j0 = Self.wrap(Int(y0), frequency)
        let i1 = Self.wrap(i0 + 1, frequency), j1 = Self.wrap(j0 + 1, frequency)
        let a = unit(i0, j0, salt), b = unit(i1, j0, salt), c = unit(i0, j1, salt), d = unit(i1, j1, salt)
        return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty
    }

    /// Gradient (Perlin) noise, roughly in [−1, 1], on a `frequency`×`frequency` lattice.
    func gradient(_ u: Double, _ v: Double, frequency: Int, salt: UInt32 = 0) -> Double {
        gradient(u, v, frequencyU: frequency, frequencyV: frequency, salt: salt)
    }

    /// Gradient noise on a `frequencyU`×`frequencyV` lattice (stretched features, such as wood grain).
    func gradient(_ u: Double, _ v: Double, frequencyU: Int, frequencyV: Int, salt: UInt32 = 0) -> Double {
        let x = u * Double(frequencyU), y = v * Double(frequencyV)
        let x0 = x.rounded(.down), y0 = y.rounded(.down)
        let fx = x - x0, fy = y - y0
        let i0 = Self.wrap(Int(x0), frequencyU), j0 = Self.wrap(Int(y0), frequencyV)
        let i1 = Self.wrap(i0 + 1, frequencyU), j1 = Self.wrap(j0 + 1, frequencyV)
        @inline(__always) func corner(_ i: Int, _ j: Int, _ dx: Double, _ dy: Double) -> Double {
            let g = Self.gradients[Int(hash(i, j, salt) >> 24)]
            return g.x * dx + g.y * dy
        }
        let a = corner(i0, j0, fx, fy), b = corner(i1, j0, fx - 1, fy)
        let c = corner(i0, j1, fx, fy - 1), d = corner(i1, j1, fx - 1, fy - 1)
        let tx = Self.fade(fx), ty = Self.fade(fy)
        let top = a + (b - a) * tx, bottom = c + (d - c) * tx
        return (top + (bottom - top) * ty) * 1.41
    }

    /// Fractal sum of gradient noise: `octaves` layers, each at twice the frequency and `gain` times the
    /// amplitude of the one before; normalised to roughly [−1, 1].
    func fbm(_ u: Double, _ v: Double, frequency: Int, octaves: Int, gain: Double = 0.5, salt: UInt32 = 0) -> Double {
        var sum = 0.0, amplitude = 1.0, total = 0.0, f = frequency
        for o in 0..<octaves {
            sum += amplitude * gradient(u, v, frequency: f, salt: salt &+ UInt32(o) &* 7919)
            total += amplitude
            amplitude *= gain
            f *= 2
        }
        return sum / total
    }

    /// Worley (cellular) noise on a `frequency`×`frequency` grid with one feature point per cell.
    ///
    /// Returns the distances to the nearest and second-nearest points (in cells), the nearest cell's
    /// hash (an id for per-cell colour) and the offset from the nearest point to (u, v) in cells.
    func cells(_ u: Double, _ v: Double, frequency: Int, jitter: Double = 1, salt: UInt32 = 0)
        -> (f1: Double, f2: Double, id: UInt32, offset: SIMD2<Double>) {
        let x = u * Double(frequency), y = v * Double(frequency)
        let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
        var f1 = Double.infinity, f2 = Double.infinity
        var id: UInt32 = 0
        var offset = SIMD2<Double>(0, 0)
        for j in (cy - 1)...(cy + 1) {
            for i in (cx - 1)...(cx + 1) {
                let wi = Self.wrap(i, frequency), wj = Self.wrap(j, frequency)
                let px = Double(i) + 0.5 + jitter * (unit(wi, wj, salt &+ 1) - 0.5)
                let py = Double(j) + 0.5 + jitter * (unit(wi, wj, salt &+ 2) - 0.5)
                let dx = x - px, dy = y - py
                let d = (dx * dx + dy * dy).squareRoot()
                if d < f1 {
                    f2 = f1
                    f1 = d
                    id = hash(wi, wj, salt &+ 3)
                    offset = SIMD2(dx, dy)
                } else if d < f2 {
                    f2 = d
                }
            }
        }
        return (f1, f2, id, offset)
    }
}
