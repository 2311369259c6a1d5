import Foundation
import Learn
import Media
import LoomCore
import Mocap
import MotionCorrection
import Physics
import SelfConsuming
import Testing
import TestSupport
@testable import MotionLoop

/// A small mocap dataset (three takes, one held out, a window every half second), made once.
enum SmallMocap {
    static let folder: URL = {
        let url = TestSupport.scratchFolder("motion-loop-mocap")
        let options = MocapOptions().with { $0.stride = 10; $0.clips = ["deepmimic/walk", "deepmimic/run", "walker/turn_right1"]; $0.testClips = ["walker/turn_right1"]; $0.contactSheetWindows = 0 }
        let generator = try! MocapGenerator(options: options)
        try! DatasetRun.generate(generator, options: RunOptions(folder: url, seed: 0, scale: .quick, jobs: 2, progress: .quiet))
        return url
    }()

    static let data: MotionData = try! MotionData.load(folder: folder)

    static let features = MotionFeatures(humanoid: try! Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath)))

    /// A loop small enough for a test: 16 real windows, 2 generations, a tiny model.
    static func options(generations: Int = 2) -> MotionLoopOptions {
        var o = MotionLoopOptions()
        o.n = 16
        o.generations = generations
        o.codeDimension = 8
        o.width = 32
        o.blocks = 1
        o.firstSteps = 40
        o.steps = 10
        o.samplingSteps = 4
        o.encoderEpochs = 5
        return o
    }
}

