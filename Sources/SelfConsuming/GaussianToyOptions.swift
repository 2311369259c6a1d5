import LoomCore

/// Options of the Gaussian toy (`loom loop gaussian-toy`); unset values take their defaults (by scale) when completed.
public struct GaussianToyOptions: ConfigOptions {
    @Setting("n, the real samples drawn from N(0, I) per seed (default 50).")
    public var real: Int? = nil
    @Setting("A dataset folder (a name under `--out`, or a path) whose `samples.npy` (n × d) is the real data of every seed, instead of drawing it; e.g. `mixtures-normal2d`.")
    public var realData: String? = nil
    @Setting("λ, synthetic samples per real sample each generation (default 0.5).")
    public var lambda: Double? = nil
    @Setting("Self-consuming generations after generation 0 (default 500; 100 at quick scale).")
    public var generations: Int? = nil
    @Setting("Correction strengths γ, one corrected arm each (default 0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5).")
    public var gammas: [Double]? = nil
    @Setting("Seeds per arm, counting up from the run's seed (default 10; 3 at quick scale).")
    public var seeds: Int? = nil
    @Setting("Dimension of the target N(0, I) (default 2).")
    public var dimension: Int? = nil
    @Setting("`decaying` (default), `latest` or `all`.")
    public var accumulation: String? = nil
    @Setting("`assignment` (default), `mixture`, `replace`, `kmeans` or `external`.")
    public var corrector: String? = nil
    @Setting("Histogram bins per axis of the `mixture` corrector (default 10).")
    public var bins: Int? = nil
    @Setting("k of the `kmeans` corrector (default 8).")
    public var clusters: Int? = nil
    @Setting("The program of the `external` corrector, e.g. [python3, my_corrector.py].")
    public var command: [String]? = nil
    @Setting("The external corrector's name in messages (default: the file name of the command's last word that is not an option).")
    public var correctorName: String? = nil
    @Setting("Seconds an external corrector may take per batch (default 300).")
    public var timeout: Double? = nil
    @Setting("Whether the external corrector stays running and takes batches over its stdin (default false).")
    public var persistent: Bool? = nil
    @Setting("Added to the fitted covariance's diagonal (default 1e-6, sklearn's `reg_covar`).")
    public var regularization: Double? = nil
    @Setting("Keep every generation's drawn and corrected samples as `.npy` (default false).")
    public var saveSamples: Bool? = nil
    @Setting("The output folder under `--out` (default loop-gaussian-toy, or loop-gaussian-toy-quick at quick scale).")
    public var folder: String? = nil


    public init() {}

    public static var flagAliases: [String: String] { ["name": "folder"] }

    /// The γ grid of the paper's figure.
    public static let paperGammas: [Double] = [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5]
    public static let correctors = IdealCorrection.allCases.map(\.rawValue) + ["kmeans", "external"]

    public func validate() throws {
        if let real, real < 1 { throw ConfigValueError("real", "must be at least 1 real sample, not \(real)") }
        if realData != nil, real != nil || dimension != nil {
            throw ConfigValueError(real != nil ? "real" : "dimension", "comes from real_data's samples.npy; drop one of them")
        }
        if let realData, realData.isEmpty { throw ConfigValueError("real_data", "must name a dataset folder") }
        if let lambda, !(lambda >= 0 && lambda.isFinite) {
            throw ConfigValueError("lambda", "must be a number ≥ 0 (synthetic samples per real sample), not \(lambda)")
        }
        if realData == nil, Int((lambda ?? 0.5) * Double(real ?? 50)) < 1 {
            throw ConfigValueError("lambda", "⌊lambda·real⌋ = 0 gives no synthetic samples per generation; raise lambda or real")
        }
        if let generations, generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if let gammas {
            if gammas.isEmpty { throw ConfigValueError("gammas", "list at least one correction strength") }
            if let bad = gammas.first(where: { !($0 >= 0 && $0.isFinite) }) {
                throw ConfigValueError("gammas", "correction strengths must be finite numbers ≥ 0, found \(bad)")
            }
            if Set(gammas).count != gammas.count { throw ConfigValueError("gammas", "lists a strength twice") }
        }
        if let seeds, seeds < 1 { throw ConfigValueError("seeds", "must be at least 1, not \(seeds)") }
        if let dimension, !(1...64).contains(dimension) { throw ConfigValueError("dimension", "must be between 1 and 64, not \(dimension)") }
        if let accumulation, Accumulation(rawValue: accumulation) == nil {
            throw ConfigValueError("accumulation", "unknown '\(accumulation)'; expected one of \(Accumulation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let kind = corrector ?? "assignment"
        guard Self.correctors.contains(kind) else {
            throw ConfigValueError("corrector", "unknown '\(kind)'; expected one of \(Self.correctors.joined(separator: ", "))")
        }
        for (key, value, owner) in [("bins", bins as Any?, "mixture"), ("clusters", clusters, "kmeans"),
                                    ("timeout", timeout, "external"), ("corrector_name", correctorName, "external"),
                                    ("persistent", persistent, "external")]
        where value != nil && kind != owner {
            throw ConfigValueError(key, "applies only to corrector: \(owner)")
        }
        if let bins, bins < 1 { throw ConfigValueError("bins", "must be at least 1, not \(bins)") }
        if let clusters, !(1...(real ?? 50)).contains(clusters) {
            throw ConfigValueError("clusters", "must be between 1 and the number of real samples (\(real ?? 50)), not \(clusters)")
        }
        if kind == "external" {
            guard let command, let first = command.first, !first.isEmpty else {
                throw ConfigValueError("command", "the external corrector needs a command, e.g. [python3, pipelines/examples/whitening_corrector.py]")
            }
        } else if command != nil {
            throw ConfigValueError("command", "only the external corrector takes a command; set corrector: external")
        }
        if let timeout, !(timeout > 0 && timeout.isFinite) { throw ConfigValueError("timeout", "must be a positive number of seconds, not \(timeout)") }
        if let regularization, !(regularization >= 0 && regularization.isFinite) {
            throw ConfigValueError("regularization", "must be a number ≥ 0, not \(regularization)")
        }
        if let folder, let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }

    /// The options with every default filled in for `scale` (the stage reads only completed options).
    public func completed(for scale: Scale) throws -> GaussianToyOptions {
        try validate()
        var out = self
        out.real = realData == nil ? real ?? 50 : nil
        out.lambda = lambda ?? 0.5
        out.generations = generations ?? (scale == .paper ? 500 : 100)
        out.gammas = gammas ?? Self.paperGammas
        out.seeds = seeds ?? (scale == .paper ? 10 : 3)
        out.dimension = realData == nil ? dimension ?? 2 : nil
        out.accumulation = accumulation ?? Accumulation.decaying.rawValue
        out.corrector = corrector ?? IdealCorrection.assignment.rawValue
        out.regularization = regularization ?? 1e-6
        out.saveSamples = saveSamples ?? false
        out.folder = folder ?? (scale == .paper ? "loop-gaussian-toy" : "loop-gaussian-toy-quick")
        switch out.corrector {
        case "mixture": out.bins = bins ?? 10
        case "kmeans": out.clusters = clusters ?? 8
        case "external":
            out.timeout = timeout ?? 300
            out.correctorName = correctorName
            out.persistent = persistent ?? false
        default: break
        }
        return out
    }
}
