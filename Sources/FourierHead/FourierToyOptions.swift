import LoomCore

/// Options of the toy experiment (`loom train fourier-toy`, pipeline step `train: fourier-toy`).
///
/// The defaults are the paper's sweep at `--scale paper` and a smaller one at `quick`.
public struct FourierToyOptions: ConfigOptions {
    @Setting("Toy datasets: gaussian, gmm2, beta (and the legacy gmm).")
    public var datasets = ["gaussian", "gmm2", "beta"]
    @Setting("Heads: linear, gmm, fourier.")
    public var heads = Self.headNames
    @Setting("Fourier head frequencies N (paper scale 2, 4, ..., 20).")
    public var frequencies = [4, 12]
    @Setting("Fourier regularisation weights γ (the paper's 0 and 1e-6).")
    public var gammas = [0, 1e-6]
    @Setting("Run seeds; seed s trains on the dataset generated with --seed s and seeds the initialisation.")
    public var seeds = [1, 2]
    @Setting("Training epochs.")
    public var epochs = 100
    @Setting("Minibatch size.")
    public var batchSize = 32
    @Setting("Adam's learning rate.")
    public var learningRate = 1e-3
    @Setting("Dataset folder for each dataset and seed, relative to --out unless absolute; {dataset} and {seed} are replaced.")
    public var data = Self.defaultData
    @Setting("Output folder under --out.")
    public var output = "fourier-toy"

    /// The quick-scale sweep.
    public init() {}

    /// `--name` is an older spelling of `--output`.
    public static var flagAliases: [String: String] { ["name": "output"] }

    /// The quick sweep, or the paper's N = 2…20 at 500 epochs at paper scale.
    public static func defaults(for scale: Scale) -> Self {
        Self().with {
            guard scale == .paper else { return }
            $0.frequencies = Array(stride(from: 2, through: 20, by: 2))
            $0.seeds = [1, 2, 3, 42]
            $0.epochs = 500
        }
    }

    /// The toy datasets the sweep knows.
    public static let datasetNames = ToyDataset.allCases.map(\.rawValue)
    /// The heads the sweep knows.
    public static let headNames = ["linear", "gmm", "fourier"]
    /// Where `loom generate mixtures --name …` should put the dataset of each seed.
    public static let defaultData = "fourier-toy-data/{dataset}-seed{seed}"

    /// Rejects unknown datasets and heads and impossible sizes.
    public func validate() throws {
        for name in datasets where !Self.datasetNames.contains(name) {
            throw ConfigValueError("datasets", "unknown dataset '\(name)'; expected gaussian, gmm2, beta or gmm")
        }
        for name in heads where !Self.headNames.contains(name) {
            throw ConfigValueError("heads", "unknown head '\(name)'; expected linear, gmm or fourier")
        }
        for n in frequencies where n < 1 {
            throw ConfigValueError("frequencies", "N must be at least 1, not \(n)")
        }
        for g in gammas where !(g >= 0 && g.isFinite) {
            throw ConfigValueError("gammas", "γ must be 0 or positive, not \(g)")
        }
        for s in seeds where s < 0 {
            throw ConfigValueError("seeds", "seeds must be non-negative, not \(s)")
        }
        for (key, list) in [("datasets", datasets.count), ("heads", heads.count), ("frequencies", frequencies.count),
                            ("gammas", gammas.count), ("seeds", seeds.count)] where list == 0 {
            throw ConfigValueError(key, "the list is empty")
        }
        if epochs < 1 { throw ConfigValueError("epochs", "must be at least 1, not \(epochs)") }
        if batchSize < 1 { throw ConfigValueError("batch_size", "must be at least 1, not \(batchSize)") }
        if !(learningRate > 0 && learningRate.isFinite) {
            throw ConfigValueError("learning_rate", "must be positive, not \(learningRate)")
        }
        if let problem = RunFolder.nameProblem(output) { throw ConfigValueError("output", "'\(output)' \(problem)") }
    }
}
