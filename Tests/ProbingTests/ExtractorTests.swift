import Foundation
import LoomCore
import Testing
import TestSupport
import SynTheory
@testable import Probing

/// Extractor programs that `loom probe syntheory` runs itself (protocol `loom-extractor/1`), with real
/// `python3` + numpy children on a quick notes dataset (108 rows).
@Suite(.serialized, .enabled(if: TestSupport.runPython("import numpy").succeeded, "needs python3 with numpy"))
struct ExtractorTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pipelines/examples/spectrum_embeddings.py").path

    /// Per clip: peak, RMS and length in seconds of the audio loom hands over. Logs each batch it
    /// extracts; fails on its second batch while `fail` exists.
    static func loudness(log: URL, fail: URL) -> String {
        """
        import json, os, sys
        import numpy as np
        req = json.load(open(sys.argv[-1]))
        assert req["protocol"] == "loom-extractor/1" and req["dtype"] == "float32" and req["layers"] == ["embeddings"]
        open("\(log.path)", "a").write(f"{req['batch']}\\n")
        if req["batch"] == 1 and os.path.exists("\(fail.path)"):
            sys.exit("model weights missing")
        audio = np.load(req["input"])
        rows = [[np.abs(a[:n]).max(), np.sqrt(np.mean(a[:n] ** 2)), n / req["sample_rate"]] for a, n in zip(audio, req["lengths"])]
        np.save(req["outputs"]["embeddings"], np.array(rows))
        """
    }

    func notes(_ root: URL) throws {
        let generator = try SynTheoryGenerator(options: SynTheoryOptions().with { $0.concept = .notes }.completed(for: .quick))
        try DatasetRun.generate(generator, options: RunOptions(folder: root.appendingPathComponent("notes"), seed: 0, scale: .quick,
                                                               jobs: 2, progress: .quiet))
    }

    func sweep(_ root: URL, _ sources: [EmbeddingSource]) throws -> ProbeSweep {
        try ProbeSweep(options: ProbeOptions().with { $0.concepts = ["notes"]; $0.features = []; $0.embeddings = sources; $0.maxEpochs = 40 },
                       root: root, seed: 0, jobs: 2, progress: .quiet)
    }

    /// The numpy example's two layers, one process per batch and persistent, probed and scored.
    @Test func exampleExtractorLayersAreProbed() throws {
        let root = scratchFolder("extractor")
        defer { try? FileManager.default.removeItem(at: root) }
        try notes(root)
        let once = EmbeddingSource(name: "spectrum", command: ["python3", Self.example], layers: ["layer0", "layer1"], timeout: 60, batch: 40)
        let served = EmbeddingSource(name: "served", command: ["python3", Self.example, "--serve"], layers: ["layer0", "layer1"],
                                     timeout: 60, persistent: true)
        let probe = try sweep(root, [once, served])
        #expect(probe.representations == ["spectrum-layer0", "spectrum-layer1", "served-layer0", "served-layer1"])
        let runs = try probe.run()
        #expect(runs.count == 4 * ProbeGrid.quick.configs.count)
        let cache = probe.folder.appendingPathComponent("features/notes")
        let layer0 = try Npy.read(cache.appendingPathComponent("spectrum/layer0.npy"))
        let layer1 = try Npy.read(cache.appendingPathComponent("spectrum/layer1.npy"))
        #expect(layer0.shape == [108, 144] && layer1.shape == [108, 12])
        // Means of log10 semitone energies of peak-normalised audio, then their spreads (≥ 0); the
        // pitch-class fold is centred per clip.
        let values0 = try layer0.values(as: Float.self), values1 = try layer1.values(as: Float.self)
        #expect(values0[0..<72].allSatisfy { $0 > -11 && $0 < 6 } && values0[72..<144].allSatisfy { $0 >= 0 })
        #expect((0..<108).allSatisfy { abs(values1[(12 * $0)..<(12 * $0 + 12)].reduce(0, +)) < 1e-3 })
        // Batches of 40 in fresh processes or 32 through one server: the same vectors.
        #expect(try Npy.read(cache.appendingPathComponent("served/layer0.npy")).values(as: Float.self) == values0)
        let index = try #require(CSVTable.parse(String(contentsOf: cache.appendingPathComponent("spectrum/rows.csv"), encoding: .utf8)))
        #expect(index.header == ["row_id"] && index.rows.count == 108)
        // Pitch class: hard from 72 raw semitone bands on 76 training rows, easy once folded.
        func best(_ layer: String) -> Double {
            runs.filter { $0.representation == layer }.max { $0.score.validation < $1.score.validation }!.score.test
        }
        #expect((0...1).contains(best("spectrum-layer0")) && best("spectrum-layer1") > 0.5)
        let md = try String(contentsOf: probe.folder.appendingPathComponent("results.md"), encoding: .utf8)
        #expect(md.contains("## Per-layer test scores: spectrum") && md.contains("## Per-layer test scores: served"))
    }

    /// A failed batch stops the run naming the extractor, concept and batch; finished batches are
    /// kept, a rerun extracts only the rest, and the next rerun nothing.
    @Test func failuresAreNamedAndFinishedBatchesKept() throws {
        let root = scratchFolder("extractor-bad")
        defer { try? FileManager.default.removeItem(at: root) }
        try notes(root)
        let log = root.appendingPathComponent("batches.log"), fail = root.appendingPathComponent("fail")
        try Data().write(to: fail)
        let script = root.appendingPathComponent("loudness.py")
        try Data(Self.loudness(log: log, fail: fail).utf8).write(to: script)
        let source = EmbeddingSource(name: "loudness", command: ["python3", script.path], timeout: 30, batch: 40)
        func failure(_ source: EmbeddingSource) -> LoomError? {
            do {
                try sweep(root, [source]).run()
            } catch let error as LoomError {
                return error
            } catch {}
            return nil
        }
        let stopped = try #require(failure(source))
        #expect(!stopped.isUsageError)
        #expect(stopped.description.hasPrefix("extractor 'loudness' failed on notes, batch 2 of 3 (rows 40-79): exited with status 1 (last output: model weights missing); 1 finished batch kept in "))
        try FileManager.default.removeItem(at: fail)
        let probe = try sweep(root, [source])
        try probe.run()
        #expect(try String(contentsOf: log, encoding: .utf8) == "0\n1\n1\n2\n")
        let loudness = try Npy.read(probe.folder.appendingPathComponent("features/notes/loudness/embeddings.npy"))
        #expect(loudness.shape == [108, 3])
        let values = try loudness.values(as: Float.self)
        // Peak-normalised 4-second clips at 22,050 Hz.
        #expect((0..<108).allSatisfy { values[3 * $0] == 1 && values[3 * $0 + 1] > 0 && abs(values[3 * $0 + 2] - 4) < 0.01 })
        try probe.run()
        #expect(try String(contentsOf: log, encoding: .utf8) == "0\n1\n1\n2\n")

        func program(_ name: String, _ text: String) throws -> [String] {
            let url = root.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return ["python3", url.path]
        }
        let hang = EmbeddingSource(name: "hang", command: try program("hang.py", "import time\ntime.sleep(60)\n"), timeout: 1)
        #expect(failure(hang)?.description.contains("extractor 'hang' failed on notes, batch 1 of 4 (rows 0-31): did not finish within 1 s and was killed") == true)
        let short = EmbeddingSource(name: "short", command: try program("short.py", """
            import json, sys
            import numpy as np
            req = json.load(open(sys.argv[-1]))
            np.save(req["outputs"]["embeddings"], np.zeros((len(req["lengths"]) - 1, 4)))
            """))
        #expect(failure(short)?.description.hasSuffix("batch 1 of 4 (rows 0-31): returned shape [31, 4] for layer 'embeddings', expected [32, dimensions]") == true)
        let nan = EmbeddingSource(name: "nan", command: try program("nan.py", """
            import json, sys
            import numpy as np
            req = json.load(open(sys.argv[-1]))
            x = np.ones((len(req["lengths"]), 2), dtype=np.float32); x[5, 1] = np.nan
            np.save(req["outputs"]["embeddings"], x)
            """))
        #expect(failure(nan)?.description.hasSuffix("returned a non-finite value (nan) for layer 'embeddings' in clip 5") == true)
        let missing = EmbeddingSource(name: "missing", command: ["loom-no-such-extractor"])
        #expect(failure(missing)?.isUsageError == true)
    }
}
