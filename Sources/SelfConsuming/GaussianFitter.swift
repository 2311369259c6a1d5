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

    public let estimator: Estimator
    /// Added to the covariance's diagonal.
    public let regularization: Double
    /// The distribution the metrics compare against.
    public let target: GaussianModel

    public init(estimator: Estimator, regularization: Double, target: GaussianModel) {
        self.estimator = estimator
        self.regularization = regularization
        self.target = target
    }

    public func train(on data: TrainingSet<PointBatch>, previous: GaussianModel?, random: inout RandomStream) throws -> GaussianModel {
        let d = target.dimension
        let n = data.count
        let parts = data.parts
        guard n >= (estimator == .unbiased ? 2 : 1) else {
            throw SelfConsumingError.runtime("cannot fit a Gaussian to \(n) sample(s)")
        }
        var mean = [Double](repeating: 0, count: d)
        for (batch, count) in parts {
            batch.values.withUnsafeBufferPointer { v in
                for i in 0..<count { for k in 0..<d { mean[k] += v[i * d + k] } }
            }
        }
        for k in 0..<d { mean[k] /= Double(n) }
        var scatter = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        for (batch, count) in parts {
            batch.values.withUnsafeBufferPointer { v in
                for i in 0..<count {
                    for k in 0..<d { centred[k] = v[i * d + k] - mean[k] }
                    for r in 0..<d { for c in r..<d { scatter[r * d + c] += centred[r] * centred[c] } }
                }
            }
        }
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

    public func restore(_ state: JSONValue) throws -> GaussianModel {
        let model = try GaussianModel(state: state)
        guard model.dimension == target.dimension else {
            throw SelfConsumingError.runtime("a saved Gaussian has \(model.dimension) dimensions, the loop has \(target.dimension)")
        }
        return model
    }

    /// W₂ to the target, the distance of the means, and the mean variance tr Σ / d.
    public let metricNames = ["w2", "mean_error", "variance"]

    public func evaluate(_ model: GaussianModel) -> [Double] {
        let d = model.dimension
        var squared = 0.0
        for k in 0..<d { squared += (model.mean[k] - target.mean[k]) * (model.mean[k] - target.mean[k]) }
        let trace = (0..<d).reduce(0.0) { $0 + model.covariance[$1 * d + $1] }
        return [wasserstein2(target, model), squared.squareRoot(), trace / Double(d)]
    }
}
