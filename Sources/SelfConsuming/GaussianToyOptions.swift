import LoomCore

/// Options of the Gaussian toy (`loom loop gaussian-toy`). The corrector's own options (bins,
/// clusters, the external program's) and the drawn data's size stay unset unless they apply; they are
/// filled in for their corrector by `completed(for:)`.
public struct GaussianToyOptions: ConfigOptions {
    @Setting("n, the real samples drawn from N(0, I) per seed (none: 50; not with real_data).")
    public var real: Int? = nil
    @Setting("A dataset folder (a name under --out, or a path) whose samples.npy (n × d) is the real data of every seed, instead of drawing it; e.g. mixtures-normal2d.")
    public var realData: String? = nil
    @Setting("λ, synthetic samples per real sample each generation.")
    public var lambda = 0.5
    @Setting("Self-consuming generations after generation 0 (paper scale: 500).")
    public var generations = 100
    @Setting("Correction strengths γ, one corrected arm each (the paper's figure's grid).")
    public var gammas = Self.paperGammas
    @Setting("Seeds per arm, counting up from the run's seed (paper scale: 10).")
    public var seeds = 3
    @Setting("Dimension of the target N(0, I) (none: 2; not with real_data).")
    public var dimension: Int? = nil
    @Setting("Which synthetic batches are kept: decaying (older ones fading, the reference's), latest or all.")
    public var accumulation = Accumulation.decaying
    @Setting("The corrector: assignment, mixture, replace (the ideal π_γ in three variants), kmeans or external (any program).")
    public var corrector = ToyCorrector.assignment
    @Setting("Histogram bins per axis of the mixture corrector (none: 10).")
    public var bins: Int? = nil
    @Setting("k of the kmeans corrector (none: 8).")
    public var clusters: Int? = nil
    @Setting("The program of the external corrector and its arguments, e.g. python3,my_corrector.py.")
    public var command: [String]? = nil
    @Setting("The external corrector's name in messages (none: the file name of the command's last word that is not an option).")
    public var correctorName: String? = nil
    @Setting("Seconds the external corrector may take per batch (none: 300).")
    public var timeout: Double? = nil
    @Setting("Keep the external corrector running and send it the batches over its stdin (none: off).")
    public var persistent: Bool? = nil
    @Setting("Added to the fitted covariance's diagonal (sklearn's reg_covar).")
    public var regularization = 1e-6
    @Setting("Keep every generation's drawn and corrected samples as .npy.")
    public var saveSamples = false
    @Setting("The output folder under --out (paper scale: loop-gaussian-toy).")
    public var folder = "loop-gaussian-toy-quick"

    /// The quick-scale defaults.
    public init() {}

    /// The defaults of a scale: paper scale runs 500 generations and 10 seeds into `loop-gaussian-toy`.
    public static func defaults(for scale: Scale) -> Self {
        Self().with {
            guard scale == .paper else { return }
            $0.generations = 500
            $0.seeds = 10
            $0.folder = "loop-gaussian-toy"
        }
    }

    /// `--name` is another spelling of `--folder`.
    public static var flagAliases: [String: String] { ["name": "folder"] }

    /// The γ grid of the paper's figure.
    public static let paperGammas: [Double] = [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5]

    /// Throws on settings out of range or in conflict, e.g. fewer than 1 real sample, or real data given with `real` or `dimension`.
    public func validate() throws {
        if let real, real < 1 { throw ConfigValueError("real", "must be at least 1 real sample, not \(real)") }
        if realData != nil, real != nil || dimension != nil {
            throw ConfigValueError(real != nil ? "real" : "dimension", "comes from real_data's samples.npy; drop one of them")
        }
        if let realData, realData.isEmpty { throw ConfigValueError("real_data", "must name a dataset folder") }
        if !(lambda >= 0 && lambda.isFinite) {
            throw ConfigValueError("lambda", "must be a number ≥ 0 (synthetic samples per real sample), not \(lambda)")
        }
        if realData == nil, Int(lambda * Double(real ?? 50)) < 1 {
            throw ConfigValueError("lambda", "⌊lambda·real⌋ = 0 gives no synthetic samples per generation; raise lambda or real")
        }
        if generations < 1 { throw ConfigValueError("generations", "must be at least 1, not \(generations)") }
        if gammas.isEmpty { throw ConfigValueError("gammas", "list at least one correction strength") }
        if let bad = gammas.first(where: { !($0 >= 0 && $0.isFinite) }) {
            throw ConfigValueError("gammas", "correction strengths must be finite numbers ≥ 0, found \(bad)")
        }
        if Set(gammas).count != gammas.count { throw ConfigValueError("gammas", "lists a strength twice") }
        if seeds < 1 { throw ConfigValueError("seeds", "must be at least 1, not \(seeds)") }
        if let dimension, !(1...64).contains(dimension) { throw ConfigValueError("dimension", "must be between 1 and 64, not \(dimension)") }
        let kind = corrector.rawValue
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
        if corrector == .external {
            guard let command, let first = command.first, !first.isEmpty else {
                throw ConfigValueError("command", "the external corrector needs a command, e.g. [python3, pipelines/examples/whitening_corrector.py]")
            }
        } else if command != nil {
            throw ConfigValueError("command", "only the external corrector takes a command; set corrector: external")
        }
        if let timeout, !(timeout > 0 && timeout.isFinite) { throw ConfigValueError("timeout", "must be a positive number of seconds, not \(timeout)") }
        if !(regularization >= 0 && regularization.isFinite) {
            throw ConfigValueError("regularization", "must be a number ≥ 0, not \(regularization)")
        }
        if let problem = RunFolder.nameProblem(folder) { throw ConfigValueError("folder", "'\(folder)' \(problem)") }
    }

    /// The data's size and the corrector's own options filled in, once the options are checked.
    public func completed(for scale: Scale) throws -> GaussianToyOptions {
        try validate()
        var out = self
        out.real = realData == nil ? real ?? 50 : nil
        out.dimension = realData == nil ? dimension ?? 2 : nil
        switch corrector {
        case .mixture: out.bins = bins ?? 10
        case .kmeans: out.clusters = clusters ?? 8
        case .external:
            out.timeout = timeout ?? 300
            out.persistent = persistent ?? false
        default: break
        }
        return out
    }
}

/// The Gaussian toy's corrector.
public enum ToyCorrector: String, Codable, Sendable, CaseIterable {
    case assignment, mixture, replace, kmeans, external

    /// The ideal π_γ variant, for the first three.
    public var ideal: IdealCorrection? { IdealCorrection(rawValue: rawValue) }
}
