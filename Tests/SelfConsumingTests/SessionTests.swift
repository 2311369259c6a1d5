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

/// A trainer failure at run time (e.g. NaN) names the generation and keeps the finished ones.
@Suite struct ModelFailureTests {
    struct Diverged: UserFacingError {
        var isUsageError: Bool { false }
        var description: String { "NaN in layers.0.weight at step 3" }
    }

    final class Calls: Sendable {
        let count = Mutex(0)
    }

    /// The Gaussian fitter, failing on its `failAt`-th training (generation failAt − 1).
    struct FailingTrainer: LoopTrainer {
        let inner = GaussianFitter(estimator: .mle, regularization: 1e-6, target: .standard(dimension: 2))
        let failAt: Int
        let calls = Calls()
        var metricNames: [String] { inner.metricNames }

        func train(on data: TrainingSet<PointBatch>, previous: GaussianModel?, random: inout RandomStream) throws -> GaussianModel {
            let call = calls.count.withLock { $0 += 1; return $0 }
            if call == failAt { throw Diverged() }
            return try inner.train(on: data, previous: previous, random: &random)
        }

        func restore(_ state: JSONValue) throws -> GaussianModel { try inner.restore(state) }

        func evaluate(_ model: GaussianModel, real: PointBatch, random: inout RandomStream) throws -> [Double] {
            inner.evaluate(model)
        }
    }

    @Test func failureNamesTheGenerationAndKeepsTheFinishedOnes() throws {
        let scratch = Scratch("model-failure")
        defer { scratch.remove() }
        var random = RandomStream(seed: 1, dataset: "t", index: 0)
        let real = GaussianModel.standard(dimension: 2).sample(count: 20, random: &random)
        let run = LoopRun(experiment: "test/failure", arm: .uncorrected(lambda: 0.5, accumulation: .latest), seed: 3, generations: 5,
                          real: real, corrector: IdentityCorrector<PointBatch>(), base: scratch.url.appendingPathComponent("run"),
                          saveSamples: false)
        #expect {
            _ = try LoopEngine.run(run, trainer: FailingTrainer(failAt: 3))
        } throws: { error in
            "\(error)".hasPrefix("the model failed at generation 2 (arm uncorrected, seed 3): NaN in layers.0.weight")
        }
        let lines = scratch.text("run.jsonl")?.split(separator: "\n") ?? []
        #expect(lines.count == 2, "generations 0 and 1 are kept")
        let resumed = try LoopEngine.run(run, trainer: FailingTrainer(failAt: 0))
        #expect(resumed.values.count == 6, "a rerun resumes from generation 2")
    }
}
