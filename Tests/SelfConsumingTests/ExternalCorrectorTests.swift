import Foundation
import LoomCore
import Testing
import TestSupport
@testable import SelfConsuming

/// The external-corrector protocol with real `python3` + numpy child processes.
@Suite(.enabled(if: pythonWithNumpy, "needs python3 with numpy")) struct ExternalCorrectorTests {
    /// Reads the request, checks its header (and that SIGTERM can reach it), writes (1 − s)·batch.
    static let shrink = """
        import json, signal, sys
        import numpy as np
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, []), "SIGTERM is blocked"
        req = json.load(open(sys.argv[-1]))
        assert req["protocol"] == "loom-corrector/1", req
        x = np.load(req["input"])
        assert list(x.shape) == req["shape"] and x.dtype == np.float64
        np.save(req["output"], (1.0 - req["strength"]) * x)
        print("corrected generation", req["generation"], "arm", req["arm"])
        """

    func run(_ script: String, in scratch: Scratch, timeout: Double = 30, batch: PointBatch? = nil,
             gamma: Double = 1) throws -> PointBatch {
        let path = try scratch.write(script, to: "corrector.py")
        let corrector = try ExternalCorrector<PointBatch>(command: ["python3", path], timeout: timeout)
        var random = RandomStream(key: 1)
        let input = batch ?? PointBatch(values: (0..<20).map(Double.init), dimension: 2)
        return try corrector.correct(input, gamma: gamma, context: someContext, random: &random)
    }

    func failure(of script: String, timeout: Double = 30) throws -> String {
        let scratch = Scratch("external")
        defer { scratch.remove() }
        let reason = try correctorFailure { _ = try run(script, in: scratch, timeout: timeout) }
        if reason == nil { Issue.record("the corrector did not fail") }
        return reason ?? ""
    }

    @Test func goodProgramCorrectsTheBatch() throws {
        let scratch = Scratch("external")
        defer { scratch.remove() }
        let out = try run(Self.shrink, in: scratch, gamma: 3)  // s = 0.75
        #expect(out.values == (0..<20).map { 0.25 * Double($0) })
    }

    @Test func float32OutputIsAccepted() throws {
        let scratch = Scratch("external")
        defer { scratch.remove() }
        let script = Self.shrink.replacingOccurrences(of: "(1.0 - req[\"strength\"]) * x", with: "x.astype(np.float32)")
        let out = try run(script, in: scratch)
        #expect(out.values == (0..<20).map(Double.init))
    }

    @Test func nonZeroExitIsReportedWithTheProgramsLastLine() throws {
        let reason = try failure(of: "import sys\nprint('simulator diverged', file=sys.stderr)\nsys.exit(3)\n")
        #expect(reason.contains("exited with status 3"))
        #expect(reason.contains("simulator diverged"))
    }

    @Test func hangingProgramIsKilledAfterTheTimeout() throws {
        // It ignores SIGTERM, so loom must follow with SIGKILL; afterwards the process is gone.
        let scratch = Scratch("external")
        defer { scratch.remove() }
        let pidFile = scratch.url.appendingPathComponent("pid").path
        let script = "import os, signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            + "open('\(pidFile)', 'w').write(str(os.getpid()))\ntime.sleep(120)\n"
        var reason = ""
        do {
            _ = try run(script, in: scratch, timeout: 1)
        } catch let error as ExternalProgramFailure {
            reason = error.description
        }
        #expect(reason.contains("did not finish within 1 s"))
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test func wrongShapeIsRejected() throws {
        let reason = try failure(of: Self.shrink.replacingOccurrences(of: "(1.0 - req[\"strength\"]) * x", with: "x[:-1]"))
        #expect(reason.contains("returned shape [9, 2], expected [10, 2]"))
    }

    @Test func missingOutputAndWrongDtypeAreRejected() throws {
        #expect(try failure(of: "pass\n").contains("wrote no corrected.npy"))
        let ints = Self.shrink.replacingOccurrences(of: "(1.0 - req[\"strength\"]) * x", with: "x.astype(np.int64)")
        #expect(try failure(of: ints).contains("dtype <i8"))
    }

    @Test func missingProgramIsAUsageError() {
        #expect(throws: LoomError.self) {
            try ExternalCorrector<PointBatch>(command: ["loom-no-such-corrector-program"], timeout: 5)
        }
        #expect(throws: LoomError.self) {
            try ExternalCorrector<PointBatch>(command: ["/nonexistent/sim"], timeout: 5)
        }
        let named = try? ExternalCorrector<PointBatch>(command: ["python3", "sims/walker.py", "--fast"], timeout: 5)
        #expect(named?.name == "walker.py")
    }

    /// A corrector that fails at generation 3 stops the loop with a message naming it and the
    /// generation, keeps generations 0–2, and a rerun resumes to the same result as a clean run.
    @Test func failureKeepsFinishedGenerationsAndARerunResumes() throws {
        let scratch = Scratch("external-loop")
        defer { scratch.remove() }
        let marker = scratch.url.appendingPathComponent("healthy").path
        let script = """
            import json, os, sys
            import numpy as np
            req = json.load(open(sys.argv[-1]))
            if req["generation"] == 3 and not os.path.exists("\(marker)"):
                sys.exit("lost contact with the simulator")
            rng = np.random.default_rng(req["random_seed"])
            x = np.load(req["input"])
            np.save(req["output"], (1 - req["strength"]) * x + req["strength"] * rng.standard_normal(x.shape))
            """
        let path = try scratch.write(script, to: "flaky.py")
        var options = smallToy(generations: 6, seeds: 1, gammas: [1])
        options.corrector = .external
        options.command = ["python3", path]
        let folder = scratch.url.appendingPathComponent("toy")
        let runner = LoopRunner(folder: folder, jobs: 2, progress: .quiet)
        var message = ""
        do {
            _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: runner)
        } catch let error as SelfConsumingError {
            message = error.description
        }
        #expect(message.contains("corrector 'flaky.py' failed at generation 3"))
        #expect(message.contains("lost contact with the simulator"))
        let kept = scratch.text("toy/runs/gamma-1/seed-0.jsonl") ?? ""
        #expect(kept.split(separator: "\n").count == 3)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("metrics.csv").path) == false)

        #expect(FileManager.default.createFile(atPath: marker, contents: nil))
        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: runner)
        let clean = LoopRunner(folder: scratch.url.appendingPathComponent("clean"), jobs: 1, progress: .quiet)
        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: clean)
        #expect(scratch.text("toy/metrics.csv") == scratch.text("clean/metrics.csv"))
        #expect(scratch.text("toy/runs/gamma-1/seed-0.jsonl") == scratch.text("clean/runs/gamma-1/seed-0.jsonl"))
        #expect(scratch.text("toy/runs/gamma-1/seed-0.jsonl")?.split(separator: "\n").count == 7)
    }

    @Test func nonFiniteOutputStopsTheLoop() throws {
        let scratch = Scratch("external-nan")
        defer { scratch.remove() }
        let path = try scratch.write(Self.shrink.replacingOccurrences(of: "(1.0 - req[\"strength\"]) * x", with: "x * np.inf"), to: "inf.py")
        let message = try externalLoopFailure(scratch: scratch, path: path)
        #expect(message.contains("corrector 'inf.py' failed at generation 1"))
        #expect(message.contains("returned a non-finite value (-inf) in sample 0"))
    }

    /// numpy reads the growing sample logs as ordinary arrays of shape (generations, m, d).
    @Test func numpyReadsTheSampleLogs() throws {
        let scratch = Scratch("npy")
        defer { scratch.remove() }
        var options = smallToy(generations: 5, seeds: 1, gammas: [2])
        options.saveSamples = true
        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick,
                                runner: LoopRunner(folder: scratch.url, jobs: 1, progress: .quiet))
        let base = scratch.url.appendingPathComponent("runs/gamma-2/seed-0").path
        let check = TestSupport.runPython("""
            import numpy as np
            a = np.load('\(base).corrected.npy'); b = np.load('\(base).samples.npy')
            assert a.shape == (5, 25, 2) and b.shape == (5, 25, 2), (a.shape, b.shape)
            assert np.isfinite(a).all() and not np.array_equal(a, b)
            """)
        #expect(check.status == 0, "\(check.stderr)")
    }
}
