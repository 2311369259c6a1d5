import ArgumentParser
import Foundation
import LoomCore

/// One benchmark: runs once and returns its figures (name → value).
struct BenchCase: Sendable {
    let name: String
    let summary: String
    let run: @Sendable (BenchOptions) throws -> [String: Double]
}

/// What a benchmark run may use.
struct BenchOptions: Sendable {
    let jobs: Int
    let scratch: URL
}

/// `loom bench <name>`: JSON figures, the median of several runs.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a generator or stage; prints JSON figures (median of --runs runs) and the machine.",
        discussion: "Benchmarks: " + Bench.all.map { $0.name }.joined(separator: ", ")
    )

    static let all: [BenchCase] = [
        MixturesBench.benchCase,
        FourierToyBench.benchCase,
        LoopBench.benchCase,
        LoopMotionBench.benchCase,
        RenderBench.benchCase,
        ForceBallsBench.benchCase,
        ForceWindBench.benchCase,
        SynTheoryBench.benchCase,
        MocapBench.benchCase,
        FeaturesBench.benchCase,
        CorrectBench.benchCase,
    ]

    @Argument(help: "The benchmark (see `loom list`).")
    var name: String

    @Option(help: "Runs; the median of each figure is reported.")
    var runs: Int = 3

    @Option(help: "Worker threads (default 1: figures are per core).")
    var jobs: Int = 1

    @OptionGroup var log: LogOptions

    func run() throws {
        guard let bench = Self.all.first(where: { $0.name == name }) else {
            throw LoomError.usage("unknown benchmark '\(name)'; expected one of \(Self.all.map { $0.name }.joined(separator: ", "))")
        }
        guard runs >= 1 else { throw LoomError.usage("--runs must be at least 1") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var samples: [[String: Double]] = []
        for i in 0..<runs {
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            samples.append(try bench.run(BenchOptions(jobs: jobs, scratch: scratch)))
            ProgressReporter.note("\(name): run \(i + 1)/\(runs) done", style: .text)
        }
        let keys = samples[0].keys.sorted()
        let median: [(String, JSONValue)] = keys.map { key in
            let values = samples.compactMap { $0[key] }.sorted()
            let mid = values.count / 2
            let m = values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
            return (key, .double((m * 1000).rounded() / 1000))
        }
        let report = JSONValue.object([
            ("benchmark", .string(name)),
            ("runs", .int(runs)),
            ("jobs", .int(jobs)),
            ("median", .object(median)),
            ("machine", Self.machine()),
        ])
        print(report.prettyText, terminator: "")
    }

    /// CPU model, cores and memory, for the figures' context.
    static func machine() -> JSONValue {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return .object([
            ("cpu", .string(model)),
            ("cores", .int(ProcessInfo.processInfo.activeProcessorCount)),
            ("memory_gib", .int(Int(ProcessInfo.processInfo.physicalMemory >> 30))),
        ])
    }

    /// Wall seconds and CPU seconds of the calling thread spent in `body`, from one run: the CPU
    /// figure is per core and other processes' load does not inflate it (the wall figure's does).
    static func wallAndThreadCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let wall = try time(body)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return (wall, Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9)
    }

    /// Seconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
