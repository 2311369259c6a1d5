import Foundation
import LoomCore
import Testing
@testable import SelfConsuming

/// Persistent external correctors: one `python3` process takes every batch over its stdin, with the
/// same fault handling as one process per batch.
@Suite(.enabled(if: pythonWithNumpy, "needs python3 with numpy")) struct PersistentCorrectorTests {
    /// Counts its starts in `starts`, then serves: (1 − s)·batch per request; `fault` runs before
    /// batch `faultAt` (counting from 1).
    static func server(starts: String, faultAt: Int = 0, fault: String = "pass") -> String {
        """
        import json, sys
        import numpy as np
        open("\(starts)", "a").write("start\\n")
        served = 0
        for line in sys.stdin:
            served += 1
            if served == \(faultAt):
                \(fault)
            req = json.load(open(line.strip()))
            x = np.load(req["input"])
            np.save(req["output"], (1.0 - req["strength"]) * x)
            print("served", served, file=sys.stderr)
            print("ok", flush=True)
        """
    }

    func corrector(_ script: String, in scratch: Scratch, timeout: Double = 30) throws -> ExternalCorrector<PointBatch> {
        try ExternalCorrector<PointBatch>(command: ["python3", try scratch.write(script, to: "server.py")],
                                          timeout: timeout, persistent: true)
    }

    func correct(_ corrector: ExternalCorrector<PointBatch>, generation: Int) throws -> PointBatch {
        var random = RandomStream(key: UInt64(generation))
        let context = CorrectionContext(experiment: "test", arm: "gamma-3", seed: 0, generation: generation)
        return try corrector.correct(PointBatch(values: (0..<20).map(Double.init), dimension: 2), gamma: 3,
                                     context: context, random: &random)
    }

    /// The failure message of the first batch that fails among the first `batches`.
    func failure(faultAt: Int, fault: String, timeout: Double = 30, batches: Int = 3) throws -> String {
        let scratch = Scratch("persistent")
        defer { scratch.remove() }
        let server = try corrector(Self.server(starts: scratch.url.appendingPathComponent("starts").path,
                                               faultAt: faultAt, fault: fault), in: scratch, timeout: timeout)
        for generation in 1...batches {
            if let reason = try correctorFailure({ _ = try correct(server, generation: generation) }) { return reason }
        }
        Issue.record("the corrector did not fail")
        return ""
    }

    @Test func oneProcessCorrectsEveryBatch() throws {
        let scratch = Scratch("persistent")
        defer { scratch.remove() }
        let starts = scratch.url.appendingPathComponent("starts").path
        let server = try corrector(Self.server(starts: starts), in: scratch)
        for generation in 1...4 {
            #expect(try correct(server, generation: generation).values == (0..<20).map { 0.25 * Double($0) })
        }
        #expect(try String(contentsOfFile: starts, encoding: .utf8) == "start\n")
    }

    @Test func aProgramThatDiesIsReportedWithItsStatusAndLastLine() throws {
        let reason = try failure(faultAt: 2, fault: "print('simulator diverged', file=sys.stderr); sys.exit(4)")
        #expect(reason.contains("exited with status 4"))
        #expect(reason.contains("simulator diverged"))
    }

    @Test func anErrorAnswerIsReported() throws {
        let reason = try failure(faultAt: 1, fault: "print('error mesh not found', flush=True); continue")
        #expect(reason.contains("answered error: mesh not found"))
    }

    @Test func aHangingBatchIsKilledAfterTheTimeout() throws {
        let reason = try failure(faultAt: 2, fault: "import time; time.sleep(120)", timeout: 2)
        #expect(reason.contains("did not finish within 2 s and was killed"))
    }

    @Test func aWrongShapeIsRejected() throws {
        let reason = try failure(faultAt: 1, fault: "req = json.load(open(line.strip())); np.save(req['output'], np.zeros((3, 2))); print('ok', flush=True); continue")
        #expect(reason.contains("returned shape [3, 2], expected [10, 2]"))
    }

    /// The loop engine's own checks (here: non-finite values) apply to persistent correctors too.
    @Test func nonFiniteOutputStopsTheLoop() throws {
        let scratch = Scratch("persistent-nan")
        defer { scratch.remove() }
        let starts = scratch.url.appendingPathComponent("starts").path
        let script = Self.server(starts: starts).replacingOccurrences(of: "(1.0 - req[\"strength\"]) * x", with: "x * np.nan")
        let message = try externalLoopFailure(scratch: scratch, path: try scratch.write(script, to: "nan.py"), persistent: true)
        #expect(message.contains("corrector 'nan.py' failed at generation 1"))
        #expect(message.contains("non-finite"))
    }
}
