import LoomCore

/// Where a correction happens, for messages and for external programs.
public struct CorrectionContext: Sendable {
    /// The experiment's stream namespace, e.g. `loop/gaussian-toy`.
    public let experiment: String
    /// The arm's label, e.g. `gamma-0.3`.
    public let arm: String
    /// The run's seed.
    public let seed: UInt64
    /// The generation whose synthetic batch is corrected (1...T).
    public let generation: Int

    /// Stores the fields as given.
    public init(experiment: String, arm: String, seed: UInt64, generation: Int) {
        self.experiment = experiment
        self.arm = arm
        self.seed = seed
        self.generation = generation
    }
}

/// What a corrector keeps between the batches of one run on one thread (e.g. a physics world):
/// made by `Corrector.makeSession`, used only on the thread that made it.
public protocol CorrectorSession: AnyObject {}

/// Maps a batch of synthetic samples toward the true distribution at a correction strength γ ≥ 0.
///
/// γ = 0 means no correction; the idealised operator π_γ moves a fraction s = γ/(1+γ) of the
/// model's probability mass to the ideal model (Gillman et al. 2024, Definition 4.1). A corrector
/// draws only from `random`, so loops are reproducible whatever the thread count. It must return
/// as many samples of the same shape as it got, all finite; the engine checks.
///
/// A corrector with heavy state to reuse (one simulator world per worker) returns a session from
/// `makeSession` and implements `correct(_:gamma:context:session:random:)`; the engine makes one
/// session per run, on the run's thread, and hands it to every correction of that run.
public protocol Corrector<Batch>: Sendable {
    associatedtype Batch: SampleBatch
    /// A short name for messages and `config.json`.
    var name: String { get }
    /// The corrected batch.
    func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, random: inout RandomStream) throws -> Batch
    /// A new session for one run's thread (default: none).
    func makeSession() throws -> (any CorrectorSession)?
    /// The corrected batch, with the run's session (default: `correct` without it).
    func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, session: (any CorrectorSession)?,
                 random: inout RandomStream) throws -> Batch
}

extension Corrector {
    /// No session: the corrector keeps nothing between batches.
    public func makeSession() throws -> (any CorrectorSession)? { nil }

    /// Ignores the session and calls `correct(_:gamma:context:random:)`.
    public func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, session: (any CorrectorSession)?,
                        random: inout RandomStream) throws -> Batch {
        try correct(batch, gamma: gamma, context: context, random: &random)
    }
}

/// The fraction of mass moved to the ideal model at strength γ: s = γ/(1+γ) (1 for γ = ∞).
public func correctionFraction(gamma: Double) -> Double {
    gamma.isInfinite ? 1 : gamma / (1 + gamma)
}

/// Leaves every batch as it is (the uncorrected loop).
public struct IdentityCorrector<Batch: SampleBatch>: Corrector {
    /// `identity`.
    public let name = "identity"

    /// The identity corrector (no settings).
    public init() {}

    /// The batch unchanged, whatever γ.
    public func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, random: inout RandomStream) -> Batch {
        batch
    }
}
