/// How the synthetic batches of past generations join the training set.
public enum Accumulation: String, Codable, CaseIterable, Sendable {
    /// Only the newest batch (the motion and MNIST experiments).
    case latest
    /// Every batch, the older ones fading: with K batches stored, batch i (0-based, oldest first)
    /// gives its first ⌊(i+1)/K · m⌋ samples (the Gaussian toy's "simulated fine-tuning").
    case decaying
    /// Every batch in full (Gerstgrasser et al.'s "accumulate").
    case all

    /// How many samples of stored batch `index` (oldest first) of `stored` batches of `size` samples join.
    public func take(batch index: Int, of stored: Int, size: Int) -> Int {
        switch self {
        case .latest: index == stored - 1 ? size : 0
        case .decaying: Int(Double(index + 1) / Double(stored) * Double(size))
        case .all: size
        }
    }
}

/// One arm of a loop experiment: what each generation trains on.
public struct LoopArm: Sendable, Equatable {
    /// The arm's name in folders, tables and random streams, e.g. `real-only`, `uncorrected`, `gamma-0.3`.
    public let label: String
    /// λ, synthetic samples per real sample: each generation draws ⌊λ·n⌋. 0 for the real-only arm.
    public let lambda: Double
    /// Whether the real data stays in the training set after generation 0.
    public let keepReal: Bool
    /// How past synthetic batches join the training set.
    public let accumulation: Accumulation
    /// The correction strength; nil for no correction (identity).
    public let gamma: Double?

    /// Stores the fields as given.
    public init(label: String, lambda: Double, keepReal: Bool = true, accumulation: Accumulation, gamma: Double? = nil) {
        self.label = label
        self.lambda = lambda
        self.keepReal = keepReal
        self.accumulation = accumulation
        self.gamma = gamma
    }

    /// Keeps training on the real data only (the paper's baseline).
    public static let realOnly = LoopArm(label: "real-only", lambda: 0, accumulation: .latest)

    /// Self-consuming without correction.
    public static func uncorrected(lambda: Double, accumulation: Accumulation, label: String = "uncorrected") -> LoopArm {
        LoopArm(label: label, lambda: lambda, accumulation: accumulation)
    }

    /// Self-consuming with correction at strength γ.
    public static func corrected(gamma: Double, lambda: Double, accumulation: Accumulation) -> LoopArm {
        LoopArm(label: "gamma-" + formatGamma(gamma), lambda: lambda, accumulation: accumulation, gamma: gamma)
    }

    /// Synthetic samples per generation for n real samples: ⌊λ·n⌋.
    public func syntheticCount(real n: Int) -> Int {
        Int(lambda * Double(n))
    }
}

/// γ as people write it: `1` rather than `1.0`, `0.03` as is.
public func formatGamma(_ gamma: Double) -> String {
    gamma == gamma.rounded() && abs(gamma) < 1e15 ? String(Int(gamma)) : String(gamma)
}
