import LoomCore

/// Options of the human-motion loop (`loom loop motion`).
public struct MotionLoopOptions: ConfigOptions {
    @Setting("The mocap dataset folder (a name under --out, or a path).")
    public var mocap = "mocap-full"
    @Setting("n, the real training windows (a fixed random subset).")
    public var n = 64
    @Setting("λ, synthetic windows per real window each generation.")
    public var lambda = 1.0
    @Setting("Self-consuming generations after generation 0 (paper scale: 50).")
    public var generations = 3
    @Setting("Correction strengths γ, one corrected arm each.")
    public var gammas = [1.0]
    @Setting("The corrector of the corrected arms: humanoid (the Bullet humanoid tracks each window with its root helper capped at γ body weights) or grounding (moves the root toward the ground).")
    public var corrector = MotionCorrectorKind.humanoid
    @Setting("Seeds, one run per arm each (paper scale: the paper's 10, 42, 47).")
    public var seeds = [42]
    @Setting("Seed of the fixed n-subset and of the frozen encoder.")
    public var subsetSeed = 42
    @Setting("Values of a window's PCA code.")
    public var codeDimension = 64
    @Setting("The denoiser's width.")
    public var width = 128
    @Setting("The denoiser's residual blocks.")
    public var blocks = 3
    @Setting("Training steps of generation 0 (none: 5000·n/64, the paper's, for n at least 64; quick scale 1000).")
    public var firstSteps: Int? = nil
    @Setting("Fine-tuning steps of each later generation (paper scale: 1000, the paper's).")
    public var steps = 200
    @Setting("AdamW's learning rate.")
    public var learningRate = 5e-4
    @Setting("DDIM sampling steps.")
    public var samplingSteps = 50
    @Setting("DDIM's η (0 deterministic, 1 DDPM-like).")
    public var eta = 1.0
    @Setting("Epochs of the frozen encoder's training.")
    public var encoderEpochs = 40
    @Setting("Held-out training windows the samples are compared with.")
    public var referenceWindows = 512
    @Setting("The output folder under --out (paper scale: loop-motion).")
    public var folder = "loop-motion-quick"

    public init() {}

    public static func defaults(for scale: Scale) -> Self {
        Self().with {
            guard scale == .paper else { return }
            $0.generations = 50
            $0.seeds = [10, 42, 47]
            $0.steps = 1000
            $0.folder = "loop-motion"
        }
    }

    public static var flagAliases: [String: String] { ["name": "folder"] }

    /// The first generation's steps at `scale`, once the options are checked.
    public func completed(for scale: Scale) throws -> MotionLoopOptions {
        try validate()
        return with { $0.firstSteps = firstSteps ?? (scale == .quick ? 1000 : 5000 * max(n, 64) / 64) }
    }

    public func validate() throws {
        if mocap.isEmpty { throw ConfigValueError("mocap", "must name a mocap dataset folder") }
        if n < 2 { throw ConfigValueError("n", "must be at least 2 real windows, not \(n)") }
        if !(lambda >= 0 && lambda <= 16) { throw ConfigValueError("lambda", "must be between 0 and 16 synthetic windows per real one, not \(lambda)") }
        if Int(lambda * Double(n)) < 1 { throw ConfigValueError("lambda", "⌊lambda·n⌋ = 0 gives no synthetic windows; raise lambda or n") }
        if generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if let bad = gammas.first(where: { !($0 >= 0 && $0.isFinite) }) {
            throw ConfigValueError("gammas", "correction strengths must be finite numbers ≥ 0, found \(bad)")
        }
        if Set(gammas).count != gammas.count { throw ConfigValueError("gammas", "lists a strength twice") }
        if seeds.isEmpty { throw ConfigValueError("seeds", "list at least one seed") }
        if let bad = seeds.first(where: { $0 < 0 }) { throw ConfigValueError("seeds", "seeds are numbers ≥ 0, found \(bad)") }
        if Set(seeds).count != seeds.count { throw ConfigValueError("seeds", "lists a seed twice") }
        for (key, value, range) in [("code_dimension", codeDimension as Int?, 2...512), ("width", width, 8...4096), ("blocks", blocks, 0...32),
                                    ("first_steps", firstSteps, 1...10_000_000), ("steps", steps, 1...10_000_000),
                                    ("sampling_steps", samplingSteps, 1...1000), ("encoder_epochs", encoderEpochs, 1...10_000),
                                    ("reference_windows", referenceWindows, 4...100_000)] {
            if let value, !range.contains(value) { throw ConfigValueError(key, "must be \(range.lowerBound) to \(range.upperBound), not \(value)") }
        }
        if !(learningRate > 0 && learningRate < 1) { throw ConfigValueError("learning_rate", "must be in (0, 1), not \(learningRate)") }
        if !(eta >= 0 && eta <= 1) { throw ConfigValueError("eta", "must be in [0, 1], not \(eta)") }
        if let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }
}

/// The corrector of the motion loop's corrected arms.
public enum MotionCorrectorKind: String, Codable, Sendable, CaseIterable {
    /// The Bullet humanoid tracker, its root helper capped at γ body weights.
    case humanoid
    /// Moves each window's root so the lowest foot touches the ground.
    case grounding
}
