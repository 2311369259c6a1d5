import Foundation
import LoomCore
import Testing
@testable import SelfConsuming

@Suite struct LoopEngineTests {
    @Test func decayingAccumulationFollowsTheReferenceSchedule() {
        // K = 3 stored batches of 25: ⌊1/3·25⌋, ⌊2/3·25⌋, 25.
        #expect((0..<3).map { Accumulation.decaying.take(batch: $0, of: 3, size: 25) } == [8, 16, 25])
        #expect((0..<3).map { Accumulation.latest.take(batch: $0, of: 3, size: 25) } == [0, 0, 25])
        #expect((0..<3).map { Accumulation.all.take(batch: $0, of: 3, size: 25) } == [25, 25, 25])
        // About 25·(K+1)/2 points once K is large (≈ 6,260 at the toy's last generation).
        let pool = (0..<500).reduce(0) { $0 + Accumulation.decaying.take(batch: $1, of: 500, size: 25) }
        #expect(abs(pool - 25 * 501 / 2) < 500)
    }

    @Test func syntheticCountIsFloorOfLambdaTimesN() {
        #expect(LoopArm.uncorrected(lambda: 0.5, accumulation: .latest).syntheticCount(real: 50) == 25)
        #expect(LoopArm.uncorrected(lambda: 0.29, accumulation: .latest).syntheticCount(real: 100) == 28)  // as Python's int()
        #expect(LoopArm.corrected(gamma: 0.03, lambda: 1, accumulation: .all).label == "gamma-0.03")
        #expect(LoopArm.corrected(gamma: 2, lambda: 1, accumulation: .all).label == "gamma-2")
    }

    @Test func resultsDoNotDependOnJobs() throws {
        let scratch = Scratch("jobs")
        defer { scratch.remove() }
        var options = smallToy()
        options.saveSamples = true
        for (name, jobs) in [("one", 1), ("four", 4)] {
            _ = try GaussianToy.run(options: options, seed: 7, scale: .quick,
                                    runner: LoopRunner(folder: scratch.url.appendingPathComponent(name), jobs: jobs, progress: .quiet))
        }
        for file in ["metrics.csv", "summary.csv", "summary.md", "w2.svg", "runs/gamma-1/seed-8.jsonl"] {
            let one = scratch.text("one/" + file)
            #expect(one != nil && one == scratch.text("four/" + file), "\(file) differs")
        }
        for file in ["runs/gamma-1/seed-7.corrected.npy", "runs/gamma-1/seed-8.samples.npy"] {
            let a = try Data(contentsOf: scratch.url.appendingPathComponent("one/" + file))
            #expect(try a == Data(contentsOf: scratch.url.appendingPathComponent("four/" + file)))
        }
    }

    @Test func seedsAreIndependentOfHowManyRunTogether() throws {
        // Seed 8 of a two-seed run from 7 equals a one-seed run from 8.
        let scratch = Scratch("seeds")
        defer { scratch.remove() }
        _ = try GaussianToy.run(options: smallToy(seeds: 2), seed: 7, scale: .quick,
                                runner: LoopRunner(folder: scratch.url.appendingPathComponent("pair"), jobs: 2, progress: .quiet))
        _ = try GaussianToy.run(options: smallToy(seeds: 1), seed: 8, scale: .quick,
                                runner: LoopRunner(folder: scratch.url.appendingPathComponent("single"), jobs: 2, progress: .quiet))
        #expect(scratch.text("pair/runs/gamma-1/seed-8.jsonl") == scratch.text("single/runs/gamma-1/seed-8.jsonl"))
    }

