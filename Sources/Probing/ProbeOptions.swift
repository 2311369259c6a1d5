import LoomCore

/// Options of `loom probe syntheory`; unset values take their defaults (by scale) when completed.
public struct ProbeOptions: ConfigOptions {
    @Setting("The concepts to probe (default all seven).")
    public var concepts: [String]? = nil
    @Setting("Handcrafted representations: mel, mfcc, chroma, aggregate (default all four).")
    public var features: [String]? = nil
    @Setting("Each concept's dataset folder, relative to --out unless absolute; `{concept}` is replaced (default `{concept}`, where `loom generate syntheory` puts it).")
    public var data: String? = nil
    @Setting("`paper` (the original's 216 configurations) or `quick` (4); default by --scale.")
    public var grid: String? = nil
    @Setting("Epochs at most per probe (default 100, the original's).")
    public var maxEpochs: Int? = nil
    @Setting("Output folder under --out (default probe-syntheory).")
    public var output: String? = nil
    @Setting("Embeddings computed elsewhere, probed beside the handcrafted features.")
    public var embeddings: [EmbeddingSource]? = nil

    public init() {}

    public static var flagAliases: [String: String] { ["name": "output"] }

    public init(concepts: [String]? = nil, features: [String]? = nil, data: String? = nil, grid: String? = nil,
                maxEpochs: Int? = nil, output: String? = nil, embeddings: [EmbeddingSource]? = nil) {
        self.concepts = concepts
        self.features = features
        self.data = data
        self.grid = grid
        self.maxEpochs = maxEpochs
        self.output = output
        self.embeddings = embeddings
    }

    public static let defaultData = "{concept}"
    public static let defaultOutput = "probe-syntheory"

    public func validate() throws {
        do {
            for concept in concepts ?? [] { _ = try ProbeConcept.named(concept) }
        } catch let error as ProbingError {
            throw ConfigValueError("concepts", error.description)
        }
        if let concepts, concepts.isEmpty || Set(concepts).count != concepts.count {
            throw ConfigValueError("concepts", "name each concept once")
        }
        for feature in features ?? [] where ClipFeatures.Kind(rawValue: feature) == nil {
            throw ConfigValueError("features", "unknown representation '\(feature)'; expected mel, mfcc, chroma or aggregate")
        }
        for source in embeddings ?? [] { try source.validate() }
        let names = (features ?? []) + (embeddings ?? []).map(\.name)
        if Set(names).count != names.count || (features?.isEmpty == true && (embeddings ?? []).isEmpty) {
            throw ConfigValueError("features", "name each representation once, and at least one")
        }
        if let grid, grid != "paper", grid != "quick" {
            throw ConfigValueError("grid", "expected paper (the original's 216 configurations) or quick, not '\(grid)'")
        }
        if let maxEpochs, !(1...10_000).contains(maxEpochs) {
            throw ConfigValueError("max_epochs", "must be 1-10000, not \(maxEpochs)")
        }
        if let output, output.isEmpty || output.hasPrefix("/") || output.split(separator: "/").contains("..") {
            throw ConfigValueError("output", "give a folder name under --out")
        }
    }

    /// Every option filled in for `scale`.
    public func completed(for scale: Scale) throws -> ProbeOptions {
        try validate()
        return ProbeOptions(concepts: concepts ?? ProbeConcept.all.map(\.name),
                            features: features ?? ClipFeatures.Kind.allCases.map(\.rawValue),
                            data: data ?? Self.defaultData, grid: grid ?? scale.rawValue,
                            maxEpochs: maxEpochs ?? ProbeTrainer.schedule.maxEpochs, output: output ?? Self.defaultOutput,
                            embeddings: embeddings ?? [])
    }
}
