import LoomCore

/// k-means clustering of points: k-means++ seeding, then Lloyd iterations until no point changes cluster.
public struct KMeans: Sendable {
    /// The cluster centres, one row each.
    public let centres: PointBatch

    /// Clusters `data` into `clusters` groups (at most `data.count`).
    public init(fitting data: PointBatch, clusters: Int, random: inout RandomStream, iterations: Int = 300) throws {
        let n = data.count, d = data.dimension
        guard clusters >= 1, clusters <= n else {
            throw LoomError.usage("k-means needs between 1 and \(n) clusters (the number of real samples), not \(clusters)")
        }
        var centres = Self.seed(data, clusters: clusters, random: &random)
        var labels = [Int](repeating: -1, count: n)
        for _ in 0..<iterations {
            var changed = false
            for i in 0..<n {
                let label = Self.nearest(data, i, in: centres)
                if label != labels[i] { labels[i] = label; changed = true }
            }
            if !changed { break }
            var sums = [Double](repeating: 0, count: clusters * d)
            var counts = [Int](repeating: 0, count: clusters)
            for i in 0..<n {
                counts[labels[i]] += 1
                for k in 0..<d { sums[labels[i] * d + k] += data.values[i * d + k] }
            }
            for c in 0..<clusters where counts[c] > 0 {  // an empty cluster keeps its centre
                for k in 0..<d { centres.values[c * d + k] = sums[c * d + k] / Double(counts[c]) }
            }
        }
        self.centres = centres
    }

    /// k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen.
    static func seed(_ data: PointBatch, clusters: Int, random: inout RandomStream) -> PointBatch {
        let n = data.count, d = data.dimension
        var chosen = [random.integer(below: n)]
        var distance = (0..<n).map { data.squaredDistance($0, to: data, chosen[0]) }
        while chosen.count < clusters {
            let total = distance.reduce(0, +)
            let next = total > 0 ? random.categorical(distance) : random.integer(below: n)
            chosen.append(next)
            for i in 0..<n { distance[i] = min(distance[i], data.squaredDistance(i, to: data, next)) }
        }
        return PointBatch(values: chosen.flatMap { Array(data[$0]) }, dimension: d)
    }

    /// The centre nearest to point `i` of `points` (the lowest index on ties).
    static func nearest(_ points: PointBatch, _ i: Int, in centres: PointBatch) -> Int {
        var best = 0, bestDistance = Double.infinity
        for c in 0..<centres.count {
            let distance = points.squaredDistance(i, to: centres, c)
            if distance < bestDistance { best = c; bestDistance = distance }
        }
        return best
    }

    /// The index of the centre nearest to each point of `points`.
    public func assign(_ points: PointBatch) -> [Int] {
        (0..<points.count).map { Self.nearest(points, $0, in: centres) }
    }
}

/// Projection onto k-means centres of the real data: x ← (1−s)·x + s·c(x), c(x) the nearest centre
/// (the paper's MNIST corrector at s = 1; reference §6.6(c) for s < 1).
public struct KMeansCorrector: Corrector {
    /// The centres of the real data.
    public let means: KMeans
    /// `kmeans`.
    public let name = "kmeans"

    /// Projects onto the centres of `means`.
    public init(means: KMeans) {
        self.means = means
    }

    /// Each point moved a fraction s = γ/(1+γ) toward its nearest centre (unchanged at γ = 0).
    public func correct(_ batch: PointBatch, gamma: Double, context: CorrectionContext, random: inout RandomStream) -> PointBatch {
        let s = correctionFraction(gamma: gamma)
        guard s > 0 else { return batch }
        let d = batch.dimension
        var out = batch.values
        for (i, c) in means.assign(batch).enumerated() {
            for k in 0..<d { out[i * d + k] = (1 - s) * batch.values[i * d + k] + s * means.centres.values[c * d + k] }
        }
        return PointBatch(values: out, dimension: d)
    }
}
