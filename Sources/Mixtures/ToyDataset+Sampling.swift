import Foundation
import LoomCore

extension ToyDataset {
    /// Draws one row (x, y, z) from its own stream.
    public func sample(random: inout RandomStream, variance: Double) -> (x: Double, y: Double, z: Double) {
        let sd = variance.squareRoot()
        switch self {
        case .gaussian:
            let x = random.uniform(-0.8, 0.8)
            let y = random.normal(mean: x, sd: sd)
            return (x, y, random.normal(mean: y, sd: sd))
        case .gmm2:
            let x = random.uniform(-0.8, 0.8)
            let y = random.uniform(-0.8, 0.8)
            let pickX = random.uniform() < 0.5
            return (x, y, random.normal(mean: pickX ? x : y, sd: sd))
        case .beta:
            let x = random.uniform(-0.8, 0.8)
            let y = random.normal(mean: x, sd: sd)
            let sign = random.uniform() < 0.5 ? 1.0 : -1.0
            return (x, y, sign * random.beta(100 * abs(x), 100 * abs(y)))
        case .gmm:
            let x = random.uniform(-0.8, 0.8)
            let y = random.normal(mean: x, sd: sd)
            let low = random.uniform() < 0.5
            return (x, y, random.normal(mean: low ? min(x, y) - 0.1 : max(x, y) + 0.1, sd: sd))
        }
    }

    /// The true PMF of z's bin given unquantised features, as the reference builds it: the density at
    /// the bin centres, normalised to sum 1.
    public func truePMF(x: Double, y: Double, bins: UniformBins, variance: Double) -> [Double] {
        let sd = variance.squareRoot()
        let centres = bins.centres
        var p: [Double]
        switch self {
        case .gaussian:
            p = centres.map { Self.normalPDF($0, mean: y, sd: sd) }
        case .gmm2:
            p = centres.map { 0.5 * Self.normalPDF($0, mean: x, sd: sd) + 0.5 * Self.normalPDF($0, mean: y, sd: sd) }
        case .gmm:
            p = centres.map {
                0.5 * Self.normalPDF($0, mean: min(x, y) - 0.1, sd: sd) + 0.5 * Self.normalPDF($0, mean: max(x, y) + 0.1, sd: sd)
            }
        case .beta:
            let positive = centres.filter { $0 >= 0 }.map { Self.betaPDF($0, 100 * abs(x), 100 * abs(y)) }
            p = positive.reversed() + positive
        }
        let total = p.reduce(0, +)
        return total > 0 && total.isFinite ? p.map { $0 / total } : [Double](repeating: 1 / Double(bins.count), count: bins.count)
    }

    static func normalPDF(_ v: Double, mean: Double, sd: Double) -> Double {
        let z = (v - mean) / sd
        return exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
    }

    static func betaPDF(_ v: Double, _ a: Double, _ b: Double) -> Double {
        guard v > 0, v < 1, a > 0, b > 0 else { return 0 }
        let logKernel: Double = (a - 1) * log(v) + (b - 1) * log1p(-v)
        let logNorm: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        return exp(logKernel + logNorm)
    }
}
