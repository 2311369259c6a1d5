import Foundation

/// Uniform bins on [-1, 1], as the Fourier head toy uses them: the one definition of their edges
/// and centres, shared by the Mixtures generator (labels) and Learn (where a head evaluates its density).
public struct UniformBins: Sendable, Equatable {
    /// The number of bins, m.
    public let count: Int

    /// m uniform bins.
    public init(count: Int) {
        self.count = count
    }

    /// Bin index of a value: `clip(digitize(v, linspace(-1, 1, m+1)) - 1, 0, m-1)`.
    ///
    /// numpy's `digitize` returns i with edges[i-1] <= v < edges[i]; the edges are computed the way
    /// `linspace` does, so values on an edge land in the same bin as in the original.
    public func index(of value: Double) -> Int {
        // Binary search over the edges as linspace computes them.
        var lo = 0, hi = count + 1  // number of edges <= value lies in [lo, hi)
        while lo < hi {
            let mid = (lo + hi) / 2
            if edge(mid) <= value { lo = mid + 1 } else { hi = mid }
        }
        return min(max(lo - 1, 0), count - 1)
    }

    /// Edge `i` of `linspace(-1, 1, m+1)`.
    public func edge(_ i: Int) -> Double {
        i == count ? 1.0 : -1.0 + Double(i) * (2.0 / Double(count))
    }

    /// Centre of bin ℓ: `-1 + (2ℓ + 1) / m`.
    public func centre(_ bin: Int) -> Double {
        -1.0 + Double(2 * bin + 1) / Double(count)
    }

    /// All bin centres.
    public var centres: [Double] { (0..<count).map(centre) }
}
