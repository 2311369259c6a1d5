import Foundation

/// One head configuration of one dataset aggregated over its seeds, as the original's `aggregate.py`
/// reports it: KL and MSE as mean ± sd over seeds, smoothness as mean ± sd over every test PMF of every
/// seed (sd with ddof = 1).
public struct ToySummary: Sendable {
    /// The toy dataset's name.
    public let dataset: String
    /// The head configuration.
    public let head: ToyHead
    /// The seeds aggregated.
    public let seeds: [Int]
    /// KL divergence over seeds.
    public let kl: Statistic
    /// Smoothness over every test PMF of every seed.
    public let smoothness: Statistic
    /// MSE over seeds.
    public let mse: Statistic
    /// MSE_argmax over seeds.
    public let mseArgmax: Statistic
    /// The original's numbers for this configuration, if it reported them.
    public var paper: PaperResult? { PaperResult.lookup(dataset: dataset, head: head) }

    /// Mean and sample standard deviation.
    public struct Statistic: Sendable {
        /// The mean.
        public let mean: Double
        /// The sample standard deviation (ddof = 1; NaN for a single value).
        public let sd: Double

        /// The mean and sd of `values`.
        public init(_ values: [Double]) {
            let n = Double(values.count)
            let average = values.reduce(0, +) / n
            mean = average
            sd = values.count > 1 ? (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)).squareRoot() : .nan
        }

        /// True when `mean` lies within the paper's mean ± 2 sd.
        public func within(_ paper: (mean: Double, sd: Double)) -> Bool {
            abs(mean - paper.mean) <= 2 * paper.sd
        }
    }

    /// The summaries of `results`, one per dataset and head, in first-appearance order.
    public static func make(_ results: [ToyRunResult]) -> [ToySummary] {
        var order: [String] = []
        var groups: [String: [ToyRunResult]] = [:]
        for r in results {
            let key = "\(r.spec.dataset)|\(r.spec.folder)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        return order.map { key in
            let runs = groups[key]!.sorted { $0.spec.seed < $1.spec.seed }
            return ToySummary(dataset: runs[0].spec.dataset, head: runs[0].spec.head, seeds: runs.map(\.spec.seed),
                              kl: Statistic(runs.map(\.klDivergence)), smoothness: Statistic(runs.flatMap(\.smoothness)),
                              mse: Statistic(runs.map(\.mse)), mseArgmax: Statistic(runs.map(\.mseArgmax)))
        }
    }
}