    /// A run killed mid-write (a torn last line, a batch log ahead of its lines or behind them)
    /// resumes from its last finished generation and ends byte-identical to an uninterrupted run.
    @Test func resumeAfterAKillGivesTheSameFiles() throws {
        let scratch = Scratch("resume")
        defer { scratch.remove() }
        var options = smallToy(generations: 15, seeds: 1, gammas: [0.3])
        options.saveSamples = true  // keeps the batch logs of finished runs, so a kill can be staged
        let whole = scratch.url.appendingPathComponent("whole"), cut = scratch.url.appendingPathComponent("cut")
        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: LoopRunner(folder: whole, jobs: 1, progress: .quiet))
        try FileManager.default.copyItem(at: whole, to: cut)
        try FileManager.default.removeItem(at: cut.appendingPathComponent("metrics.csv"))
        let batch = 25 * 2 * 8
        // gamma-0.3: 6 whole lines and half of the 7th; its corrected log keeps 9 batches and a torn one (ahead).
        try keepLines(cut.appendingPathComponent("runs/gamma-0.3/seed-0.jsonl"), 6, tornBytes: 40)
        try truncate(cut.appendingPathComponent("runs/gamma-0.3/seed-0.corrected.npy"), bytes: GrowingNpy.headerLength + 9 * batch + 100)
        // uncorrected: 13 lines, but its corrected log lost all but 9 batches (behind: generations 10-12 redo).
        try keepLines(cut.appendingPathComponent("runs/uncorrected/seed-0.jsonl"), 13, tornBytes: 0)
        try truncate(cut.appendingPathComponent("runs/uncorrected/seed-0.corrected.npy"), bytes: GrowingNpy.headerLength + 9 * batch)
        // real-only: only generation 0.
        try keepLines(cut.appendingPathComponent("runs/real-only/seed-0.jsonl"), 1, tornBytes: 0)

        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: LoopRunner(folder: cut, jobs: 2, progress: .quiet))
        for file in ["metrics.csv", "runs/gamma-0.3/seed-0.jsonl", "runs/uncorrected/seed-0.jsonl", "runs/real-only/seed-0.jsonl"] {
            #expect(scratch.text("whole/" + file) == scratch.text("cut/" + file), "\(file) differs after resume")
        }
        for arm in ["gamma-0.3", "uncorrected"] {
            for kind in ["corrected", "samples"] {
                let file = "runs/\(arm)/seed-0.\(kind).npy"
                #expect(try Data(contentsOf: whole.appendingPathComponent(file)) == Data(contentsOf: cut.appendingPathComponent(file)), "\(file)")
            }
        }
    }

    @Test func batchLogsKeptOnlyForResumingGoWhenARunFinishes() throws {
        let scratch = Scratch("logs")
        defer { scratch.remove() }
        _ = try GaussianToy.run(options: smallToy(generations: 4, seeds: 1, gammas: [1]), seed: 0, scale: .quick,
                                runner: LoopRunner(folder: scratch.url, jobs: 1, progress: .quiet))
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("runs/gamma-1").path)
        #expect(files == ["seed-0.jsonl"])
        // Running again reads the finished runs and leaves them alone.
        let before = scratch.text("runs/gamma-1/seed-0.jsonl")
        _ = try GaussianToy.run(options: smallToy(generations: 4, seeds: 1, gammas: [1]), seed: 0, scale: .quick,
                                runner: LoopRunner(folder: scratch.url, jobs: 1, progress: .quiet))
        #expect(scratch.text("runs/gamma-1/seed-0.jsonl") == before)
    }

    /// Keeps the first `count` lines of a file plus `tornBytes` of the next.
    func keepLines(_ url: URL, _ count: Int, tornBytes: Int) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        try Data((lines.prefix(count).map { $0 + "\n" }.joined() + lines[count].prefix(tornBytes)).utf8).write(to: url)
    }

    /// Cuts a file to its first `bytes` bytes (a growing `.npy` keeps its header, which then says more).
    func truncate(_ url: URL, bytes: Int) throws {
        try Data(contentsOf: url).prefix(bytes).write(to: url)
    }

    @Test func aRerunWithAnotherConfigIsRefused() throws {
        let scratch = Scratch("mismatch")
        defer { scratch.remove() }
        let runner = LoopRunner(folder: scratch.url, jobs: 1, progress: .quiet)
        _ = try GaussianToy.run(options: smallToy(generations: 3), seed: 0, scale: .quick, runner: runner)
        #expect(throws: LoomError.self) {
            try GaussianToy.run(options: smallToy(generations: 4), seed: 0, scale: .quick, runner: runner)
        }
        // The same config again just reads the finished runs.
        let again = try GaussianToy.run(options: smallToy(generations: 3), seed: 0, scale: .quick, runner: runner)
        #expect(again.report.series.count == 8)
    }

    @Test func generationZeroIsSharedAndTheRealOnlyArmStaysThere() throws {
        let scratch = Scratch("arms")
        defer { scratch.remove() }
        let outcome = try GaussianToy.run(options: smallToy(generations: 20, seeds: 1, gammas: [0, 0.1, 5]), seed: 3, scale: .quick,
                                          runner: LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet))
        let series = outcome.report.series
        #expect(Set(series.map { $0.values[0] }).count == 1)
        let realOnly = try #require(series.first { $0.arm == .realOnly })
        #expect(Set(realOnly.values).count == 1)
        #expect(series.allSatisfy { $0.values.count == 21 })
    }

    @Test func outputsAreWellFormed() throws {
        let scratch = Scratch("outputs")
        defer { scratch.remove() }
        _ = try GaussianToy.run(options: smallToy(generations: 60, seeds: 2), seed: 0, scale: .quick,
                                runner: LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet))
        let metrics = try #require(CSVTable.parse(scratch.text("metrics.csv") ?? ""))
        #expect(metrics.header == ["arm", "gamma", "seed", "generation", "w2", "mean_error", "variance"])
        #expect(metrics.rows.count == 4 * 2 * 61)
        let summary = try #require(CSVTable.parse(scratch.text("summary.csv") ?? ""))
        #expect(summary.rows.count == 4 * 3 * 4)  // arms × metrics × generations 0, 10, 50, 60
        #expect(scratch.text("summary.md")?.contains("| gamma-1 | ") == true)
        #expect(scratch.text("w2.svg")?.hasPrefix("<svg") == true)
        let config = try JSONValue.parse(scratch.text("config.json") ?? "")
        #expect(config["options"]?["generations"] == .int(60))
        #expect(config["seeds"] == .array([.int(0), .int(1)]))
        let line = try JSONValue.parse(String(scratch.text("runs/gamma-1/seed-1.jsonl")!.split(separator: "\n")[5]))
        #expect(line["generation"] == .int(5) && line["gamma"] == .double(1) && line["synthetic"] == .int(25))
        #expect(line["training_size"] == .int(50 + 5 + 10 + 15 + 20 + 25))
    }

    @Test func badOptionsAreRejectedWithTheirKey() {
        func key(_ change: (inout GaussianToyOptions) -> Void) -> String? {
            var options = GaussianToyOptions()
            change(&options)
            do { try options.validate() } catch let error as ConfigValueError { return error.key } catch {}
            return nil
        }
        /// The message for a value no Swift code can set: an unknown enum name.
        func refused(_ assignment: String) -> String? {
            do {
                _ = try GaussianToyOptions.resolve(scale: .quick, layers: [OptionLayer(assignments: [assignment])], owner: "loop gaussian-toy")
            } catch let error as LoomError { return error.description } catch {}
            return nil
        }
        #expect(key { $0.lambda = -0.5 } == "lambda")
        #expect(key { $0.gammas = [0, -1] } == "gammas")
        #expect(key { $0.real = 0 } == "real")
        #expect(key { $0.real = 1 } == "lambda")  // ⌊0.5·1⌋ = 0 synthetic samples
        #expect(refused("corrector=oracle")?.hasPrefix("--set corrector: unknown corrector 'oracle'") == true)
        #expect(key { $0.corrector = .external } == "command")
        #expect(key { $0.command = ["python3", "x.py"] } == "command")
        #expect(key { $0.bins = 20 } == "bins")
        #expect(key { $0.corrector = .external; $0.command = ["x"]; $0.timeout = 0 } == "timeout")
        #expect(refused("accumulation=sometimes")?.hasPrefix("--set accumulation: unknown accumulation 'sometimes'") == true)
        #expect(key { _ in } == nil)
        var collapse = GaussianCollapseOptions()
        collapse.samples = 1
        #expect(throws: ConfigValueError.self) { try collapse.validate() }
    }

    @Test func pipelineOptionsDecodeAndNameTheLineOfABadValue() throws {
        let good = try ConfigDocument(text: "gammas: [0, 0.5]\ncorrector: kmeans\nclusters: 4\n", file: "p.yaml")
        let options = try GaussianToyOptions.resolve(scale: .quick, layers: [OptionLayer(node: good.root, file: good.file)], owner: "loop gaussian-toy")
        #expect(options.gammas == [0, 0.5] && options.clusters == 4)
        let bad = try ConfigDocument(text: "real: 50\nlambda: -1\n", file: "p.yaml")
        #expect {
            try GaussianToyOptions.resolve(scale: .quick, layers: [OptionLayer(node: bad.root, file: bad.file)], owner: "loop gaussian-toy")
        } throws: { error in
            (error as? LoomError)?.description.contains("p.yaml:2") == true
        }
    }
}
