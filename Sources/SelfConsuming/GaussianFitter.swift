import LoomCore

/// Fits a Gaussian to a training set from scratch each generation and measures it against a target.
///
/// With `.mle` and regularisation 1e-6 this is what the reference's
/// `GaussianMixture(n_components=1)` computes: the sample mean, the biased covariance, plus
/// `reg_covar`·I.
public struct GaussianFitter: LoopTrainer {
    /// How the covariance is normalised.
    public enum Estimator: String, Codable, CaseIterable, Sendable {
        /// Divide by N (maximum likelihood, biased).
        case mle
        /// Divide by N − 1.
        case unbiased
    }

    /// How the covariance is normalised (divide by N or N − 1).
    public let estimator: Estimator
    /// Added to the covariance's diagonal.
    public let regularization: Double
    /// The distribution the metrics compare against.
    public let target: GaussianModel

    /// Stores the settings as given.
    public init(estimator: Estimator, regularization: Double, target: GaussianModel) {
        self.estimator = estimator
        self.regularization = regularization
        self.target = target
    }

    /// The sample mean and covariance of the training set plus `regularization`·I; throws with fewer than 2 samples (`.unbiased`) or 1 (`.mle`).
    public func train(on data: TrainingSet<PointBatch>, previous: GaussianModel?, random: inout RandomStream) throws -> GaussianModel {
        let d = target.dimension
        let n = data.count
        guard n >= (estimator == .unbiased ? 2 : 1) else {
            throw LoomError.runtime("cannot fit a Gaussian to \(n) sample(s)")
        }
        // One pass of sums around a shift (the first sample), which keeps the variance accurate
        // when it is tiny next to the mean.
        var firstSample: [Double]?
        var sum = [Double](repeating: 0, count: d)
        var products = [Double](repeating: 0, count: d * d)
        data.forEachPart { batch, count in
            if firstSample == nil { firstSample = Array(batch.values.prefix(d)) }
            Self.accumulate(batch.values, count: count, dimension: d, shift: firstSample!, sum: &sum, products: &products)
        }
        let shift = firstSample!
        let mean = (0..<d).map { shift[$0] + sum[$0] / Double(n) }
        var scatter = [Double](repeating: 0, count: d * d)
        for r in 0..<d { for c in r..<d { scatter[r * d + c] = products[r * d + c] - sum[r] * sum[c] / Double(n) } }
        let divisor = Double(estimator == .mle ? n : n - 1)
        var covariance = [Double](repeating: 0, count: d * d)
        for r in 0..<d {
            for c in r..<d {
                let value = scatter[r * d + c] / divisor + (r == c ? regularization : 0)
                covariance[r * d + c] = value
                covariance[c * d + r] = value
            }
        }
        return try GaussianModel(mean: mean, covariance: covariance)
    }

    /// Adds Σ(x − shift) and the upper triangle of Σ(x − shift)(x − shift)ᵀ over the first `count` rows.
    static func accumulate(_ values: [Double], count: Int, dimension d: Int, shift: [Double],
                           sum: inout [Double], products: inout [Double]) {
        values.withUnsafeBufferPointer { v in
            if d == 1 {
                let c = shift[0]
                var s = SIMD4<Double>(), q = SIMD4<Double>()  // four lanes break the add chain
                var i = 0
                while i + 4 <= count {
                    let x = SIMD4(v[i], v[i + 1], v[i + 2], v[i + 3]) - c
                    s += x; q += x * x
                    i += 4
                }
                var sTail = s.sum(), qTail = q.sum()
                while i < count { let x = v[i] - c; sTail += x; qTail += x * x; i += 1 }
                sum[0] += sTail; products[0] += qTail
                return
            }
            if d == 2 {
                let c0 = shift[0], c1 = shift[1]
                var s0 = 0.0, s1 = 0.0, q00 = 0.0, q01 = 0.0, q11 = 0.0
                for i in 0..<count {
                    let x = v[2 * i] - c0, y = v[2 * i + 1] - c1
                    s0 += x; s1 += y; q00 += x * x; q01 += x * y; q11 += y * y
                }
                sum[0] += s0; sum[1] += s1; products[0] += q00; products[1] += q01; products[3] += q11
                return
            }
            var centred = [Double](repeating: 0, count: d)
            for i in 0..<count {
                for k in 0..<d { centred[k] = v[i * d + k] - shift[k]; sum[k] += centred[k] }
                for r in 0..<d { for c in r..<d { products[r * d + c] += centred[r] * centred[c] } }
            }
        }
    }

    /// The saved Gaussian; throws unless its dimension is the target's.
    public func restore(_ state: JSONValue) throws -> GaussianModel {
        let model = try GaussianModel(state: state)
        guard model.dimension == target.dimension else {
            throw LoomError.runtime("a saved Gaussian has \(model.dimension) dimensions, the loop has \(target.dimension)")
        }
        return model
    }

    /// W₂ to the target, the distance of the means, and the mean variance tr Σ / d.
    public let metricNames = ["w2", "mean_error", "variance"]

    /// The metrics of `metricNames` for `model` (`real` and `random` are not used).
    public func evaluate(_ model: GaussianModel, real: PointBatch, random: inout RandomStream) -> [Double] {
        evaluate(model)
    }

    /// W₂ to the target, the mean's error and the mean variance of `model`.
    public func evaluate(_ model: GaussianModel) -> [Double] {
        let d = model.dimension
        var squared = 0.0
        for k in 0..<d { squared += (model.mean[k] - target.mean[k]) * (model.mean[k] - target.mean[k]) }
        let trace = (0..<d).reduce(0.0) { $0 + model.covariance[$1 * d + $1] }
        return [wasserstein2(target, model), squared.squareRoot(), trace / Double(d)]
    }
}
