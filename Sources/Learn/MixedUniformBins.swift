/// Chronos' piecewise-uniform value bins (`MeanScaleMixedUniformBins`, reference fourier-head.md §1.8):
/// three uniform segments [low, mid1], [mid1, mid2] (dense) and [mid2, high]; the sparse outer segments
/// share `sparseDensity` of the tokens in proportion to their lengths.
public struct MixedUniformBins: Sendable, Equatable {
    /// Vocabulary size, special tokens included (4096 by default).
    public let tokens: Int
    /// Tokens reserved before the value bins (2 by default: Chronos' PAD and EOS).
    public let specialTokens: Int
    /// Bin centre values, increasing (4089 with the defaults).
    public let centres: [Double]
    /// Tokens of the three segments (603, 3278 and 215 with the defaults).
    public let segmentTokens: (low: Int, dense: Int, high: Int)

    /// The defaults are the Chronos Fourier-550 configuration.
    public init(low: Double = -15, mid1: Double = -1, mid2: Double = 10, high: Double = 15,
                sparseDensity: Double = 0.2, tokens: Int = 4096, specialTokens: Int = 2) {
        precondition(low < mid1 && mid1 < mid2 && mid2 < high, "segment limits must increase")
        self.tokens = tokens
        self.specialTokens = specialTokens
        let sparseRange = (mid1 - low) + (high - mid2)
        let lowTokens = Int(sparseDensity * Double(tokens) * (mid1 - low) / sparseRange)
        let highTokens = Int(sparseDensity * Double(tokens) * (high - mid2) / sparseRange)
        let denseTokens = tokens - lowTokens - highTokens
        segmentTokens = (lowTokens, denseTokens, highTokens)
        centres = Self.linspace(low, mid1, lowTokens - specialTokens - 1)
            + Self.linspace(mid1, mid2, denseTokens - 1).dropFirst()
            + Self.linspace(mid2, high, highTokens - 1).dropFirst()
    }

    /// Equal when the token counts and centres are equal.
    public static func == (a: Self, b: Self) -> Bool {
        a.tokens == b.tokens && a.specialTokens == b.specialTokens && a.centres == b.centres
    }

    /// The bin of a (mean-scaled) value: the nearest centre, boundaries halfway between centres.
    public func bin(of value: Double) -> Int {
        var lo = 0, hi = centres.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if value >= (centres[mid] + centres[mid + 1]) / 2 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func linspace(_ a: Double, _ b: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [a] : [] }
        return (0..<count).map { i in i == count - 1 ? b : a + (b - a) * Double(i) / Double(count - 1) }
    }
}
