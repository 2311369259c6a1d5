import Foundation
import LoomCore
import Synchronization

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

    /// Writes `config.json`, or checks that the one there is the same (a rerun resumes), and
    /// removes temporaries a killed run left.
    public func prepare(config: JSONValue) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LoomError.unwritable(path: folder.path, reason: AtomicFile.reason(error))
        }
        let url = folder.appendingPathComponent("config.json")
        if let existing = try? String(contentsOf: url, encoding: .utf8) {
            guard let old = try? JSONValue.parse(existing) else {
                throw LoomError.configMismatch(folder: folder.path, difference: "its config.json is unreadable")
            }
            if let difference = JSONValue.firstDifference(Self.core(old), Self.core(config)) {
                throw LoomError.configMismatch(folder: folder.path, difference: difference)
            }
        } else {
            try AtomicFile.write(Data(config.prettyText.utf8), to: url)
        }
        AtomicFile.removeStrayTemporaries(in: folder)
    }

    /// The config without the loom version, which may change without changing the experiment.
    static func core(_ config: JSONValue) -> JSONValue {
        if case .object(let members) = config { return .object(members.filter { $0.0 != "loom_version" }) }
        return config
    }

    /// Runs every run (resuming finished generations), `jobs` at a time; the results come back in
    /// the order of `runs`. When one run fails the others stop after their current generation and
    /// the first failure (in run order) is thrown.
    public func run<T: LoopTrainer>(_ runs: [LoopRun<T.Model.Batch>], trainer: T, label: String) throws -> [RunSeries] {
        let total = runs.reduce(0) { $0 + $1.generations + 1 }
        let bar = LoomCore.Progress(label: label, total: total, style: progress)
        let results = Mutex([RunSeries?](repeating: nil, count: runs.count))
        let failures = Mutex([Int: any Error]())
        let next = Atomic<Int>(0)
        let stop = StopSignal()
        DispatchQueue.concurrentPerform(iterations: min(jobs, runs.count)) { _ in
            while !stop.isRaised {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < runs.count else { break }
                do {
                    let series = try LoopEngine.run(runs[index], trainer: trainer, stop: stop, progress: bar)
                    results.withLock { $0[index] = series }
                } catch is LoopStopped {
                    break
                } catch {
                    failures.withLock { $0[index] = error }
                    stop.raise()
                }
            }
        }
        if let first = failures.withLock({ $0.min { $0.key < $1.key } }) { throw first.value }
        return results.withLock { $0.map { $0! } }
    }
}
