import Foundation

/// The Gaussian negative log-likelihood of targets under per-element means and log-variances
/// (`nn.GaussianNLLLoss(full=True)` with var = exp(log-variance)), mean over every element.
public enum GaussianNLL {
    /// The mean of ½(log 2π + s + (y − μ)²·e^(−s)) and its gradients with respect to μ and s.
    public static func lossAndGradient(mean: Matrix, logVariance: Matrix, targets: Matrix)
        -> (loss: Double, meanGradient: Matrix, logVarianceGradient: Matrix) {
        precondition(mean.rows == targets.rows && mean.cols == targets.cols && logVariance.rows == mean.rows
                     && logVariance.cols == mean.cols, "one mean and log-variance per target")
        var dMean = mean, dLogVariance = logVariance
        var total = 0.0
        let scale = 1 / Float(mean.values.count)
        for i in mean.values.indices {
            let s = logVariance.values[i], d = mean.values[i] - targets.values[i], precision = exp(-s)
            total += 0.5 * (log(2 * Double.pi) + Double(s) + Double(d * d * precision))
            dMean.values[i] = scale * d * precision
            dLogVariance.values[i] = scale * 0.5 * (1 - d * d * precision)
        }
        return (total / Double(mean.values.count), dMean, dLogVariance)
    }
}
