import Foundation
import Learn
import LoomCore
import Testing
import TestSupport
@testable import FourierHead

/// The stage on small fixture datasets: a short training sweep, its files, determinism, and bad input.
@Suite struct SweepTests {
    func sweep(root: URL, jobs: Int = 2, _ change: (inout FourierToyOptions) -> Void = { _ in }) throws -> FourierToySweep {
        var options = FourierToyOptions().with { $0.datasets = ["gaussian"]; $0.heads = ["linear", "gmm", "fourier"]; $0.frequencies = [4]; $0.gammas = [0, 1e-6]; $0.seeds = [1, 2]; $0.epochs = 60; $0.data = "data/{dataset}-{seed}" }
        change(&options)
        return try FourierToySweep(options: options, root: root, jobs: jobs, progress: .quiet)
    }

    func fixtures(_ name: String, seeds: [Int] = [1, 2]) throws -> URL {
        let root = try ToyFixture.scratch(name)
        for seed in seeds { try ToyFixture.write(to: root.appendingPathComponent("data/gaussian-\(seed)"), seed: seed) }
        return root
    }

    @Test func shortTrainingWritesTheOriginalLayoutAndLearns() throws {
        let root = try fixtures("train")
        defer { try? FileManager.default.removeItem(at: root) }
        let results = try sweep(root: root).run()
        #expect(results.count == 8)
        let out = root.appendingPathComponent("fourier-toy")
        for folder in ["gaussian/linear/0.0/0", "gaussian/gmm/0.0/0", "gaussian/fourier/0.0/4", "gaussian/fourier/1e-06/4"] {
            for seed in [1, 2] {
                let pmfs = try Npy.read(out.appendingPathComponent("\(folder)/pmfs_\(seed).npy"))
                #expect(pmfs.descr == "<f4" && pmfs.shape == [200, 50])
                let values = try pmfs.values(as: Float.self)
                #expect(abs(values[0..<50].reduce(0, +) - 1) < 1e-4)
            }
            let metrics = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("\(folder)/model_metrics.json"), encoding: .utf8))
            guard case .double(let kl)? = metrics["1"]?["KL divergence"], case .double? = metrics["2"]?["MSE_argmax"] else {
                Issue.record("model_metrics.json of \(folder) lacks a seed's metrics")
                continue
            }
            #expect(kl > 0 && kl.isFinite)
        }
        let truth = try Npy.read(out.appendingPathComponent("gaussian/true_2.npy"))
        #expect(truth.descr == "<f8" && truth.shape == [200, 50])
        for file in ["results.csv", "runs.csv", "results.md", "config.json", "plots/gaussian_frequencies.svg", "plots/gaussian_pmfs.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        let table = try #require(CSVTable.parse(String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)))
        #expect(table.rows.count == 4)

        // Every head learns within 60 epochs: KL well below that of the uniform PMF (the linear head is the
        // slowest, near 0.53 of it here); the Fourier head is smoother than the linear one.
        let truthValues = try truth.values(as: Double.self)
        let uniform = ToyMetrics.klDivergence(truth: truthValues, model: Matrix(rows: 200, cols: 50, repeating: 0.02))
        let summaries = ToySummary.make(results)
        for s in summaries { #expect(s.kl.mean < 0.75 * uniform, "\(s.head)") }
        let linear = summaries.first { $0.head == .linear }!, fourier = summaries.first { $0.head == .fourier(frequencies: 4, gamma: 0) }!
        #expect(fourier.smoothness.mean < linear.smoothness.mean)
    }

    @Test func resultsDoNotDependOnThreadCount() throws {
        let root = try fixtures("threads")
        defer { try? FileManager.default.removeItem(at: root) }
        let narrow = try sweep(root: root, jobs: 1) { $0.heads = ["fourier"]; $0.gammas = [1e-6]; $0.epochs = 3; $0.output = "one" }.run()
        let wide = try sweep(root: root, jobs: 3) { $0.heads = ["fourier"]; $0.gammas = [1e-6]; $0.epochs = 3; $0.output = "three" }.run()
        #expect(narrow.map(\.pmfs) == wide.map(\.pmfs))
        let a = try Data(contentsOf: root.appendingPathComponent("one/gaussian/fourier/1e-06/4/pmfs_2.npy"))
        let b = try Data(contentsOf: root.appendingPathComponent("three/gaussian/fourier/1e-06/4/pmfs_2.npy"))
        #expect(a == b)
    }

    /// The sweep's files without the wall times (timing.csv and the runs' records hold seconds).
    func outputs(_ folder: URL) -> [String: Data] {
        TestSupport.folderContents(folder).filter { $0.key != "timing.csv" && !$0.key.hasPrefix(".runs/") && !$0.key.hasPrefix(".loom-locks") }
    }

    @Test func shardsMergeToTheUnshardedBytesAndARerunTrainsOnlyUnfinishedRuns() throws {
        let one = try fixtures("whole"), many = try fixtures("shards")
        defer { for root in [one, many] { try? FileManager.default.removeItem(at: root) } }
        let short: (inout FourierToyOptions) -> Void = { $0.epochs = 3 }
        try sweep(root: one, short).run()
        let expected = outputs(one.appendingPathComponent("fourier-toy"))
        var trained: [ToyRunSpec] = []
        for i in 0..<3 {
            var shard = try sweep(root: many, short)
            shard.shard = try Shard(parsing: "\(i)/3")
            trained += try shard.run().map(\.spec)
        }
        let folder = many.appendingPathComponent("fourier-toy")
        #expect(Set(trained) == Set(try sweep(root: many, short).runs) && trained.count == 8, "each run in one shard")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.md").path), "shards write no tables")
        #expect(try sweep(root: many, short).merge())
        #expect(outputs(folder) == expected)
        #expect(try !sweep(root: many, short).merge(), "merged once")

        // A killed run left no record: the merge names it, and a rerun trains it alone.
        let record = folder.appendingPathComponent(".runs/gaussian/gmm/0.0/0/2.json")
        let other = folder.appendingPathComponent(".runs/gaussian/linear/0.0/0/1.json")
        let otherBytes = try Data(contentsOf: other)
        try FileManager.default.removeItem(at: record)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("gaussian/gmm/0.0/0/pmfs_2.npy"))
        #expect { try sweep(root: many, short).merge() } throws: { error in
            "\(error)".contains("1 of 8 runs") && "\(error)".contains("gaussian/gmm/0.0/0 seed 2")
        }
        try sweep(root: many, short).run()
        #expect(try Data(contentsOf: other) == otherBytes, "a finished run is not trained again (its wall time stands)")
        #expect(FileManager.default.fileExists(atPath: record.path))
        #expect(outputs(folder) == expected)
    }

    @Test func badOptionsAreRejected() {
        let cases: [(FourierToyOptions, String)] = [
            (FourierToyOptions().with { $0.heads = ["softmax"] }, "heads"),
            (FourierToyOptions().with { $0.datasets = ["swiss-roll"] }, "datasets"),
            (FourierToyOptions().with { $0.frequencies = [0] }, "frequencies"),
            (FourierToyOptions().with { $0.gammas = [-1e-6] }, "gammas"),
            (FourierToyOptions().with { $0.epochs = 0 }, "epochs"),
            (FourierToyOptions().with { $0.learningRate = .nan }, "learning_rate"),
        ]
        for (options, key) in cases {
            #expect { try options.validate() } throws: { ($0 as? ConfigValueError)?.key == key }
        }
    }

    @Test func frequenciesMustStayBelowHalfTheBins() throws {
        let root = try fixtures("nyquist", seeds: [1])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect { try sweep(root: root) { $0.seeds = [1]; $0.frequencies = [4, 25] }.run() } throws: { error in
            guard case LoomError.usage(let message) = error else { return false }
            return message.contains("N = 25") && message.contains("m/2 = 25")
        }
    }

    @Test func missingOrForeignDatasetsAreClearErrors() throws {
        let root = try fixtures("foreign", seeds: [1])
        defer { try? FileManager.default.removeItem(at: root) }
        // Seed 2 has no folder: the message says how to make it.
        #expect { try sweep(root: root).run() } throws: { error in
            guard case FourierHeadError.dataset(let message) = error else { return false }
            return message.contains("loom generate mixtures --dataset gaussian --seed 2") && message.contains("data/gaussian-2")
                && (error as? any UserFacingError)?.isUsageError == true
        }
        try ToyFixture.write(to: root.appendingPathComponent("data/gaussian-2"), seed: 2, generator: "synthory")
        #expect { try sweep(root: root).run() } throws: { error in
            guard case FourierHeadError.dataset(let message) = error else { return false }
            return message.contains("generator 'synthory', not mixtures")
        }
        try ToyFixture.write(to: root.appendingPathComponent("data/gaussian-2"), dataset: "beta", seed: 2)
        #expect { try sweep(root: root).run() } throws: { error in
            guard case FourierHeadError.dataset(let message) = error else { return false }
            return message.contains("not gaussian")
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("fourier-toy").path))
    }

    @Test func nonFiniteTrainingNamesRunStepAndParameter() throws {
        let root = try fixtures("nan", seeds: [1])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try sweep(root: root) { $0.seeds = [1]; $0.heads = ["linear"]; $0.learningRate = 1e30; $0.epochs = 2 }.run()
        } throws: { error in
            guard case FourierHeadError.runFailed(let run, let reason) = error else { return false }
            return run == "gaussian/linear/0.0/0 seed 1" && reason.contains("NaN or infinity in") && reason.contains("at step")
        }
    }
}
