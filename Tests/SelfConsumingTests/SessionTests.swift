import Foundation
import LoomCore
import Synchronization
import Testing
@testable import SelfConsuming

/// A corrector's per-run session: made once per run on the run's thread and handed to each correction.
@Suite struct SessionTests {
    final class Counter: CorrectorSession {
        var corrections = 0
    }

    /// Shrinks every point toward 0 by s; counts sessions made and the corrections each saw.
    final class Log: Sendable {
        let made = Mutex(0)
        let seen = Mutex([Int]())
    }

    struct CountingCorrector: Corrector {
        let log = Log()
        var name: String { "counting" }

        func makeSession() throws -> (any CorrectorSession)? {
            log.made.withLock { $0 += 1 }
            return Counter()
        }

        func correct(_ batch: PointBatch, gamma: Double, context: CorrectionContext, random: inout RandomStream) -> PointBatch {
            Issue.record("the engine must call the session variant")
            return batch
        }

        func correct(_ batch: PointBatch, gamma: Double, context: CorrectionContext, session: (any CorrectorSession)?,
                     random: inout RandomStream) throws -> PointBatch {
            let counter = try #require(session as? Counter)
            counter.corrections += 1
            log.seen.withLock { $0.append(counter.corrections) }
            let s = correctionFraction(gamma: gamma)
            return PointBatch(values: batch.values.map { $0 * (1 - s) }, dimension: batch.dimension)
        }
    }

    @Test func oneSessionPerRunServesEveryGeneration() throws {
        let scratch = Scratch("session")
        defer { scratch.remove() }
        let corrector = CountingCorrector()
        var random = RandomStream(seed: 1, dataset: "t", index: 0)
        let real = GaussianModel.standard(dimension: 2).sample(count: 20, random: &random)
        let runs = [LoopArm.uncorrected(lambda: 0.5, accumulation: .latest), .corrected(gamma: 1, lambda: 0.5, accumulation: .latest)].map {
            LoopRun(experiment: "test/session", arm: $0, seed: 3, generations: 4, real: real, corrector: corrector,
                    base: scratch.url.appendingPathComponent($0.label), saveSamples: false)
        }
        _ = try LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet)
            .run(runs, trainer: GaussianFitter(estimator: .mle, regularization: 1e-6, target: .standard(dimension: 2)), label: "t")
        #expect(corrector.log.made.withLock { $0 } == 1, "only the corrected arm makes a session")
        #expect(corrector.log.seen.withLock { $0 } == [1, 2, 3, 4])
    }
}
