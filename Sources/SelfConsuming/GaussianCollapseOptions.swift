import LoomCore

/// Options of the collapse demo (`loom loop gaussian-collapse`).
public struct GaussianCollapseOptions: ConfigOptions {
    @Setting("M, samples per generation, and the real samples of generation 0.")
    public var samples = 100
    @Setting("Generations after generation 0 (paper scale: 1000).")
    public var generations = 100
    @Setting("Seeds per arm, counting up from the run's seed (paper scale: 200).")
    public var seeds = 20
    @Setting("The variance estimator: unbiased (divide by M-1) or mle (divide by M).")
    public var estimator = GaussianFitter.Estimator.unbiased
    @Setting("λ of the augmentation arms: real data kept plus ⌊λ·M⌋ fresh synthetic samples.")
    public var augment = [1, 0.5]
    @Setting("γ of the corrected fully synthetic arm, the exact π_γ toward N(0, 1).")
    public var gamma = 1.0
    @Setting("Keep every generation's samples as .npy.")
    public var saveSamples = false
    @Setting("The output folder under --out (paper scale: loop-gaussian-collapse).")
    public var folder = "loop-gaussian-collapse-quick"

    /// The quick-scale defaults.
    public init() {}

    /// The defaults of a scale: paper scale runs 1000 generations and 200 seeds into `loop-gaussian-collapse`.
    public static func defaults(for scale: Scale) -> Self {
        Self().with {
            guard scale == .paper else { return }
            $0.generations = 1000
            $0.seeds = 200
            $0.folder = "loop-gaussian-collapse"
        }
    }

    /// `--name` is another spelling of `--folder`.
    public static var flagAliases: [String: String] { ["name": "folder"] }

    /// Throws unless samples ≥ 2, generations ≥ 1, seeds ≥ 1, every λ and γ finite and ≥ 0, no λ twice, and the folder name valid.
    public func validate() throws {
        if samples < 2 { throw ConfigValueError("samples", "must be at least 2 (a variance needs two samples), not \(samples)") }
        if generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if seeds < 1 { throw ConfigValueError("seeds", "must be at least 1, not \(seeds)") }
        if let bad = augment.first(where: { !($0 >= 0 && $0.isFinite) }) {
            throw ConfigValueError("augment", "λ values must be finite numbers ≥ 0, found \(bad)")
        }
        if Set(augment).count != augment.count { throw ConfigValueError("augment", "lists a λ twice") }
        if !(gamma >= 0 && gamma.isFinite) { throw ConfigValueError("gamma", "must be a finite number ≥ 0, not \(gamma)") }
        if let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }
}
