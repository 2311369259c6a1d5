import Foundation
import LoomCore

/// One component of a Gaussian mixture as a config file gives it.
public struct ComponentSpec: Codable, Sendable, Equatable {
    /// The component's mixing weight in [0, 1]; the weights sum to 1.
    public var weight: Double
    /// The component's mean, one value per dimension.
    public var mean: [Double]
    /// The component's covariance, d × d rows, positive definite.
    public var covariance: [[Double]]

    /// A component of this weight, mean and covariance.
    public init(weight: Double, mean: [Double], covariance: [[Double]]) {
        self.weight = weight
        self.mean = mean
        self.covariance = covariance
    }
}

/// A Gaussian mixture in any dimension, ready to sample: weights, means and Cholesky factors.
public struct GaussianMixture: Sendable, Equatable {
    /// d, the number of values per sample.
    public let dimension: Int
    /// The mixing weights, one per component, summing to 1.
    public let weights: [Double]
    /// The component means, d values each.
    public let means: [[Double]]
    /// Lower-triangular Cholesky factors, row-major d×d, one after the other (flat, so that drawing
    /// a row touches no array object).
    let factors: [Double]
    /// The means, d values per component, one after the other.
    let flatMeans: [Double]
    let cumulative: [Double]

    /// Checks the spec (weights sum to 1, shapes agree, covariances positive definite).
    public init(_ components: [ComponentSpec]) throws(ConfigValueError) {
        guard let first = components.first else { throw ConfigValueError("components", "give at least one component") }
        let d = first.mean.count
        guard d > 0 else { throw ConfigValueError("components.0.mean", "the mean must have at least one value") }
        var factors: [[Double]] = []
        for (k, c) in components.enumerated() {
            guard c.weight > 0, c.weight.isFinite else { throw ConfigValueError("components.\(k).weight", "weights must be positive") }
            guard c.mean.count == d, c.mean.allSatisfy(\.isFinite) else {
                throw ConfigValueError("components.\(k).mean", "every mean must have \(d) finite values")
            }
            guard c.covariance.count == d, c.covariance.allSatisfy({ $0.count == d }) else {
                throw ConfigValueError("components.\(k).covariance", "the covariance must be a \(d)×\(d) matrix")
            }
            for i in 0..<d { for j in 0..<d where abs(c.covariance[i][j] - c.covariance[j][i]) > 1e-12 * max(1, abs(c.covariance[i][j])) {
                throw ConfigValueError("components.\(k).covariance", "the covariance is not symmetric")
            } }
            guard let l = Self.cholesky(c.covariance) else {
                throw ConfigValueError("components.\(k).covariance", "the covariance is not positive definite")
            }
            factors.append(l.flatMap { $0 })
        }
        let total = components.reduce(0) { $0 + $1.weight }
        guard abs(total - 1) < 1e-9 else {
            throw ConfigValueError("components", "weights sum to \(total), not 1")
        }
        dimension = d
        weights = components.map(\.weight)
        means = components.map(\.mean)
        self.factors = factors.flatMap { $0 }
        flatMeans = components.flatMap(\.mean)
        var running = 0.0
        cumulative = weights.map { running += $0; return running }
    }

    /// Draws a component index and a point into `out` (length `dimension`).
    @inline(__always)
    public func sample(into out: UnsafeMutablePointer<Double>, random: inout RandomStream) -> Int {
        let u = random.uniform()
        var k = 0
        while k < cumulative.count - 1 && u >= cumulative[k] { k += 1 }
        let d = dimension
        let l = k * d * d, mean = k * d
        if d == 2 {
            let (z0, z1) = random.normalPair()
            out[0] = flatMeans[mean] + factors[l] * z0
            out[1] = flatMeans[mean + 1] + factors[l + 2] * z0 + factors[l + 3] * z1
            return k
        }
        // The normals go into `out`, then row i becomes mean + L z from the last row up: row i reads
        // z_0 ... z_i, which rows below it have not overwritten yet.
        for i in 0..<d { out[i] = random.normal() }
        for i in stride(from: d - 1, through: 0, by: -1) {
            var s = flatMeans[mean + i]
            for j in 0...i { s += factors[l + i * d + j] * out[j] }
            out[i] = s
        }
        return k
    }

    /// The lower Cholesky factor, or nil when the matrix is not positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

}

extension GaussianMixture {
    /// Draws rows `rows` (row i from `streams.stream(i)`, exactly as the generator does) into flat
    /// buffers: `points` holds `dimension` values per row, `components` one index per row. Splits
    /// the rows over `jobs` threads; the result does not depend on `jobs`.
    public func sample(rows: Range<Int>, streams: StreamFamily, points: UnsafeMutablePointer<Double>,
                       components: UnsafeMutablePointer<Int64>, jobs: Int) {
        let d = dimension
        let chunk = 65_536
        let chunks = (rows.count + chunk - 1) / chunk
        // Each chunk writes only its own rows, so no two threads touch the same element.
        nonisolated(unsafe) let points = points, components = components
        WorkQueue(jobs: jobs).forEach(chunks) { c in
            let start = rows.lowerBound + c * chunk
            for row in start..<min(start + chunk, rows.upperBound) {
                var random = streams.stream(row)
                let offset = row - rows.lowerBound
                components[offset] = Int64(sample(into: points + offset * d, random: &random))
            }
        }
    }
}
