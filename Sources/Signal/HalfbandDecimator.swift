import Foundation

/// Halves a sample rate: a symmetric Kaiser-windowed sinc low-pass (zero phase, zeros outside the
/// signal), then every other sample. `n` samples give `⌈n/2⌉`; output sample j is centred on input
/// sample 2j, aligned as soxr aligns its output.
public struct HalfbandDecimator: Sendable {
    /// Cutoff in cycles per input sample (0.225: 90% of the output's Nyquist frequency).
    public static let cutoff = 0.225
    /// Taps on each side of the centre.
    public static let halfLength = 48
    /// Kaiser window shape (about 80 dB stop-band attenuation).
    public static let kaiserBeta = 8.0

    let taps: [Float]

    /// Builds the Kaiser-windowed sinc taps, normalised to sum to 1.
    public init() {
        let k = Self.halfLength
        var taps = (-k...k).map { n -> Double in
            let x = Double(n)
            let sinc = n == 0 ? 2 * Self.cutoff : sin(2 * Double.pi * Self.cutoff * x) / (Double.pi * x)
            let r = x / Double(k)
            return sinc * Self.besselI0(Self.kaiserBeta * (1 - r * r).squareRoot()) / Self.besselI0(Self.kaiserBeta)
        }
        let sum = taps.reduce(0, +)
        taps = taps.map { $0 / sum }
        // Zeros up to a multiple of 8 taps, for the 8-wide dot product.
        self.taps = taps.map(Float.init) + [Float](repeating: 0, count: (8 - taps.count % 8) % 8)
    }

    /// The decimated signal, multiplied by `gain`.
    public func apply(_ signal: UnsafeBufferPointer<Float>, gain: Float = 1) -> [Float] {
        let n = signal.count, k = Self.halfLength, width = 2 * k + 1, padded = taps.count
        let count = (n + 1) / 2
        var out = [Float](repeating: 0, count: count)
        guard let x = signal.baseAddress else { return out }
        taps.withUnsafeBufferPointer { h in
            out.withUnsafeMutableBufferPointer { o in
                // The taps are symmetric, so output j is the dot product of h with x[2j−k … 2j+k].
                for j in 0..<count {
                    let first = 2 * j - k
                    var sum: Float = 0
                    if first >= 0 && first + padded <= n {
                        sum = Self.dot(h.baseAddress!, x + first, count: padded)
                    } else {
                        for u in max(0, -first)..<min(width, n - first) { sum += h[u] * x[first + u] }
                    }
                    o[j] = sum * gain
                }
            }
        }
        return out
    }

    /// Σ a[i]·b[i] over `count` (a multiple of 8) values, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc = SIMD8<Float>()
        for i in stride(from: 0, to: count, by: 8) {
            acc += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
        }
        return acc.sum()
    }

    /// The modified Bessel function of the first kind, order 0 (power series).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while term > 1e-12 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }
}
