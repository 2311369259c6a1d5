import LoomCore

/// Options of the toy experiment (`loom train fourier-toy`, pipeline step `train: fourier-toy`).
///
/// Unset values take their defaults when resolved: the paper's sweep at `--scale paper`, a smaller one at
/// `quick`.
public struct FourierToyOptions: ConfigOptions, Equatable {
    /// Toy datasets: gaussian, gmm2, beta (and the legacy gmm).
    public var datasets: [String]?
    /// Heads: linear, gmm, fourier.
    public var heads: [String]?
    /// Fourier head frequencies N (paper: 2, 4, …, 20).
    public var frequencies: [Int]?
    /// Fourier regularisation weights γ (paper: 0 and 1e-6).
    public var gammas: [Double]?
    /// Run seeds; seed s trains on the dataset generated with `--seed s` and seeds the initialisation.
    public var seeds: [Int]?
    public var epochs: Int?
    public var batchSize: Int?
    public var learningRate: Double?
    /// Dataset folder for each dataset and seed, relative to --out unless absolute; `{dataset}` and
    /// `{seed}` are replaced.
    public var data: String?
    /// Output folder under --out.
    public var output: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case datasets, heads, frequencies, gammas, seeds, epochs, data, output
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
    }

    public init(datasets: [String]? = nil, heads: [String]? = nil, frequencies: [Int]? = nil, gammas: [Double]? = nil,
                seeds: [Int]? = nil, epochs: Int? = nil, batchSize: Int? = nil, learningRate: Double? = nil,
                data: String? = nil, output: String? = nil) {
        self.datasets = datasets
        self.heads = heads
        self.frequencies = frequencies
        self.gammas = gammas
        self.seeds = seeds
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.data = data
        self.output = output
    }

    public static let datasetNames = ToyDataset.allCases.map(\.rawValue)
    public static let headNames = ["linear", "gmm", "fourier"]
    /// Where `loom generate mixtures --name …` should put the dataset of each seed.
    public static let defaultData = "fourier-toy-data/{dataset}-seed{seed}"

    public func validate() throws {
        for name in datasets ?? [] where !Self.datasetNames.contains(name) {
            throw ConfigValueError("datasets", "unknown dataset '\(name)'; expected gaussian, gmm2, beta or gmm")
        }
        for name in heads ?? [] where !Self.headNames.contains(name) {
            throw ConfigValueError("heads", "unknown head '\(name)'; expected linear, gmm or fourier")
        }
        for n in frequencies ?? [] where n < 1 {
            throw ConfigValueError("frequencies", "N must be at least 1, not \(n)")
        }
        for g in gammas ?? [] where !(g >= 0 && g.isFinite) {
            throw ConfigValueError("gammas", "γ must be 0 or positive, not \(g)")
        }
        for s in seeds ?? [] where s < 0 {
            throw ConfigValueError("seeds", "seeds must be non-negative, not \(s)")
        }
        for (key, list) in [("datasets", datasets?.count), ("heads", heads?.count), ("frequencies", frequencies?.count),
                            ("gammas", gammas?.count), ("seeds", seeds?.count)] where list == 0 {
            throw ConfigValueError(key, "the list is empty")
        }
        if let epochs, epochs < 1 { throw ConfigValueError("epochs", "must be at least 1, not \(epochs)") }
        if let batchSize, batchSize < 1 { throw ConfigValueError("batch_size", "must be at least 1, not \(batchSize)") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ConfigValueError("learning_rate", "must be positive, not \(learningRate)")
        }
        if let output, let problem = RunFolder.nameProblem(output) { throw ConfigValueError("output", "'\(output)' \(problem)") }
    }

    /// The options with every default filled in for a scale.
    public func resolved(scale: Scale) throws -> FourierToyOptions {
        try validate()
        let paper = scale == .paper
        return FourierToyOptions(
            datasets: datasets ?? ["gaussian", "gmm2", "beta"],
            heads: heads ?? Self.headNames,
            frequencies: frequencies ?? (paper ? Array(stride(from: 2, through: 20, by: 2)) : [4, 12]),
            gammas: gammas ?? [0, 1e-6],
            seeds: seeds ?? (paper ? [1, 2, 3, 42] : [1, 2]),
            epochs: epochs ?? (paper ? 500 : 100),
            batchSize: batchSize ?? 32,
            learningRate: learningRate ?? 1e-3,
            data: data ?? Self.defaultData,
            output: output ?? "fourier-toy")
    }
}
