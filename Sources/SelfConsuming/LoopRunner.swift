import Foundation
import LoomCore

/// Runs many loop runs on worker threads into one experiment folder.
public struct LoopRunner: Sendable {
    public let folder: URL
    public let jobs: Int
    public let progress: ProgressStyle

    public init(folder: URL, jobs: Int, progress: ProgressStyle) {
        self.folder = folder
        self.jobs = max(1, jobs)
        self.progress = progress
    }

    /// Opens the experiment folder: takes its lock, writes `config.json` or checks that the one there
    /// is the same (a rerun resumes), and removes temporaries a killed run left. Keep the returned
    /// folder alive while the runs write. `ignoring` names top-level config keys that cannot change
    /// the outputs (e.g. a corrector's timeout).
    public func prepare(config: JSONValue, ignoring: Set<String> = []) throws -> RunFolder {
        try RunFolder(folder, configFile: "config.json", config: config, lockName: "experiment",
                      purpose: "this loop experiment", ignoring: ignoring.union(["loom_version"]))
    }

    /// Runs every run (resuming finished generations), `jobs` at a time; the results come back in
    /// the order of `runs`. When one run fails the others stop after their current generation and
    /// the first failure (in run order) is thrown.
    public func run<T: LoopTrainer>(_ runs: [LoopRun<T.Model.Batch>], trainer: T, label: String) throws -> [RunSeries] {
        let total = runs.reduce(0) { $0 + $1.generations + 1 }
        let bar = ProgressReporter(label: label, total: total, style: progress)
        let stop = StopSignal()
        let series = try WorkQueue(jobs: jobs).map(runs.count) { index -> RunSeries? in
            do {
                return try LoopEngine.run(runs[index], trainer: trainer, stop: stop, progress: bar)
            } catch is LoopStopped {
                return nil   // another run failed; its error is thrown
            } catch {
                stop.raise()
                throw error
            }
        }
        return series.map { $0! }
    }
}
