import ArgumentParser
import Foundation
import LoomCore
import Mixtures

/// A generator as the CLI knows it: its options, how to build it, and its command's help.
protocol GeneratorEntry {
    associatedtype Options: ConfigOptions
    associatedtype Generator: DatasetGenerator where Generator.Config == Options

    /// The generator's name (`Generator.name`).
    static var name: String { get }
    /// One line for `loom list`.
    static var summary: String { get }
    /// The command's one-line abstract and its longer description (the options' section is generated).
    static var abstract: String { get }
    static var discussion: String { get }
    /// Builds the generator from resolved options (from flags, a pipeline step or `dataset.json`).
    static func make(options: Options) throws -> Generator
    /// The dataset folder name under `--out` when none is given.
    static func folderName(for options: Options) -> String
    /// The datasets one command makes at `scale` (one, unless an option such as `--concept all` asks for several).
    static func expand(_ options: Options, scale: Scale) throws -> [Options]
}

extension GeneratorEntry {
    static var name: String { Generator.name }
    static func expand(_ options: Options, scale: Scale) throws -> [Options] { [options] }
    /// `loom generate <name>`.
    static var command: any ParsableCommand.Type { GenerateCommand<Self>.self }
}

/// A stage (train, loop or probe) as the CLI knows it.
protocol StageEntry {
    associatedtype Options: ConfigOptions
    /// `train`, `loop` or `probe`.
    static var kind: String { get }
    static var name: String { get }
    /// One line for `loom list`.
    static var summary: String { get }
    /// The command's one-line abstract and its longer description (the options' section is generated).
    static var abstract: String { get }
    static var discussion: String { get }
    /// Whether the stage splits its runs by `--shard` (joined by `loom merge`).
    static var shards: Bool { get }
    /// Runs the stage.
    static func run(options: Options, context: StageContext) throws
}

extension StageEntry {
    static var shards: Bool { false }
    /// `loom <kind> <name>`.
    static var command: any ParsableCommand.Type {
        shards ? StageCommand<Self, ShardOption>.self : StageCommand<Self, NoShardOption>.self
    }
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
