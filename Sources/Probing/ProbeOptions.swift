import LoomCore

/// Options of `loom probe syntheory`.
public struct ProbeOptions: ConfigOptions {
    @Setting("The concepts to probe.")
    public var concepts = ProbeConcept.all.map(\.name)
    @Setting("Handcrafted representations: mel, mfcc, chroma, aggregate.")
    public var features = ClipFeatures.Kind.allCases.map(\.rawValue)
    @Setting("Each concept's dataset folder, relative to --out unless absolute; {concept} is replaced (where `loom generate syntheory` puts it).")
    public var data = Self.defaultData
    @Setting("The configuration grid: paper (the original's 216 configurations per cell) or quick (4).")
    public var grid = Scale.quick
    @Setting("Epochs at most per probe (the original's 100).")
    public var maxEpochs = ProbeTrainer.schedule.maxEpochs
    @Setting("Output folder under --out.")
    public var output = Self.defaultOutput
    @Setting("Embeddings from any model (a matrix and index, a folder of vectors, or an extractor command), probed beside the handcrafted features (docs/syntheory.md).")
    public var embeddings: [EmbeddingSource] = []

    public init() {}

    public static func defaults(for scale: Scale) -> Self { Self().with { $0.grid = scale } }

    public static var flagAliases: [String: String] { ["name": "output"] }

    public static let defaultData = "{concept}"
    public static let defaultOutput = "probe-syntheory"

    public func validate() throws {
        do {
            for concept in concepts { _ = try ProbeConcept.named(concept) }
        } catch let error as LoomError {
            throw ConfigValueError("concepts", error.description)
        }
        if concepts.isEmpty || Set(concepts).count != concepts.count {
            throw ConfigValueError("concepts", "name each concept once")
        }
        for feature in features where ClipFeatures.Kind(rawValue: feature) == nil {
            throw ConfigValueError("features", "unknown representation '\(feature)'; expected mel, mfcc, chroma or aggregate")
        }
        for source in embeddings { try source.validate() }
        let names = features + embeddings.flatMap(\.representations)
        if Set(names).count != names.count || (features.isEmpty && embeddings.isEmpty) {
            throw ConfigValueError("features", "name each representation once, and at least one")
        }
        if !(1...10_000).contains(maxEpochs) {
            throw ConfigValueError("max_epochs", "must be 1-10000, not \(maxEpochs)")
        }
        if output.isEmpty || output.hasPrefix("/") || output.split(separator: "/").contains("..") {
            throw ConfigValueError("output", "give a folder name under --out")
        }
    }
}
