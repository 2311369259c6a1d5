import Foundation
import Learn

/// The toy experiment's metrics (reference fourier-head.md §2.5).
public enum ToyMetrics {
    /// KL(true ‖ model) = (1/rows) Σ_rows Σ_ℓ t·(log t − log(p + 1e-10)), terms with t = 0 counting 0
    /// (PyTorch's `KLDivLoss(reduction='batchmean')` on `log(p + 1e-10)`).
    public static func klDivergence(truth: [Double], model: Matrix) -> Double {
        precondition(truth.count == model.values.count, "one true probability per model probability")
        var total = 0.0
        for (t, p) in zip(truth, model.values) where t > 0 {
            total += t * (log(t) - log(Double(p) + 1e-10))
        }
        return total / Double(model.rows)
    }

    /// Mean over rows of (centre[predicted bin] − centre[label])², with bin centres −1 + (2ℓ+1)/m.
    public static func squaredError(predicted: [Int], labels: [Int], bins: Int) -> Double {
        let centres = BinCentres.uniform(bins).points
        return zip(predicted, labels).reduce(0.0) { total, pair in
            let d = centres[pair.0] - centres[pair.1]
            return total + d * d
        } / Double(labels.count)
    }

    /// The expected bin index of each PMF row, rounded half to even as `torch.round` does.
    public static func expectedBins(_ pmfs: Matrix) -> [Int] {
        (0..<pmfs.rows).map { r in
            var mean = 0.0
            for l in 0..<pmfs.cols { mean += Double(l) * Double(pmfs[r, l]) }
            return min(max(Int(mean.rounded(.toNearestOrEven)), 0), pmfs.cols - 1)
        }
    }
}

/// The smoothness metric s(y) = Σ_{σ=1}^{100} 6/(π²σ²) · ‖y − G_σ ⊛ y‖₂ (not squared), where G_σ ⊛ y is
/// `scipy.ndimage.gaussian_filter1d(y, σ, mode="wrap", radius=m−1)`: a circular convolution with taps
/// exp(−j²/2σ²) for j = −(m−1)…m−1, normalised to sum 1. Lower is smoother.
///
/// The operators I − G_σ are precomputed as one (100·m) × m matrix, so a batch of PMFs costs one sgemm.
public struct Smoothness: Sendable {
    /// The PMF length m.
    public let bins: Int
    /// The number of widths σ = 1…sigmas summed (100 as the paper).
    public let sigmas: Int
    /// Rows σ·m … σ·m+m−1 hold I − G_σ.
    private let operators: Matrix
    private let weights: [Double]

    /// Precomputes I − G_σ for PMFs of m bins.
    public init(bins m: Int, sigmas: Int = 100) {
        bins = m
        self.sigmas = sigmas
        var ops = Matrix(rows: sigmas * m, cols: m)
        for s in 1...sigmas {
            let sigma = Double(s)
            let taps = (-(m - 1)...(m - 1)).map { j in exp(-Double(j * j) / (2 * sigma * sigma)) }
            let total = taps.reduce(0, +)
            let base = (s - 1) * m
            for i in 0..<m {
                ops[base + i, i] += 1
                for (t, j) in (-(m - 1)...(m - 1)).enumerated() {
                    let col = ((i + j) % m + m) % m
                    ops[base + i, col] -= Float(taps[t] / total)
                }
            }
        }
        operators = ops
        weights = (1...sigmas).map { 6 / (Double.pi * Double.pi * Double($0 * $0)) }
    }

    /// s(y) for every row of `pmfs`.
    public func values(_ pmfs: Matrix) -> [Double] {
        precondition(pmfs.cols == bins, "PMFs over \(pmfs.cols) bins, smoothness built for \(bins)")
        let residuals = BLAS.product(pmfs, operators, transposeB: true)
        let m = bins, width = sigmas * m
        return residuals.values.withUnsafeBufferPointer { r in
            (0..<pmfs.rows).map { row in
                var total = 0.0
                for s in 0..<sigmas {
                    var squares = 0.0
                    for i in 0..<m {
                        let v = Double(r[row * width + s * m + i])
                        squares += v * v
                    }
                    total += weights[s] * squares.squareRoot()
                }
                return total
            }
        }
    }
}
