import ArgumentParser
import Foundation
import LoomCore

/// `loom merge`: join shards into `manifest.jsonl` and the generator's tables.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shards of a dataset folder into manifest.jsonl and the generator's tables, or a fourier-toy sweep's runs into its tables.",
        discussion: "The merge of N shards equals an unsharded run byte for byte. It refuses while a shard is unfinished and names it."
    )

    @Argument(help: "The dataset folder (shards written into it or copied into its shards/ folder), or a fourier-toy sweep's folder.")
    var folder: String

    @Flag(help: "Print nothing on success.")
    var quiet = false

    @OptionGroup var log: LogOptions

    func run() throws {
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent("config.json").path) {
            let (merged, runs) = try StageMerge.merge(folder: URL(fileURLWithPath: folder))
            if !quiet { ProgressReporter.note(merged ? "\(folder): merged \(runs) runs" : "\(folder): already merged (\(runs) runs)", style: .text) }
            return
        }
        let dataset = try OpenedDataset(path: folder)
        let merged = try Self.merge(dataset.generator, folder: dataset.folder)
        ProgressReporter.note(merged ? "\(folder): merged \(dataset.generator.sampleCount) samples"
                             : "\(folder): already merged (\(dataset.generator.sampleCount) samples)", style: log.style(quiet: quiet))
    }

    static func merge<G: DatasetGenerator>(_ generator: G, folder: URL) throws -> Bool {
        try DatasetRun.merge(generator, folder: folder)
    }
}

/// `loom validate`: re-check a dataset folder.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-check every file of a dataset against its manifest and the generator's invariants.",
        discussion: "Exits 0 when the dataset is whole; otherwise lists what is wrong and exits 1."
    )

    @Argument(help: "Dataset folders to check.")
    var folders: [String]

    @OptionGroup var log: LogOptions

    func run() throws {
        var failed = false
        for folder in folders {
            let dataset = try OpenedDataset(path: folder)
            let problems = try Self.validate(dataset.generator, folder: dataset.folder)
            if problems.isEmpty {
                print("\(folder): ok (\(dataset.generator.sampleCount) samples)")
            } else {
                failed = true
                print("\(folder): \(problems.count) problem(s)")
                for problem in problems.prefix(50) { print("  \(problem)") }
                if problems.count > 50 { print("  ... and \(problems.count - 50) more") }
            }
        }
        if failed { throw ExitCode.failure }
    }

    static func validate<G: DatasetGenerator>(_ generator: G, folder: URL) throws -> [String] {
        try DatasetRun.validate(generator, folder: folder)
    }
}

/// `loom list`: what loom can make and run.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Name every generator and stage, one line each.")

    @OptionGroup var log: LogOptions

    func run() throws {
        print("generators (loom generate <name>):")
        for entry in Registry.generators { print("  \(pad(entry.name))\(entry.summary)") }
        print("stages:")
        for entry in Registry.stages { print("  \(pad("\(entry.kind) \(entry.name)"))\(entry.summary)") }
        print("benchmarks (loom bench <name>):")
        for bench in Bench.all { print("  \(pad(bench.name))\(bench.summary)") }
    }

    private func pad(_ text: String) -> String {
        text.count >= 24 ? text + "  " : text + String(repeating: " ", count: 24 - text.count)
    }
}
