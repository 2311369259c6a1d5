import LoomCore

/// Where a discrete Fourier head evaluates its density: one point in [-1, 1] per bin.
public struct BinCentres: Sendable, Equatable {
    /// The evaluation points, increasing, in [-1, 1].
    public let points: [Double]

    /// Points in [-1, 1]; they must increase.
    public init(points: [Double]) {
        precondition(!points.isEmpty && points.allSatisfy { $0 >= -1 && $0 <= 1 }, "bin centres must lie in [-1, 1]")
        precondition(zip(points, points.dropFirst()).allSatisfy { $0 < $1 }, "bin centres must increase")
        self.points = points
    }

    /// m uniform bins: edges `linspace(-1, 1, m+1)`, centres -1 + (2ℓ+1)/m (reference §1.2 step 6).
    public static func uniform(_ count: Int) -> BinCentres {
        BinCentres(points: UniformBins(count: count).centres)
    }

    /// Non-uniform bins: the centres of a `MixedUniformBins` tokenizer, mapped affinely from
    /// [low, high] onto [-1, 1], so the density lives on the value axis rather than the token axis.
    public static func mixed(_ bins: MixedUniformBins) -> BinCentres {
        let (low, high) = (bins.centres.first!, bins.centres.last!)
        return BinCentres(points: bins.centres.map { -1 + 2 * ($0 - low) / (high - low) })
    }

    /// The number of bins.
    public var count: Int { points.count }
}
