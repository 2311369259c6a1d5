import LoomCore

/// Options of the collapse demo (`loom loop gaussian-collapse`); unset values take their defaults (by scale) when completed.
public struct GaussianCollapseOptions: ConfigOptions {
    @Setting("M, samples per generation, and the real samples of generation 0 (default 100).")
    public var samples: Int? = nil
    @Setting("Generations after generation 0 (default 1000; 100 at quick scale).")
    public var generations: Int? = nil
    @Setting("Seeds per arm, counting up from the run's seed (default 200; 20 at quick scale).")
    public var seeds: Int? = nil
    @Setting("`unbiased` (default, divide by M−1) or `mle` (divide by M).")
    public var estimator: String? = nil
    @Setting("λ of the augmentation arms, real data kept plus ⌊λ·M⌋ fresh synthetic samples (default [1, 0.5]).")
    public var augment: [Double]? = nil
    @Setting("γ of the corrected fully synthetic arm, the exact π_γ toward N(0, 1) (default 1).")
    public var gamma: Double? = nil
    @Setting("Keep every generation's samples as `.npy` (default false).")
    public var saveSamples: Bool? = nil
    @Setting("The output folder under `--out` (default loop-gaussian-collapse, or loop-gaussian-collapse-quick at quick scale).")
    public var folder: String? = nil


    public init() {}

    public static var flagAliases: [String: String] { ["name": "folder"] }

    public func validate() throws {
        if let samples, samples < 2 { throw ConfigValueError("samples", "must be at least 2 (a variance needs two samples), not \(samples)") }
        if let generations, generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if let seeds, seeds < 1 { throw ConfigValueError("seeds", "must be at least 1, not \(seeds)") }
        if let estimator, GaussianFitter.Estimator(rawValue: estimator) == nil {
            throw ConfigValueError("estimator", "unknown '\(estimator)'; expected unbiased or mle")
        }
        if let augment {
            if let bad = augment.first(where: { !($0 >= 0 && $0.isFinite) }) {
                throw ConfigValueError("augment", "λ values must be finite numbers ≥ 0, found \(bad)")
            }
            if Set(augment).count != augment.count { throw ConfigValueError("augment", "lists a λ twice") }
        }
        if let gamma, !(gamma >= 0 && gamma.isFinite) { throw ConfigValueError("gamma", "must be a finite number ≥ 0, not \(gamma)") }
        if let folder, let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }

    /// The options with every default filled in for `scale` (the stage reads only completed options).
    public func completed(for scale: Scale) throws -> GaussianCollapseOptions {
        try validate()
        var out = self
        out.samples = samples ?? 100
        out.generations = generations ?? (scale == .paper ? 1000 : 100)
        out.seeds = seeds ?? (scale == .paper ? 200 : 20)
        out.estimator = estimator ?? GaussianFitter.Estimator.unbiased.rawValue
        out.augment = augment ?? [1, 0.5]
        out.gamma = gamma ?? 1
        out.saveSamples = saveSamples ?? false
        out.folder = folder ?? (scale == .paper ? "loop-gaussian-collapse" : "loop-gaussian-collapse-quick")
        return out
    }
}
