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
        subcommands: [
            GenerateMixtures.self,
            GenerateSynTheory.self,
            GenerateForceBalls.self,
            GenerateMocap.self,
            GenerateForceWind.self,
        ]
    )
}

/// Runs a generator entry: builds it, generates into its folder, reports.
enum GeneratorRunner {
    static func run<E: GeneratorEntry>(_ entry: E.Type, options: E.Options, folder: String?, context: StageContext) throws {
        if let folder, let problem = RunFolder.nameProblem(folder) {
            throw LoomError.usage("the dataset folder name '\(folder.terminalSafe)' \(problem)")
        }
        let generator = try E.make(options: options, scale: context.scale)
        let name = folder ?? E.folderName(for: generator)
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
        guard case .string(let scaleText)? = info["scale"], let scale = Scale(rawValue: scaleText), let config = info["config"] else {
            throw LoomError.unreadable(path: folder.appendingPathComponent("dataset.json").path, reason: "dataset.json is malformed")
        }
        let entry = try Registry.generator(named: name)
        generator = try Self.rebuild(entry, config: config, scale: scale)
    }

    static func rebuild<E: GeneratorEntry>(_ entry: E.Type, config: JSONValue, scale: Scale) throws -> any DatasetGenerator {
        do {
            let decoded = try JSONDecoder().decode(E.Generator.Config.self, from: Data(config.text.utf8))
            return try E.make(config: decoded, scale: scale)
        } catch let error as any UserFacingError {
            throw error
        } catch {
            throw LoomError.unreadable(path: "dataset.json", reason: "its config does not fit generator \(E.name): \(error)")
        }
    }
}
