import ArgumentParser
import Foundation
import LoomCore

extension Scale: ExpressibleByArgument {}

/// How progress, messages and errors are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// The format `arguments` ask for (`--log-format json` or `--log-format=json`), read without
    /// parsing, so that even an error in parsing is written in it.
    static func requested(in arguments: [String]) -> LogFormat {
        var format = LogFormat.text
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--log-format", i + 1 < arguments.count, let value = LogFormat(rawValue: arguments[i + 1]) { format = value }
            if argument.hasPrefix("--log-format="), let value = LogFormat(rawValue: String(argument.dropFirst(13))) { format = value }
        }
        return format
    }
}

/// `--log-format`, which every command takes.
struct LogOptions: ParsableArguments {
    @Option(name: .customLong("log-format"), help: "Progress, messages and errors as text or JSON lines on stderr.")
    var logFormat: LogFormat = .text

    /// Messages in the chosen format (`quiet` drops them).
    func style(quiet: Bool = false) -> ProgressStyle { quiet ? .quiet : logFormat == .json ? .json : .text }
}

/// `--config FILE`, the one flag for a command's YAML options file. `--spec`, its old name on
/// `generate`, still works (hidden, so scripts and pipelines written for it keep working).
struct ConfigFile: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "YAML file with this command's options (the flags' names in snake_case, as in a pipeline step); flags override it.",
        valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    @Option(name: .customLong("spec"), help: .hidden)
    var spec: String?

    func validate() throws {
        if config != nil, spec != nil { throw ValidationError("--spec is the old name of --config; give only --config") }
    }

    /// The file given, if any.
    var path: String? { config ?? spec }
}

/// `--shard I/N`, on the commands whose work splits into shards.
struct ShardOption: ShardArguments {
    @Option(help: "Make only the samples (or runs) with index % N == I (format I/N); join shards with `loom merge`.")
    var shard: String?

    func validate() throws {
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
    }

    var value: Shard { (try? shard.map(Shard.init(parsing:))) ?? nil ?? .whole }
}

/// No `--shard`: a command whose work does not split is not offered the option.
struct NoShardOption: ShardArguments {
    var value: Shard { .whole }
}

/// Whether a command takes `--shard`.
protocol ShardArguments: ParsableArguments {
    /// The shard asked for (the whole work without `--shard`).
    var value: Shard { get }
}

/// Options every generating or training command takes; `Sharding` says whether it takes `--shard`.
struct CommonOptions<Sharding: ShardArguments>: ParsableArguments {
    @Option(help: "Output folder; datasets go to <out>/<dataset>.")
    var out: String = "out"

    @Option(help: "Seed of every random stream (default 0).")
    var seed: UInt64?

    @Option(help: "quick (minutes on 2 cores) or paper (the papers' sizes).")
    var scale: Scale?

    @OptionGroup var sharding: Sharding

    @Option(help: "Worker threads (default: the CPUs this process may use, \(WorkQueue.availableCPUs) here).")
    var jobs: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    @OptionGroup var log: LogOptions

    var logFormat: LogFormat { log.logFormat }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    var progressStyle: ProgressStyle { log.style(quiet: quiet) }
    var resolvedJobs: Int { jobs ?? WorkQueue.availableCPUs }
    var outURL: URL { URL(fileURLWithPath: out) }

    /// A context for stages, with flags overriding `seed` and `scale` from a pipeline file.
    func context(seed fileSeed: UInt64? = nil, scale fileScale: Scale? = nil) -> StageContext {
        StageContext(out: outURL, seed: seed ?? fileSeed ?? 0, scale: scale ?? fileScale ?? .quick,
                     jobs: resolvedJobs, shard: sharding.value, progress: progressStyle)
    }
}

/// Where and how a step runs.
struct StageContext {
    var out: URL
    var seed: UInt64
    var scale: Scale
    var jobs: Int
    var shard: Shard
    var progress: ProgressStyle

    /// Run options for a dataset in `<out>/<name>`.
    func runOptions(dataset name: String) -> RunOptions {
        RunOptions(folder: out.appendingPathComponent(name), seed: seed, scale: scale, shard: shard,
                   jobs: jobs, progress: progress)
    }

    /// The same context with another seed, if one is given.
    func with(seed newSeed: UInt64?) -> StageContext {
        var copy = self
        if let newSeed { copy.seed = newSeed }
        return copy
    }

    /// A one-line message on stderr in the chosen style.
    func note(_ message: String) {
        ProgressReporter.note(message, style: progress)
    }
}
