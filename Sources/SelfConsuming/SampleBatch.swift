/// A batch of samples of one fixed shape, stored flat in C order (as a `.npy` file of shape
/// `[count] + sampleShape` holds it).
///
/// The loop engine and the external corrector only need these members, so a model over images or
/// motion clips plugs in with its own batch type.
public protocol SampleBatch: Sendable {
    /// The shape of one sample, e.g. `[d]` for points in d dimensions.
    var sampleShape: [Int] { get }
    /// All values, sample after sample.
    var values: [Double] { get }
    /// A batch from flat values; `values.count` is a multiple of the sample size.
    init(values: [Double], sampleShape: [Int])
    /// The first `k` samples, with whatever travels beside the values (default: the values only).
    func prefix(_ k: Int) -> Self
    /// This batch with its values replaced by `values` of the same shape, keeping what travels beside
    /// them (a corrector's output gets the labels of its input; default: a batch of the values only).
    func replacingValues(_ values: [Double]) -> Self
}

extension SampleBatch {
    /// Values per sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// Number of samples.
    public var count: Int { sampleSize == 0 ? 0 : values.count / sampleSize }

    /// The first `k` samples.
    public func prefix(_ k: Int) -> Self {
        k >= count ? self : Self(values: Array(values.prefix(k * sampleSize)), sampleShape: sampleShape)
    }

    /// A batch of the same sample shape holding `values`.
    public func replacingValues(_ values: [Double]) -> Self {
        Self(values: values, sampleShape: sampleShape)
    }
}

/// Points in d dimensions: `count × dimension` values, row after row.
public struct PointBatch: SampleBatch, Equatable {
    /// d, values per point (> 0).
    public let dimension: Int
    /// `count × dimension` values, row after row.
    public var values: [Double]

    /// `[dimension]`.
    public var sampleShape: [Int] { [dimension] }

    /// Points of `dimension` values each; `values.count` must be a multiple of it (checked).
    public init(values: [Double], dimension: Int) {
        precondition(dimension > 0 && values.count % dimension == 0, "\(values.count) values are not rows of \(dimension)")
        self.values = values
        self.dimension = dimension
    }

    /// Points of `sampleShape[0]` values each; the shape must have one entry (checked).
    public init(values: [Double], sampleShape: [Int]) {
        precondition(sampleShape.count == 1, "points have a one-dimensional sample shape, not \(sampleShape)")
        self.init(values: values, dimension: sampleShape[0])
    }

    /// Point `i`.
    public subscript(i: Int) -> ArraySlice<Double> {
        values[i * dimension..<(i + 1) * dimension]
    }

    /// Squared Euclidean distance between point `i` of this batch and point `j` of `other`.
    @inline(__always)
    func squaredDistance(_ i: Int, to other: PointBatch, _ j: Int) -> Double {
        var sum = 0.0
        let a = i * dimension, b = j * dimension
        for k in 0..<dimension {
            let diff = values[a + k] - other.values[b + k]
            sum += diff * diff
        }
        return sum
    }
}
