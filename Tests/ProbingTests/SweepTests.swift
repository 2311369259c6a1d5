import Foundation
import LoomCore
import Testing
import SynTheory
@testable import Probing

/// A scratch folder under the system temporary directory, removed by the caller.
func scratchFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("probing-\(name)-\(getpid())-\(UUID().uuidString)")
}

@Suite(.serialized) struct ProbeSweepTests {
    /// Quick notes (108 rows, one instrument per note) through features and probes.
    @Test func quickNotesSweepWritesFeaturesResultsAndReusesFeatures() throws {
        let root = scratchFolder("sweep")
        defer { try? FileManager.default.removeItem(at: root) }
        let generator = try SynTheoryGenerator(options: SynTheoryOptions().with { $0.concept = .notes }.completed(for: .quick))
        try DatasetRun.generate(generator, options: RunOptions(folder: root.appendingPathComponent("notes"), seed: 0, scale: .quick,
                                                               jobs: 2, progress: .quiet))
        let options = ProbeOptions().with { $0.concepts = ["notes"]; $0.features = ["chroma", "aggregate"] }
        let sweep = try ProbeSweep(options: options, root: root, seed: 0, jobs: 2, progress: .quiet)
        let runs = try sweep.run()
        #expect(runs.count == 2 * ProbeGrid.quick.configs.count)
        let features = sweep.folder.appendingPathComponent("features/notes")
        let aggregate = try Npy.read(features.appendingPathComponent("aggregate.npy"))
        #expect(aggregate.shape == [108, 960])
        #expect(try Npy.read(features.appendingPathComponent("chroma.npy")).shape == [108, 72])
        let values = try aggregate.values(as: Float.self)
        #expect(values.allSatisfy { $0.isFinite })
        // Chroma rows are maxima-normalised per frame, so their time means lie in [0, 1].
        let chroma = try Npy.read(features.appendingPathComponent("chroma.npy")).values(as: Float.self)
        #expect(chroma[0..<12].allSatisfy { $0 >= 0 && $0 <= 1 })
        let index = try #require(CSVTable.parse(String(contentsOf: features.appendingPathComponent("rows.csv"), encoding: .utf8)))
        #expect(index.header == ["index", "row_id", "clip", "root_note_pitch_class"] && index.rows.count == 108)
        for name in ["results.md", "results.csv", "runs.csv", "probes.svg", "config.json"] {
            #expect(FileManager.default.fileExists(atPath: sweep.folder.appendingPathComponent(name).path), "\(name)")
        }
        // Pitch class from chroma is easy: far above chance (1/12) on the 17 test rows.
        let best = runs.filter { $0.representation == "chroma" }.max { $0.score.validation < $1.score.validation }!
        #expect(best.score.test > 0.5)
        // A rerun reuses the features and repeats every score exactly, whatever the thread count.
        let again = try ProbeSweep(options: options, root: root, seed: 0, jobs: 1, progress: .quiet).run()
        #expect(again.map(\.score.test) == runs.map(\.score.test))
        #expect(again.map(\.score.validation) == runs.map(\.score.validation))

        // Embeddings from elsewhere: our own chroma matrix and row index, as another model's would be.
        let copy = EmbeddingSource(name: "chroma-copy", matrix: features.appendingPathComponent("chroma.npy").path,
                                   index: features.appendingPathComponent("rows.csv").path)
        let external = try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["notes"]; $0.features = []; $0.embeddings = [copy] },
                                      root: root, seed: 0, jobs: 2, progress: .quiet).run()
        #expect(external.count == ProbeGrid.quick.configs.count && external.allSatisfy { $0.representation == "chroma-copy" })
        #expect(external.max { $0.score.validation < $1.score.validation }!.score.test > 0.5)
        // Layers of one model (here chroma and the aggregate as "layers" 0 and 1) get a per-layer curve and table.
        let layers = ["chroma", "aggregate"].enumerated().map { k, name in
            EmbeddingSource(name: "toy-model-layer\(k)", matrix: features.appendingPathComponent("\(name).npy").path,
                            index: features.appendingPathComponent("rows.csv").path)
        }
        let layered = try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["notes"]; $0.features = []; $0.embeddings = layers },
                                     root: root, seed: 0, jobs: 2, progress: .quiet)
        let layerRuns = try layered.run()
        let svg = try String(contentsOf: layered.folder.appendingPathComponent("layers.svg"), encoding: .utf8)
        #expect(svg.contains("toy-model: test score per layer") && svg.contains("<polyline"))
        let md = try String(contentsOf: layered.folder.appendingPathComponent("results.md"), encoding: .utf8)
        let layer1 = layerRuns.filter { $0.representation == "toy-model-layer1" }.max { $0.score.validation < $1.score.validation }!
        #expect(md.contains("## Per-layer test scores: toy-model") && md.contains(String(format: "%.3f |\n", layer1.score.test)))
        #expect(LayerGroup.groups(["a-layer2", "x", "a-layer10", "b_l1", "b-l0", "c-layer1"]) == [
            LayerGroup(model: "a", layers: [.init(number: 2, representation: "a-layer2"), .init(number: 10, representation: "a-layer10")]),
            LayerGroup(model: "b", layers: [.init(number: 0, representation: "b-l0"), .init(number: 1, representation: "b_l1")]),
        ])
        // An index that misses a row of the dataset is a usage error naming the row.
        let short = root.appendingPathComponent("short.csv")
        try Data(("row_id\n" + (0..<107).map(String.init).joined(separator: "\n") + "\n").utf8).write(to: short)
        let bad = EmbeddingSource(name: "short", matrix: features.appendingPathComponent("chroma.npy").path, index: short.path)
        #expect {
            try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["notes"]; $0.features = []; $0.embeddings = [bad] },
                           root: root, seed: 0, jobs: 1, progress: .quiet).run()
        } throws: { error in "\(error)".contains("the index has 107 rows, the matrix 108") }
    }

    @Test func badDatasetFoldersAreClearUsageErrors() throws {
        let root = scratchFolder("bad")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let sweep = try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["notes"] }, root: root, seed: 0, jobs: 1, progress: .quiet)
        #expect {
            try sweep.run()
        } throws: { error in
            "\(error)".contains("not a dataset folder") && (error as? LoomError)?.isUsageError == true
        }
        try Data("{\"generator\": \"syntheory\", \"config\": {\"concept\": \"notes\"}}".utf8)
            .write(to: root.appendingPathComponent("notes/dataset.json"))
        #expect {
            try sweep.run()
        } throws: { error in "\(error)".contains("unfinished") }
        #expect(throws: LoomError.self) {
            try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["keys"] }, root: root, seed: 0, jobs: 1, progress: .quiet)
        }
    }
}
