import LoomCore

/// Correction toward a known ideal model (the toy's oracle), in the paper's two published
/// variants and the exact operator.
public enum IdealCorrection: String, Codable, CaseIterable, Sendable {
    /// v1 (the paper's figure): draw as many fresh ideal samples, pair them with the batch by a
    /// minimum-cost assignment, move each sample a fraction s toward its partner.
    case assignment
    /// v2 (the reference's later code): draw a new batch from (1−s)·histogram(batch) + s·ideal and
    /// pair it with the old one by a minimum-cost assignment.
    case mixture
    /// The exact π_γ: each sample is replaced, with probability s, by a fresh ideal sample.
    case replace
}

/// The ideal corrector π_γ for points, toward an ideal model it can sample.
public struct IdealCorrector: Corrector {
    /// Which of the three corrections to apply.
    public let variant: IdealCorrection
    /// The ideal model the batch is moved toward.
    public let ideal: any LoopModel<PointBatch>
    /// Histogram bins per axis for `.mixture` (the reference uses 10).
    public let bins: Int

    /// The variant's raw value: `assignment`, `mixture` or `replace`.
    public var name: String { variant.rawValue }

    /// Stores the settings as given.
    public init(variant: IdealCorrection, ideal: any LoopModel<PointBatch>, bins: Int = 10) {
        self.variant = variant
        self.ideal = ideal
        self.bins = bins
    }

    /// The batch moved toward the ideal by the variant, at fraction s = γ/(1+γ).
    public func correct(_ batch: PointBatch, gamma: Double, context: CorrectionContext, random: inout RandomStream) -> PointBatch {
        let s = correctionFraction(gamma: gamma)
        switch variant {
        case .assignment: return interpolate(batch, s: s, random: &random)
        case .mixture: return resample(batch, s: s, random: &random)
        case .replace: return replace(batch, s: s, random: &random)
        }
    }

    /// x_i ← (1−s)·x_i + s·y_π(i), π the least-total-distance pairing with fresh ideal samples y.
    func interpolate(_ batch: PointBatch, s: Double, random: inout RandomStream) -> PointBatch {
        guard s > 0 else { return batch }
        let fresh = ideal.sample(count: batch.count, random: &random)
        let partner = Assignment.pairing(batch, fresh)
        let d = batch.dimension
        var out = batch.values
        for i in 0..<batch.count {
            for k in 0..<d { out[i * d + k] = (1 - s) * batch.values[i * d + k] + s * fresh.values[partner[i] * d + k] }
        }
        return PointBatch(values: out, dimension: d)
    }

    /// A new batch from the mixture (1−s)·H + s·ideal, H the batch's histogram density (`bins` per
    /// axis over the batch's range, as numpy's `histogramdd`), paired with the old batch.
    ///
    /// Drawn exactly by composition: with probability s an ideal sample, otherwise a uniform point
    /// in the cell of a uniformly chosen batch sample (which picks each cell with its histogram mass).
    func resample(_ batch: PointBatch, s: Double, random: inout RandomStream) -> PointBatch {
        let n = batch.count, d = batch.dimension
        guard n > 0 else { return batch }
        var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
        for i in 0..<n { for k in 0..<d { low[k] = min(low[k], batch.values[i * d + k]); high[k] = max(high[k], batch.values[i * d + k]) } }
        for k in 0..<d where low[k] == high[k] { low[k] -= 0.5; high[k] += 0.5 }
        let fromIdeal = (0..<n).map { _ in random.uniform() < s }
        let fresh = ideal.sample(count: fromIdeal.filter { $0 }.count, random: &random)
        var drawn = [Double](repeating: 0, count: n * d)
        var used = 0
        for i in 0..<n {
            if fromIdeal[i] {
                for k in 0..<d { drawn[i * d + k] = fresh.values[used * d + k] }
                used += 1
                continue
            }
            let j = random.integer(below: n)
            for k in 0..<d {
                let width = (high[k] - low[k]) / Double(bins)
                let cell = min(Int((batch.values[j * d + k] - low[k]) / width), bins - 1)
                drawn[i * d + k] = low[k] + (Double(cell) + random.uniform()) * width
            }
        }
        let candidates = PointBatch(values: drawn, dimension: d)
        let partner = Assignment.pairing(batch, candidates)
        var out = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for k in 0..<d { out[i * d + k] = drawn[partner[i] * d + k] } }
        return PointBatch(values: out, dimension: d)
    }

    /// Each sample, with probability s, becomes a fresh ideal sample.
    func replace(_ batch: PointBatch, s: Double, random: inout RandomStream) -> PointBatch {
        guard s > 0 else { return batch }
        let fresh = ideal.sample(count: batch.count, random: &random)
        let d = batch.dimension
        var out = batch.values
        for i in 0..<batch.count where random.uniform() < s {
            for k in 0..<d { out[i * d + k] = fresh.values[i * d + k] }
        }
        return PointBatch(values: out, dimension: d)
    }
}
