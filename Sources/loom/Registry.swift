import Foundation
import LoomCore
import Mixtures

/// A generator as the CLI knows it: how to build it from options or from a `dataset.json`.
protocol GeneratorEntry {
    associatedtype Generator: DatasetGenerator
    associatedtype Options: ConfigOptions

    /// The generator's name (`Generator.name`).
    static var name: String { get }
    /// One line for `loom list`.
    static var summary: String { get }
    /// Builds the generator from options (flags or a pipeline step) at a scale.
    static func make(options: Options, scale: Scale) throws -> Generator
    /// Rebuilds the generator from the resolved config stored in `dataset.json`.
    static func make(config: Generator.Config, scale: Scale) throws -> Generator
    /// The dataset folder name under `--out` when none is given.
    static func folderName(for generator: Generator) -> String
}

extension GeneratorEntry {
    static var name: String { Generator.name }
}

/// A stage (train, loop or probe) as the CLI knows it.
protocol StageEntry {
    associatedtype Options: ConfigOptions
    /// `train`, `loop` or `probe`.
    static var kind: String { get }
    static var name: String { get }
    /// One line for `loom list`.
    static var summary: String { get }
    /// Whether the stage splits its runs by `--shard` (joined by `loom merge`).
    static var shards: Bool { get }
    /// Runs the stage.
    static func run(options: Options, context: StageContext) throws
}

extension StageEntry {
    static var shards: Bool { false }
}

/// Everything `loom run`, `loom list`, `loom merge` and `loom validate` can name.
enum Registry {
    static var generators: [any GeneratorEntry.Type] { [
        MixturesEntry.self,
        SynTheoryEntry.self,
        ForceBallsEntry.self,
        MocapEntry.self,
        ForceWindEntry.self,
    ] }

    static var stages: [any StageEntry.Type] { [
        FourierToyEntry.self,
        GaussianToyStage.self, GaussianCollapseStage.self, MotionLoopStage.self,
        ProbeSynTheoryEntry.self,
    ] }

    static func generator(named name: String) throws -> any GeneratorEntry.Type {
        for entry in generators where entry.name == name { return entry }
        throw LoomError.usage("unknown generator '\(name)'; `loom list` names them: \(generators.map { $0.name }.joined(separator: ", "))")
    }
}
