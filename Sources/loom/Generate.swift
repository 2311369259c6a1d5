import ArgumentParser
import Foundation
import LoomCore

/// `loom generate <generator>`: one dataset.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate one dataset into <out>/<dataset>.",
        discussion: """
            Reruns resume: finished samples are kept, half-written files removed. A rerun with a
            different config into the same folder is refused. With --shard I/N only that shard is
            made; `loom merge <folder>` joins the shards.
            """,
        subcommands: Registry.generators.map { $0.command }
    )
}

/// `loom generate <name>`, for every generator in the registry: its options come from its declaration.
struct GenerateCommand<Entry: GeneratorEntry>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Entry.name, abstract: Entry.abstract,
                             discussion: Entry.discussion + "\n\n" + OptionFlags<Entry.Options>.help(owner: Entry.name))
    }

    @OptionGroup var options: OptionFlags<Entry.Options>

    @Option(help: ArgumentHelp("Dataset folder name under --out (default: \(Entry.folderName(for: Entry.Options()))).", valueName: "name"))
    var name: String?

    @OptionGroup var common: CommonOptions<ShardOption>

    func run() throws {
        let context = common.context()
        let resolved = try options.resolve(owner: Entry.name, scale: context.scale)
        try GeneratorRunner.run(Entry.self, options: resolved, folder: name, context: context)
    }
}

/// `loom <kind> <name>` for every stage in the registry: its options come from its declaration, and
/// `--shard` is offered only when the stage splits its runs.
struct StageCommand<Entry: StageEntry, Sharding: ShardArguments>: ParsableCommand {
    static var configuration: CommandConfiguration {
        let owner = "\(Entry.kind) \(Entry.name)"
        return CommandConfiguration(commandName: Entry.name, abstract: Entry.abstract,
                                    discussion: Entry.discussion + "\n\n" + OptionFlags<Entry.Options>.help(owner: owner))
    }

    @OptionGroup var options: OptionFlags<Entry.Options>

    @OptionGroup var common: CommonOptions<Sharding>

    func run() throws {
        let context = common.context()
        let resolved = try options.resolve(owner: "\(Entry.kind) \(Entry.name)", scale: context.scale)
        try Entry.run(options: resolved, context: context)
    }
}

/// Runs a generator entry: builds it, generates into its folder, reports.
enum GeneratorRunner {
    static func run<E: GeneratorEntry>(_ entry: E.Type, options: E.Options, folder: String?, context: StageContext) throws {
        let all = try E.expand(options, scale: context.scale)
        if all.count > 1, folder != nil { throw LoomError.usage("a dataset folder name names one dataset; these options make \(all.count)") }
        for options in all { try runOne(entry, options: options, folder: folder, context: context) }
    }

    static func runOne<E: GeneratorEntry>(_ entry: E.Type, options: E.Options, folder: String?, context: StageContext) throws {
        if let folder, let problem = RunFolder.nameProblem(folder) {
            throw LoomError.usage("the dataset folder name '\(folder.terminalSafe)' \(problem)")
        }
        let generator = try E.make(options: options)
        let name = folder ?? E.folderName(for: options)
        let summary = try DatasetRun.generate(generator, options: context.runOptions(dataset: name))
        let place = context.out.appendingPathComponent(name).path
        if summary.merged {
            context.note("\(place): \(summary.generated) samples made, \(summary.skipped) already done")
        } else {
            context.note("\(place): shard \(context.shard) done (\(summary.generated) made, \(summary.skipped) already done); run `loom merge \(place)` when every shard is done")
        }
    }
}


/// A dataset folder opened through its `dataset.json`: the generator rebuilt from the stored config.
struct OpenedDataset {
    let folder: URL
    let generator: any DatasetGenerator

    init(path: String) throws {
        folder = URL(fileURLWithPath: path)
        let (name, info) = try DatasetReader.info(of: folder, hint: "give the folder `loom generate` wrote")
        let path = folder.appendingPathComponent("dataset.json").path
        guard case .string(let scaleText)? = info["scale"], let scale = Scale(rawValue: scaleText), let config = info["config"] else {
            throw LoomError.unreadable(path: path, reason: "dataset.json is malformed")
        }
        let entry = try Registry.generator(named: name)
        generator = try Self.rebuild(entry, config: config, scale: scale, path: path)
    }

    /// The generator from its stored config, laid over the defaults at its scale like any other layer.
    static func rebuild<E: GeneratorEntry>(_ entry: E.Type, config: JSONValue, scale: Scale, path: String) throws -> any DatasetGenerator {
        try E.make(options: E.Options.resolve(scale: scale, layers: [try OptionLayer(stored: config, path: path)], owner: E.name))
    }
}