@Suite(.serialized) struct MotionLoopTests {
    @Test func datasetIsReadWithLabels() throws {
        let d = SmallMocap.data
        #expect(d.actions == ["run", "turn", "walk"])
        #expect(d.train.count > 16 && d.test.count > 4)
        #expect(Set(d.test.labels) == [1], "the held-out take is the turn")
        #expect(d.frames == 40 && d.width == SmallMocap.features.width)
        let (real, heldOut) = try d.split(16, heldOut: 10, seed: 42)
        #expect(real.count == 16 && heldOut.count == 10)
        #expect(try d.split(16, heldOut: 10, seed: 42).real == real, "a fixed subset")
        #expect((0..<heldOut.count).allSatisfy { h in (0..<real.count).allSatisfy { Array(real[$0]) != Array(heldOut[h]) } },
                "the held-out windows are not among the real ones")
        #expect(throws: LoomError.self) { try d.split(d.train.count, heldOut: 10, seed: 42) }
    }

    @Test func codeReconstructsWhatItKeeps() throws {
        let d = SmallMocap.data
        let full = try MotionCode(fitting: d.train, mean: d.mean, std: d.std, dimension: d.train.count)
        let back = full.decode(full.encode(d.train), labels: d.train.labels)
        let worst = zip(back.values, d.train.values).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-3, "all components: the training windows come back (worst error \(worst))")
        #expect(full.explainedVariance > 0.999)
        let small = try MotionCode(fitting: d.train, mean: d.mean, std: d.std, dimension: 4)
        #expect(small.dimension == 4 && small.explainedVariance < full.explainedVariance && small.explainedVariance > 0.3)
        let codes = full.encode(d.train)
        let variance = (0..<codes.rows).reduce(0.0) { $0 + Double(codes[$1, 0] * codes[$1, 0]) } / Double(codes.rows - 1)
        #expect(abs(variance - 1) < 1e-3, "unit-variance components")
    }

    @Test func groundingMovesTheBodyToTheGround() throws {
        let d = SmallMocap.data
        var lifted = d.train.prefix(6)
        for i in 0..<lifted.count { for t in 0..<lifted.frames { lifted.values[(i * lifted.frames + t) * lifted.width + 3] += 0.2 } }
        let corrector = GroundingCorrector(features: SmallMocap.features)
        let context = CorrectionContext(experiment: "t", arm: "t", seed: 0, generation: 1)
        var random = RandomStream(seed: 0, dataset: "t", index: 0)
        let before = physicsFigures(lifted, features: SmallMocap.features, fps: 20)
        let full = corrector.correct(lifted, gamma: Double.infinity, context: context, random: &random)
        let half = corrector.correct(lifted, gamma: 1, context: context, random: &random)
        let after = physicsFigures(full, features: SmallMocap.features, fps: 20)
        #expect(before[1] > 0.15, "lifted windows float")
        #expect(after[0] < 1e-9 && after[1] < 1e-9, "fully corrected windows touch the ground: \(after)")
        let halfway = physicsFigures(half, features: SmallMocap.features, fps: 20)
        #expect(halfway[1] > 0.3 * before[1] && halfway[1] < 0.7 * before[1], "γ = 1 moves half way: \(halfway[1]) of \(before[1])")
        #expect(full.labels == lifted.labels, "labels travel with the windows")
    }

    @Test func frechetDistanceAndManifolds() throws {
        var random = RandomStream(seed: 1, dataset: "t", index: 0)
        let a = Matrix(rows: 200, cols: 3, values: (0..<600).map { _ in Float(random.normal()) })
        var b = a
        for r in 0..<200 { b.values[r * 3] += 2 }
        #expect(try EmbeddingMetrics.frechetDistance(a, a) < 1e-6)
        #expect(abs(try EmbeddingMetrics.frechetDistance(a, b) - 4) < 1e-3, "a shift by 2 gives FID 4")
        let same = EmbeddingMetrics.precisionRecall(real: a, generated: a)
        #expect(same.precision == 1 && same.recall == 1)
        var far = a
        for i in far.values.indices { far.values[i] += 100 }
        let apart = EmbeddingMetrics.precisionRecall(real: a, generated: far)
        #expect(apart.precision == 0 && apart.recall == 0)
        var collapsed = a
        for r in 0..<200 { for k in 0..<3 { collapsed.values[r * 3 + k] = a.values[k] } }
        #expect(EmbeddingMetrics.diversity(collapsed, random: &random) < 1e-9 && EmbeddingMetrics.diversity(a, random: &random) > 1.5)
    }

    /// Two shards (the seed × arm runs by index % 2) and the merge give the bytes one process
    /// writes; a merge before every shard is done is refused.
    @Test func shardsMergeToTheUnshardedBytes() throws {
        let scratch = TestSupport.scratchFolder("motion-shards")
        defer { try? FileManager.default.removeItem(at: scratch) }
        func run(_ name: String, shard: Shard = .whole, merging: Bool = false) throws {
            _ = try MotionLoop.run(options: SmallMocap.options(), mocap: SmallMocap.folder, scale: .quick,
                                   runner: LoopRunner(folder: scratch.appendingPathComponent(name), jobs: 2, progress: .quiet,
                                                      shard: shard, finishedOnly: merging))
        }
        try run("whole")
        #expect(throws: LoopShardFinished.self) { try run("sharded", shard: try Shard(parsing: "1/2")) }
        #expect { try run("sharded", merging: true) } throws: { "\($0)".contains("unfinished") }
        #expect(throws: LoopShardFinished.self) { try run("sharded", shard: try Shard(parsing: "0/2")) }
        try run("sharded", merging: true)
        let whole = TestSupport.folderContents(scratch.appendingPathComponent("whole")).filter { !$0.key.hasSuffix(".lock") }
        let sharded = TestSupport.folderContents(scratch.appendingPathComponent("sharded")).filter { !$0.key.hasSuffix(".lock") }
        #expect(whole.keys.sorted() == sharded.keys.sorted())
        for (path, data) in whole { #expect(sharded[path] == data, "\(path) differs between the shards' merge and one process") }
    }

    /// The loop runs, gives the same bytes whatever --jobs, and resumes from a killed state
    /// (a torn last line, a missing checkpoint) to the same files.
    @Test func loopIsReproducibleAndResumes() throws {
        let scratch = TestSupport.scratchFolder("motion-loop")
        defer { try? FileManager.default.removeItem(at: scratch) }
        func run(_ name: String, jobs: Int) throws -> MotionLoop.Outcome {
            try MotionLoop.run(options: SmallMocap.options(), mocap: SmallMocap.folder, scale: .quick,
                               runner: LoopRunner(folder: scratch.appendingPathComponent(name), jobs: jobs, progress: .quiet))
        }
        let outcome = try run("two", jobs: 2)
        _ = try run("one", jobs: 1)
        let two = TestSupport.folderContents(scratch.appendingPathComponent("two")).filter { !$0.key.hasSuffix(".lock") }
        let one = TestSupport.folderContents(scratch.appendingPathComponent("one")).filter { !$0.key.hasSuffix(".lock") }
        #expect(two.keys.sorted() == one.keys.sorted())
        for (path, data) in two { #expect(one[path] == data, "\(path) differs between --jobs 1 and 2") }
        for file in ["metrics.csv", "summary.md", "eval.json", "fid.svg", "plots/diversity.svg",
                     "runs/uncorrected/seed-42.generation-2.safetensors"] {
            #expect(two[file] != nil, "\(file) is written")
        }
        let names = outcome.report.metricNames
        for run in outcome.report.series {
            #expect(run.values.count == 3)
            for (t, values) in run.values.enumerated() {
                for (name, value) in zip(names, values) where !name.hasPrefix("synthetic_") {
                    #expect(value.isFinite && value >= 0, "\(run.arm.label) generation \(t): \(name) = \(value)")
                }
                let synthetic = values[names.firstIndex(of: "synthetic_floating_m")!]
                #expect(synthetic.isFinite == (t > 0 && run.arm.lambda > 0), "synthetic figures only where synthetic windows were trained on")
            }
        }
        // The run log keeps the checkpoint's path and sha256, not the weights.
        let log = try String(contentsOf: scratch.appendingPathComponent("one/runs/gamma-1/seed-42.jsonl"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        let last = try JSONValue.parse(String(lines[2]))
        #expect(last["checkpoint"]?["path"] == .string("seed-42.generation-2.safetensors"))
        let weights = try Data(contentsOf: scratch.appendingPathComponent("one/runs/gamma-1/seed-42.generation-2.safetensors"))
        #expect(last["checkpoint"]?["sha256"] == .string(try SHA256.hex(of: weights)))
        #expect(lines[2].count < 2000)

        // Killed: the last line torn, generation 2's checkpoint of another run never written.
        let folder = scratch.appendingPathComponent("one")
        try Data((lines[0...1].joined(separator: "\n") + "\n" + lines[2].prefix(40)).utf8)
            .write(to: folder.appendingPathComponent("runs/gamma-1/seed-42.jsonl"))
        let other = folder.appendingPathComponent("runs/real-only/seed-42.jsonl")
        let otherLines = try String(contentsOf: other, encoding: .utf8).split(separator: "\n")
        try Data((otherLines[0...1].joined(separator: "\n") + "\n").utf8).write(to: other)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("runs/real-only/seed-42.generation-2.safetensors"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("metrics.csv"))
        _ = try run("one", jobs: 1)
        let resumed = TestSupport.folderContents(folder).filter { !$0.key.hasSuffix(".lock") }
        for (path, data) in two { #expect(resumed[path] == data, "\(path) differs after resuming") }

        // A checkpoint that does not match its sha256 stops a resume with a clear line.
        try Data((otherLines[0...1].joined(separator: "\n") + "\n").utf8).write(to: other)
        try Data([0, 1, 2]).write(to: folder.appendingPathComponent("runs/real-only/seed-42.generation-1.safetensors"))
        #expect {
            _ = try run("one", jobs: 1)
        } throws: { error in
            "\(error)".contains("does not match the sha256")
        }
    }

    @Test func badInputIsNamed() throws {
        var o = SmallMocap.options()
        o.n = 10_000
        let scratch = TestSupport.scratchFolder("motion-loop-bad")
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect {
            _ = try MotionLoop.run(options: o, mocap: SmallMocap.folder, scale: .quick, runner: LoopRunner(folder: scratch, jobs: 1, progress: .quiet))
        } throws: { error in
            (error as? LoomError)?.isUsageError == true && "\(error)".contains("choose n <")
        }
        #expect {
            _ = try MotionLoop.run(options: SmallMocap.options(), mocap: scratch, scale: .quick,
                                   runner: LoopRunner(folder: scratch.appendingPathComponent("x"), jobs: 1, progress: .quiet))
        } throws: { error in
            "\(error)".contains("not a dataset folder")
        }
        var bad = SmallMocap.options()
        bad.gammas = [-1]
        #expect(throws: ConfigValueError.self) { try bad.completed(for: .quick) }
    }
}
