import LoomCore

/// A multivariate normal N(μ, Σ) in d dimensions; the model of the Gaussian loops and their ideal.
public struct GaussianModel: LoopModel, Equatable {
    /// μ, d values.
    public let mean: [Double]
    /// d×d, row-major.
    public let covariance: [Double]
    let cholesky: [Double]

    /// d, the number of dimensions.
    public var dimension: Int { mean.count }

    /// Throws unless `covariance` is a finite, symmetric, positive semi-definite d×d matrix.
    public init(mean: [Double], covariance: [Double]) throws {
        let d = mean.count
        guard d > 0, covariance.count == d * d else {
            throw LoomError.runtime("a Gaussian in \(d) dimensions needs a \(d)×\(d) covariance, got \(covariance.count) values")
        }
        guard mean.allSatisfy(\.isFinite), covariance.allSatisfy(\.isFinite) else {
            throw LoomError.runtime("the Gaussian's mean or covariance is not finite")
        }
        for i in 0..<d { for j in 0..<i where abs(covariance[i * d + j] - covariance[j * d + i]) > 1e-9 * (1 + abs(covariance[i * d + j])) {
            throw LoomError.runtime("the covariance is not symmetric")
        } }
        guard let factor = SymmetricMatrix.cholesky(covariance, size: d) else {
            throw LoomError.runtime("the covariance is not positive semi-definite")
        }
        self.mean = mean
        self.covariance = covariance
        cholesky = factor
    }

    /// The standard normal N(0, I_d).
    public static func standard(dimension d: Int) -> GaussianModel {
        var identity = [Double](repeating: 0, count: d * d)
        for i in 0..<d { identity[i * d + i] = 1 }
        return try! GaussianModel(mean: [Double](repeating: 0, count: d), covariance: identity)
    }

    /// x = μ + L z with L the Cholesky factor of Σ and z standard normal.
    public func sample(count: Int, random: inout RandomStream) -> PointBatch {
        let d = dimension
        var values = [Double](repeating: 0, count: count * d)
        var z = [Double](repeating: 0, count: d)
        for i in 0..<count {
            for k in 0..<d { z[k] = random.normal() }
            for r in 0..<d {
                var x = mean[r]
                for k in 0...r { x += cholesky[r * d + k] * z[k] }
                values[i * d + r] = x
            }
        }
        return PointBatch(values: values, dimension: d)
    }

    /// `mean` and `covariance` (row-major) as JSON arrays.
    public var state: JSONValue {
        .object([("mean", .array(mean.map { .double($0) })), ("covariance", .array(covariance.map { .double($0) }))])
    }

    /// A model from the JSON `state` wrote.
    public init(state: JSONValue) throws {
        func numbers(_ key: String) -> [Double]? {
            guard case .array(let items)? = state[key] else { return nil }
            let values = items.compactMap { item -> Double? in
                switch item {
                case .double(let x): x
                case .int(let x): Double(x)
                default: nil
                }
            }
            return values.count == items.count ? values : nil
        }
        guard let mean = numbers("mean"), let covariance = numbers("covariance") else {
            throw LoomError.runtime("a saved Gaussian lacks its mean or covariance")
        }
        try self.init(mean: mean, covariance: covariance)
    }
}
