import LoomCore

/// Options of the human-motion loop (`loom loop motion`); unset values take their defaults (by scale) when completed.
public struct MotionLoopOptions: ConfigOptions {
    @Setting("The mocap dataset folder (a name under `--out`, or a path; default `mocap-full`).")
    public var mocap: String? = nil
    @Setting("n, the real training windows (a fixed random subset; default 64).")
    public var n: Int? = nil
    @Setting("λ, synthetic windows per real window each generation (default 1).")
    public var lambda: Double? = nil
    @Setting("Self-consuming generations after generation 0 (default 50; 3 at quick scale).")
    public var generations: Int? = nil
    @Setting("Correction strengths γ, one corrected arm each (default 1).")
    public var gammas: [Double]? = nil
    @Setting("The corrector of the corrected arms: `humanoid` (default: the Bullet humanoid tracks each window with its root helper capped at γ body weights) or `grounding` (moves the root toward the ground).")
    public var corrector: String? = nil
    @Setting("Seeds, one run per arm each (default the paper's 10, 42, 47; 42 at quick scale).")
    public var seeds: [Int]? = nil
    @Setting("Seed of the fixed n-subset and of the frozen encoder (default 42).")
    public var subsetSeed: Int? = nil
    @Setting("Values of a window's PCA code (default 64).")
    public var codeDimension: Int? = nil
    @Setting("The denoiser's width and residual blocks (default 128 and 3).")
    public var width: Int? = nil
    @Setting("blocks")
    public var blocks: Int? = nil
    @Setting("Training steps of generation 0 and of each later generation (default 5000·n/64 and 1000, the paper's; quick 1000 and 200).")
    public var firstSteps: Int? = nil
    @Setting("steps")
    public var steps: Int? = nil
    @Setting("AdamW's learning rate (default 5e-4).")
    public var learningRate: Double? = nil
    @Setting("DDIM sampling steps (default 50) and η (default 1).")
    public var samplingSteps: Int? = nil
    @Setting("eta")
    public var eta: Double? = nil
    @Setting("Epochs of the frozen encoder's training (default 40).")
    public var encoderEpochs: Int? = nil
    @Setting("Held-out training windows the samples are compared with (default 512).")
    public var referenceWindows: Int? = nil
    @Setting("The output folder under `--out` (default loop-motion, or loop-motion-quick at quick scale).")
    public var folder: String? = nil


    public init() {}

    public static var flagAliases: [String: String] { ["name": "folder"] }

    /// The correctors this build offers.
    public static let correctors = ["humanoid", "grounding"]

    public func validate() throws {
        if let mocap, mocap.isEmpty { throw ConfigValueError("mocap", "must name a mocap dataset folder") }
        if let n, n < 2 { throw ConfigValueError("n", "must be at least 2 real windows, not \(n)") }
        if let lambda, !(lambda >= 0 && lambda <= 16) { throw ConfigValueError("lambda", "must be between 0 and 16 synthetic windows per real one, not \(lambda)") }
        if Int((lambda ?? 1) * Double(n ?? 64)) < 1 { throw ConfigValueError("lambda", "⌊lambda·n⌋ = 0 gives no synthetic windows; raise lambda or n") }
        if let generations, generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if let gammas {
            if let bad = gammas.first(where: { !($0 >= 0 && $0.isFinite) }) {
                throw ConfigValueError("gammas", "correction strengths must be finite numbers ≥ 0, found \(bad)")
            }
            if Set(gammas).count != gammas.count { throw ConfigValueError("gammas", "lists a strength twice") }
        }
        if let corrector, !Self.correctors.contains(corrector) {
            throw ConfigValueError("corrector", "unknown '\(corrector)'; expected one of \(Self.correctors.joined(separator: ", "))")
        }
        if let seeds {
            if seeds.isEmpty { throw ConfigValueError("seeds", "list at least one seed") }
            if let bad = seeds.first(where: { $0 < 0 }) { throw ConfigValueError("seeds", "seeds are numbers ≥ 0, found \(bad)") }
            if Set(seeds).count != seeds.count { throw ConfigValueError("seeds", "lists a seed twice") }
        }
        for (key, value, range) in [("code_dimension", codeDimension, 2...512), ("width", width, 8...4096), ("blocks", blocks, 0...32),
                                    ("first_steps", firstSteps, 1...10_000_000), ("steps", steps, 1...10_000_000),
                                    ("sampling_steps", samplingSteps, 1...1000), ("encoder_epochs", encoderEpochs, 1...10_000),
                                    ("reference_windows", referenceWindows, 4...100_000)] {
            if let value, !range.contains(value) { throw ConfigValueError(key, "must be \(range.lowerBound) to \(range.upperBound), not \(value)") }
        }
        if let learningRate, !(learningRate > 0 && learningRate < 1) { throw ConfigValueError("learning_rate", "must be in (0, 1), not \(learningRate)") }
        if let eta, !(eta >= 0 && eta <= 1) { throw ConfigValueError("eta", "must be in [0, 1], not \(eta)") }
        if let folder, let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }

    /// The options with every default filled in for `scale` (the stage reads only completed options).
    public func completed(for scale: Scale) throws -> MotionLoopOptions {
        try validate()
        let quick = scale == .quick
        var out = self
        out.mocap = mocap ?? "mocap-full"
        out.n = n ?? 64
        out.lambda = lambda ?? 1
        out.generations = generations ?? (quick ? 3 : 50)
        out.gammas = gammas ?? [1]
        out.corrector = corrector ?? "humanoid"
        out.seeds = seeds ?? (quick ? [42] : [10, 42, 47])
        out.subsetSeed = subsetSeed ?? 42
        out.codeDimension = codeDimension ?? 64
        out.width = width ?? 128
        out.blocks = blocks ?? 3
        out.firstSteps = firstSteps ?? (quick ? 1000 : 5000 * max(out.n!, 64) / 64)
        out.steps = steps ?? (quick ? 200 : 1000)
        out.learningRate = learningRate ?? 5e-4
        out.samplingSteps = samplingSteps ?? 50
        out.eta = eta ?? 1
        out.encoderEpochs = encoderEpochs ?? 40
        out.referenceWindows = referenceWindows ?? 512
        out.folder = folder ?? (quick ? "loop-motion-quick" : "loop-motion")
        return out
    }
}
