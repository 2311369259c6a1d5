import Foundation
import LoomCore

/// Runs many loop runs on worker threads into one experiment folder.
///
/// With a shard other than `.whole` it runs only the runs with `index % count == index` and then throws
/// `LoopShardFinished` instead of returning (the experiment's tables need every run); a whole runner
/// with `finishedOnly` (the merge) refuses to train and reads back the runs the shards finished.
public struct LoopRunner: Sendable {
    /// The experiment folder.
    public let folder: URL
    /// Worker threads, at least 1.
    public let jobs: Int
    /// How progress is shown.
    public let progress: ProgressStyle
    /// Which runs this runner runs (`.whole` for all).
    public let shard: Shard
    /// Refuse any run whose log is not complete instead of training it (`loom merge`).
    public let finishedOnly: Bool

    /// Stores the settings; `jobs` below 1 counts as 1.
    public init(folder: URL, jobs: Int, progress: ProgressStyle, shard: Shard = .whole, finishedOnly: Bool = false) {
        self.folder = folder
        self.jobs = max(1, jobs)
        self.progress = progress
        self.shard = shard
        self.finishedOnly = finishedOnly
    }

    /// Opens the experiment folder: takes its lock, writes `config.json` or checks that the one there
    /// is the same (a rerun resumes), and removes temporaries a killed run left. Keep the returned
    /// folder alive while the runs write. `ignoring` names top-level config keys that cannot change
    /// the outputs (e.g. a corrector's timeout).
    public func prepare(config: JSONValue, ignoring: Set<String> = []) throws -> RunFolder {
        let whole = shard == .whole
        return try RunFolder(folder, configFile: "config.json", config: config,
                             lockName: whole ? "experiment" : "experiment-shard-\(shard.index)-of-\(shard.count)",
                             purpose: whole ? "this loop experiment" : "shard \(shard) of this loop experiment",
                             ignoring: ignoring.union(["loom_version"]))
    }

    /// Whether a run's log holds every generation (one complete line each).
    static func isFinished<B>(_ run: LoopRun<B>) -> Bool {
        guard let data = FileManager.default.contents(atPath: run.base.path + ".jsonl") else { return false }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } >= run.generations + 1
    }

    /// Runs every run (resuming finished generations), `jobs` at a time; the results come back in
    /// the order of `runs`. When one run fails the others stop after their current generation and
    /// the first failure (in run order) is thrown.
    public func run<T: LoopTrainer>(_ runs: [LoopRun<T.Model.Batch>], trainer: T, label: String) throws -> [RunSeries] {
        let mine = runs.indices.filter(shard.contains)
        if finishedOnly, let first = mine.first(where: { !Self.isFinished(runs[$0]) }) {
            let count = mine.filter { !Self.isFinished(runs[$0]) }.count
            throw LoomError.runtime("\(count) of \(runs.count) runs of \(folder.path) are unfinished (first: run \(first), \(runs[first].title)); finish the shard that holds each run (shard I/N runs the runs with index % N == I), then merge again")
        }
        let total = mine.reduce(0) { $0 + runs[$1].generations + 1 }
        let bar = ProgressReporter(label: label, total: total, style: progress)
        let stop = StopSignal()
        let folder = folder
        let series = try WorkQueue(jobs: jobs).map(mine.count) { slot -> RunSeries? in
            let index = mine[slot]
            do {
                // One writer per run, whichever shard or rerun holds it.
                let lock = try FolderLock(folder: folder, name: "run-\(index)", purpose: runs[index].title)
                return try withExtendedLifetime(lock) {
                    try LoopEngine.run(runs[index], trainer: trainer, stop: stop, progress: bar)
                }
            } catch is LoopStopped {
                return nil   // another run failed; its error is thrown
            } catch {
                stop.raise()
                throw error
            }
        }
        guard shard == .whole else { throw LoopShardFinished(folder: folder, shard: shard, runs: mine.count, total: runs.count) }
        return series.map { $0! }
    }
}

/// Thrown by a sharded `LoopRunner` once its runs are done: the experiment's tables wait for the merge.
public struct LoopShardFinished: Error, Sendable {
    /// The experiment folder.
    public let folder: URL
    /// The shard that finished.
    public let shard: Shard
    /// The number of runs this shard ran.
    public let runs: Int
    /// The number of runs of the whole experiment.
    public let total: Int
}
