import Foundation

/// An AgX-like filmic view transform from linear Rec.709 scene radiance to display sRGB bytes.
///
/// The steps of Blender's AgX base: an inset matrix (desaturates towards the achromatic axis so bright
/// colours roll off to white), a log2 encoding from −10 to +6.5 stops around middle grey, a sigmoid
/// contrast curve (a 6th-order polynomial fit), and the outset matrix back. Middle grey 0.18 maps to about
/// 0.5. The per-channel curve is read from a table indexed by the float's bits, so a pixel costs two 3×3
/// products and three lookups.
struct ToneMap: Sendable {
    static let minimumEV = -12.47393
    static let maximumEV = 4.026069
    private static let shift: UInt32 = 14
    private static let lowest = Float(exp2(minimumEV))
    private static let highest = Float(exp2(maximumEV))

    private let curve: [Float]

    init() {
        let first = Self.lowest.bitPattern >> Self.shift
        let last = Self.highest.bitPattern >> Self.shift
        curve = (first...last).map { index in
            let x = Double(Float(bitPattern: index << Self.shift | 1 << (Self.shift - 1)))
            return Float(Self.sigmoid((log2(x) - Self.minimumEV) / (Self.maximumEV - Self.minimumEV)))
        }
    }

    /// The contrast curve on the normalised log encoding t in [0, 1].
    static func sigmoid(_ t: Double) -> Double {
        let t2 = t * t, t4 = t2 * t2
        return 15.5 * t4 * t2 - 40.14 * t4 * t + 31.96 * t4 - 6.868 * t2 * t + 0.4298 * t2 + 0.1191 * t - 0.00232
    }

    @inline(__always)
    private func lookup(_ x: Float, _ table: UnsafeBufferPointer<Float>) -> Float {
        // Written so that NaN maps to the lowest entry: min/max pass NaN through, and its bits would index
        // far past the table (the buffer is not bounds-checked in release builds).
        let clamped = x > Self.lowest ? min(x, Self.highest) : Self.lowest
        return table[Int(clamped.bitPattern >> Self.shift &- Self.lowest.bitPattern >> Self.shift)]
    }

    /// Display-encoded RGB in [0, 1] for linear radiance `c`.
    @inline(__always)
    func display(_ c: SIMD4<Float>) -> SIMD4<Float> {
        let r = 0.842479062253094 * c.x + 0.0784335999999992 * c.y + 0.0792237451477643 * c.z
        let g = 0.0423282422610123 * c.x + 0.878468636469772 * c.y + 0.0791661274605434 * c.z
        let b = 0.0423756549057051 * c.x + 0.0784336 * c.y + 0.879142973793104 * c.z
        let (cr, cg, cb) = curve.withUnsafeBufferPointer { table in
            (lookup(Float(r), table), lookup(Float(g), table), lookup(Float(b), table))
        }
        let outR = 1.19687900512017 * cr - 0.0980208811401368 * cg - 0.0990297440797205 * cb
        let outG = -0.0528968517574562 * cr + 1.15190312990417 * cg - 0.0989611768448433 * cb
        let outB = -0.0529716355144438 * cr - 0.0980434501171241 * cg + 1.15107367264116 * cb
        return SIMD4(Float(outR), Float(outG), Float(outB), 0)
    }

    /// sRGB bytes for linear radiance `c`, written at `out[0..<3]`.
    @inline(__always)
    func write(_ c: SIMD4<Float>, to out: UnsafeMutablePointer<UInt8>) {
        let d = display(c)
        out[0] = Self.byte(d.x)
        out[1] = Self.byte(d.y)
        out[2] = Self.byte(d.z)
    }

    @inline(__always)
    private static func byte(_ v: Float) -> UInt8 {
        UInt8(min(max(v, 0), 1) * 255 + 0.5)
    }
}
