import ArgumentParser
import Foundation
import LoomCore

extension Scale: ExpressibleByArgument {}

/// How progress and messages are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options every generating or training command takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "Output folder; datasets go to <out>/<dataset>.")
    var out: String = "out"

    @Option(help: "Seed of every random stream (default 0).")
    var seed: UInt64?

    @Option(help: "quick (minutes on 2 cores) or paper (the papers' sizes).")
    var scale: Scale?

    @Option(help: "Make only the samples with index % N == I (format I/N); join shards with `loom merge`.")
    var shard: String?

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    @Option(name: .customLong("log-format"), help: "Progress and messages as text or json lines on stderr.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
    }

    var progressStyle: ProgressStyle { quiet ? .quiet : logFormat == .json ? .json : .text }
    var resolvedJobs: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
    var resolvedShard: Shard { (try? shard.map(Shard.init(parsing:))) ?? nil ?? .whole }
    var outURL: URL { URL(fileURLWithPath: out) }

    /// A context for stages, with flags overriding `seed` and `scale` from a pipeline file.
    func context(seed fileSeed: UInt64? = nil, scale fileScale: Scale? = nil) -> StageContext {
        StageContext(out: outURL, seed: seed ?? fileSeed ?? 0, scale: scale ?? fileScale ?? .quick,
                     jobs: resolvedJobs, shard: resolvedShard, progress: progressStyle)
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
        Progress.note(message, style: progress)
    }
}
