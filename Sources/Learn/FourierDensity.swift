import Foundation
import LoomCore

/// One Fourier PDF on [-1, 1]: p(x) = 1/2 + Re Σ_{k=1}^{N} d_k e^{iπkx} with d_k = c_k / c_0.
///
/// Non-negative and integrating to 1 by construction (c are autocorrelations). Evaluates anywhere, so
/// it serves plots on a fine grid, the continuous (MLE) head, its CDF and inverse-CDF sampling.
public struct FourierDensity: Sendable, Equatable {
    /// Re c_0 … Re c_N, unnormalised.
    public let real: [Double]
    /// Im c_0 … Im c_N, unnormalised (Im c_0 = 0).
    public let imaginary: [Double]

    /// A series of these coefficients; both arrays have N + 1 values.
    public init(real: [Double], imaginary: [Double]) {
        precondition(real.count == imaginary.count && !real.isEmpty, "one real and one imaginary part per coefficient")
        self.real = real
        self.imaginary = imaginary
    }

    /// N, the highest frequency.
    public var frequencies: Int { real.count - 1 }

    /// d_k = c_k / Re c_0 for k = 1…N, as (real, imaginary).
    public var normalized: [(real: Double, imaginary: Double)] {
        (1..<real.count).map { (real[$0] / real[0], imaginary[$0] / real[0]) }
    }

    /// p(x).
    public func density(at x: Double) -> Double {
        var p = 0.5
        for k in 1..<real.count {
            let theta = Double.pi * Double(k) * x
            p += (real[k] * cos(theta) - imaginary[k] * sin(theta)) / real[0]
        }
        return p
    }

    /// F(x) = ∫_{-1}^{x} p = (x+1)/2 + Σ_k [Re d_k sin(πkx) + Im d_k (cos(πkx) - (-1)^k)] / (πk)
    /// (reference §1.9's closed form written in real arithmetic).
    public func cdf(at x: Double) -> Double {
        var total = (x + 1) / 2
        for k in 1..<real.count {
            let theta = Double.pi * Double(k) * x
            let sign: Double = k % 2 == 0 ? 1 : -1
            total += (real[k] * sin(theta) + imaginary[k] * (cos(theta) - sign)) / (real[0] * Double.pi * Double(k))
        }
        return total
    }

    /// The x with F(x) = u by bisection on [-1, 1]: 25 halvings as in the original, leaving an
    /// interval of width 2^-24.
    public func quantile(_ u: Double) -> Double {
        var lower = -1.0, upper = 1.0
        for _ in 0..<25 {
            let mid = (lower + upper) / 2
            if cdf(at: mid) < u { lower = mid } else { upper = mid }
        }
        return (lower + upper) / 2
    }

    /// A draw by inverse-CDF sampling.
    public func sample(random: inout RandomStream) -> Double {
        quantile(random.uniform())
    }
}
