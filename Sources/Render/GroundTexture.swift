import Foundation

/// A square, tileable ground texture with its mip chain: sRGB-encoded albedo and the height gradient of
/// the surface relief, both filtered down to 1×1.
///
/// Built once per material and shared (immutable) by every renderer and thread.
final class GroundTexture: Sendable {
    /// One mip level: `size`² texels, rows along +v.
    struct Level: Sendable {
        let size: Int
        /// Albedo as sRGB bytes, packed R | G << 8 | B << 16.
        let color: [UInt32]
        /// Height gradient (dh/dx, dh/dy) in metres per metre for 8 m tiles, as two `Int8` × 1/32.
        let slope: [UInt16]
    }

    let levels: [Level]
    /// The mean linear albedo (for light bounced off the ground).
    let meanAlbedo: SIMD3<Double>

    static let slopeScale: Float = 32

    /// Builds the chain from full-resolution linear albedo (RGB triples) and slopes (pairs); `size` must
    /// be a power of two.
    init(size: Int, albedo: [Float], slope: [Float]) {
        precondition(size > 0 && size & (size - 1) == 0, "texture size must be a power of two")
        var levels: [Level] = []
        var currentAlbedo = albedo
        var currentSlope = slope
        var currentSize = size
        while true {
            levels.append(Self.quantize(size: currentSize, albedo: currentAlbedo, slope: currentSlope))
            if currentSize == 1 { break }
            (currentAlbedo, currentSlope) = Self.halve(size: currentSize, albedo: currentAlbedo, slope: currentSlope)
            currentSize /= 2
        }
        self.levels = levels
        meanAlbedo = SIMD3(Double(currentAlbedo[0]), Double(currentAlbedo[1]), Double(currentAlbedo[2]))
    }

    /// 2×2 box filter of a level (linear albedo, slopes).
    private static func halve(size: Int, albedo: [Float], slope: [Float]) -> ([Float], [Float]) {
        let half = size / 2
        var outAlbedo = [Float](repeating: 0, count: half * half * 3)
        var outSlope = [Float](repeating: 0, count: half * half * 2)
        for y in 0..<half {
            for x in 0..<half {
                let a = (2 * y * size + 2 * x), b = a + 1, c = a + size, d = c + 1
                let o = y * half + x
                for k in 0..<3 {
                    outAlbedo[o * 3 + k] = 0.25 * (albedo[a * 3 + k] + albedo[b * 3 + k] + albedo[c * 3 + k] + albedo[d * 3 + k])
                }
                for k in 0..<2 {
                    outSlope[o * 2 + k] = 0.25 * (slope[a * 2 + k] + slope[b * 2 + k] + slope[c * 2 + k] + slope[d * 2 + k])
                }
            }
        }
        return (outAlbedo, outSlope)
    }

    private static func quantize(size: Int, albedo: [Float], slope: [Float]) -> Level {
        var color = [UInt32](repeating: 0, count: size * size)
        var slopes = [UInt16](repeating: 0, count: size * size)
        for i in 0..<(size * size) {
            let r = UInt32(ColorSpace.srgbByte(albedo[i * 3]))
            let g = UInt32(ColorSpace.srgbByte(albedo[i * 3 + 1]))
            let b = UInt32(ColorSpace.srgbByte(albedo[i * 3 + 2]))
            color[i] = r | g << 8 | b << 16
            let sx = Int8(clamping: Int((slope[i * 2] * slopeScale).rounded()))
            let sy = Int8(clamping: Int((slope[i * 2 + 1] * slopeScale).rounded()))
            slopes[i] = UInt16(UInt8(bitPattern: sx)) | UInt16(UInt8(bitPattern: sy)) << 8
        }
        return Level(size: size, color: color, slope: slopes)
    }

    /// Bilinear lookup in one level at texture coordinates (u, v) in tiles (wrapping); returns linear
    /// albedo in xyz and nothing in w, and the slope.
    @inline(__always)
    func bilinear(level index: Int, u: Double, v: Double) -> (color: SIMD4<Float>, slope: SIMD2<Float>) {
        let level = levels[index]
        let size = level.size
        let fx = u * Double(size) - 0.5
        let fy = v * Double(size) - 0.5
        let x0 = fx.rounded(.down), y0 = fy.rounded(.down)
        let tx = Float(fx - x0), ty = Float(fy - y0)
        let mask = size - 1
        let ix = Int(x0) & mask, iy = Int(y0) & mask
        let ix1 = (ix + 1) & mask, iy1 = (iy + 1) & mask
        return level.color.withUnsafeBufferPointer { color in
            level.slope.withUnsafeBufferPointer { slope in
                let i00 = iy * size + ix, i10 = iy * size + ix1, i01 = iy1 * size + ix, i11 = iy1 * size + ix1
                let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                let c = ColorSpace.linear(color[i00]) * w00 + ColorSpace.linear(color[i10]) * w10
                    + ColorSpace.linear(color[i01]) * w01 + ColorSpace.linear(color[i11]) * w11
                let s = Self.slope(slope[i00]) * w00 + Self.slope(slope[i10]) * w10
                    + Self.slope(slope[i01]) * w01 + Self.slope(slope[i11]) * w11
                return (c, s)
            }
        }
    }

    @inline(__always)
    private static func slope(_ packed: UInt16) -> SIMD2<Float> {
        SIMD2(Float(Int8(bitPattern: UInt8(packed & 0xFF))), Float(Int8(bitPattern: UInt8(packed >> 8)))) * (1 / slopeScale)
    }

    /// Trilinear lookup at a level of detail (0 = full resolution, fractional blends two levels).
    @inline(__always)
    func trilinear(u: Double, v: Double, lod: Double) -> (color: SIMD4<Float>, slope: SIMD2<Float>) {
        let top = Double(levels.count - 1)
        let l = min(max(lod, 0), top)
        let l0 = Int(l)
        let t = Float(l - Double(l0))
        let a = bilinear(level: l0, u: u, v: v)
        if t == 0 || l0 == levels.count - 1 { return a }
        let b = bilinear(level: l0 + 1, u: u, v: v)
        return (a.color + (b.color - a.color) * t, a.slope + (b.slope - a.slope) * t)
    }

    /// Anisotropic lookup over the footprint of a pixel whose edges span `du` and `dv` (in tiles).
    ///
    /// Up to `maxTaps` trilinear taps along the footprint's long axis, each at the level of its short axis.
    func filtered(u: Double, v: Double, du: SIMD2<Double>, dv: SIMD2<Double>, maxTaps: Int = 8)
        -> (color: SIMD4<Float>, slope: SIMD2<Float>) {
        let size = Double(levels[0].size)
        let lengthU = (du * du).sum().squareRoot() * size
        let lengthV = (dv * dv).sum().squareRoot() * size
        let (major, majorLength, minorLength) = lengthU >= lengthV ? (du, lengthU, lengthV) : (dv, lengthV, lengthU)
        let taps = max(1, min(maxTaps, Int((majorLength / max(minorLength, 1e-9)).rounded(.up))))
        let lod = log2(max(majorLength / Double(taps), minorLength, 1e-9))
        if taps == 1 { return trilinear(u: u, v: v, lod: lod) }
        var color = SIMD4<Float>(repeating: 0)
        var slope = SIMD2<Float>(repeating: 0)
        for i in 0..<taps {
            let offset = (Double(i) + 0.5) / Double(taps) - 0.5
            let tap = trilinear(u: u + major.x * offset, v: v + major.y * offset, lod: lod)
            color += tap.color
            slope += tap.slope
        }
        let scale = 1 / Float(taps)
        return (color * scale, slope * scale)
    }
}
