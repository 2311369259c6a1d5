import Foundation
import LoomCore
import Synchronization

/// One run of a loop: an arm under one seed, generation 0 plus `generations` self-consuming ones.
public struct LoopRun<Batch: SampleBatch>: Sendable {
    /// The stream namespace, e.g. `loop/gaussian-toy`; with the arm's label and the seed it
    /// selects every random stream of the run.
    public let experiment: String
    public let arm: LoopArm
    public let seed: UInt64
    public let generations: Int
    /// The n real samples.
    public let real: Batch
    /// Used when the arm has a γ.
    public let corrector: any Corrector<Batch>
    /// The run's files without extension, e.g. `<folder>/runs/gamma-1/seed-0`.
    public let base: URL
    /// Whether to keep every generation's drawn and corrected batches as `.npy`.
    public let saveSamples: Bool

    public init(experiment: String, arm: LoopArm, seed: UInt64, generations: Int, real: Batch,
                corrector: any Corrector<Batch>, base: URL, saveSamples: Bool) {
        self.experiment = experiment
        self.arm = arm
        self.seed = seed
        self.generations = generations
        self.real = real
        self.corrector = corrector
        self.base = base
        self.saveSamples = saveSamples
    }

    /// "arm gamma-1, seed 3", for messages.
    public var title: String { "arm \(arm.label), seed \(seed)" }
}

/// The figures of a finished run, generation by generation.
public struct RunSeries: Sendable {
    public let arm: LoopArm
    public let seed: UInt64
    /// `values[t][k]` is metric k of generation t.
    public let values: [[Double]]
}

/// Set once to ask every run to stop after its current generation.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func raise() { flag.store(true, ordering: .relaxed) }
    public var isRaised: Bool { flag.load(ordering: .relaxed) }
}

/// Thrown by a run that stopped because another run failed.
struct LoopStopped: Error {}

/// Runs the self-consuming loop (Gillman et al. 2024, Algorithm 1) for one run:
/// generation 0 fits the real data; each generation t ≥ 1 draws ⌊λ·n⌋ samples from model t−1,
/// corrects them, mixes them with the real data (and older batches, per the arm's accumulation)
/// and fits model t.
public enum LoopEngine {
    /// Runs (or resumes) `run`, writing a line per generation; returns every generation's metrics.
    public static func run<T: LoopTrainer>(_ run: LoopRun<T.Model.Batch>, trainer: T, stop: StopSignal? = nil,
                                           progress: ProgressReporter? = nil) throws -> RunSeries {
        let arm = run.arm
        let m = arm.syntheticCount(real: run.real.count)
        let synthetic = m > 0
        let pooled = synthetic && arm.accumulation != .latest
        let log = try RunLog(base: run.base, batchShape: [m] + run.real.sampleShape, pooled: pooled, saveSamples: run.saveSamples)
        let records = try log.recover(generations: run.generations)
        var series = try records.map { try metrics(of: $0, names: trainer.metricNames, run: run) }
        if series.count == run.generations + 1 {
            progress?.advance(by: series.count)
            return RunSeries(arm: arm, seed: run.seed, values: series)
        }
        var model: T.Model
        var pool: [T.Model.Batch] = []
        if let last = records.last {
            guard let state = last["model"] else { throw unresumable(run, "its last line has no model state") }
            model = try trainer.restore(state)
            if pooled, let stored = log.corrected {
                let flat = try stored.read(items: records.count - 1)
                let size = m * run.real.sampleSize
                pool = stride(from: 0, to: flat.count, by: size).map {
                    T.Model.Batch(values: Array(flat[$0..<$0 + size]), sampleShape: run.real.sampleShape)
                }
            }
        } else {
            var random = StreamFamily(seed: run.seed, dataset: run.experiment + "/generation-0").stream(0).substream("train")
            model = try trainer.train(on: TrainingSet(real: run.real), previous: nil, random: &random)
            let values = trainer.evaluate(model)
            let record = self.record(run, generation: 0, synthetic: 0, training: run.real.count, names: trainer.metricNames,
                                     values: values, model: model)
            try log.append(record, samples: nil, corrected: nil)
            series.append(values)
        }
        progress?.advance(by: min(series.count, run.generations + 1))
        let family = StreamFamily(seed: run.seed, dataset: run.experiment + "/" + arm.label)
        do {
            for t in series.count..<(run.generations + 1) {
                if stop?.isRaised == true { throw LoopStopped() }
                let streams = family.stream(t)
                var data = TrainingSet(real: run.real)
                var drawn: T.Model.Batch?, corrected: T.Model.Batch?
                if synthetic {
                    var sampling = streams.substream("sample")
                    let batch = model.sample(count: m, random: &sampling)
                    var correcting = streams.substream("correct")
                    let fixed = try correct(batch, run: run, generation: t, random: &correcting)
                    if pooled {
                        pool.append(fixed)
                        let counts = (0..<pool.count).map { arm.accumulation.take(batch: $0, of: pool.count, size: m) }
                        data = TrainingSet(real: arm.keepReal ? run.real : nil, synthetic: pool, counts: counts)
                    } else {
                        data = TrainingSet(real: arm.keepReal ? run.real : nil, synthetic: [fixed], counts: [m])
                    }
                    drawn = batch
                    corrected = fixed
                }
                var training = streams.substream("train")
                model = try trainer.train(on: data, previous: model, random: &training)
                let values = trainer.evaluate(model)
                try log.append(record(run, generation: t, synthetic: synthetic ? m : 0, training: data.count,
                                      names: trainer.metricNames, values: values, model: model),
                               samples: drawn?.values, corrected: corrected?.values)
                series.append(values)
                progress?.advance()
            }
        } catch {
            try? log.flush()
            throw error
        }
        try log.finish()
        return RunSeries(arm: arm, seed: run.seed, values: series)
    }

    /// Corrects a batch (or leaves it, for an arm without γ) and checks what came back.
    static func correct<B: SampleBatch>(_ batch: B, run: LoopRun<B>, generation t: Int, random: inout RandomStream) throws -> B {
        guard let gamma = run.arm.gamma else { return batch }
        func failure(_ reason: String) -> SelfConsumingError {
            .correctorFailed(corrector: run.corrector.name, generation: t, run: run.title, reason: reason)
        }
        let context = CorrectionContext(experiment: run.experiment, arm: run.arm.label, seed: run.seed, generation: t)
        let fixed: B
        do {
            fixed = try run.corrector.correct(batch, gamma: gamma, context: context, random: &random)
        } catch {
            if SystemError.isOutOfSpace(error) { throw AtomicFile.writeError(error, path: "the corrector's scratch folder") }
            throw failure(SystemError.reason(error))
        }
        guard fixed.sampleShape == batch.sampleShape, fixed.count == batch.count else {
            throw failure("returned \(fixed.count) samples of shape \(fixed.sampleShape), expected \(batch.count) of shape \(batch.sampleShape)")
        }
        if let bad = fixed.values.firstIndex(where: { !$0.isFinite }) {
            throw failure("returned a non-finite value (\(fixed.values[bad])) in sample \(bad / max(batch.sampleSize, 1))")
        }
        return fixed
    }

    /// The line written for a finished generation.
    static func record<M: LoopModel>(_ run: LoopRun<M.Batch>, generation: Int, synthetic: Int, training: Int,
                                     names: [String], values: [Double], model: M) -> JSONValue {
        .object([
            ("generation", .int(generation)),
            ("arm", .string(run.arm.label)),
            ("gamma", run.arm.gamma.map { .double($0) } ?? .null),
            ("seed", .int(Int(truncatingIfNeeded: run.seed))),
            ("synthetic", .int(synthetic)),
            ("training_size", .int(training)),
            ("metrics", .object(zip(names, values).map { ($0, .double($1)) })),
            ("model", model.state),
        ])
    }

    /// The metric values of a line an earlier run wrote.
    static func metrics<B>(of record: JSONValue, names: [String], run: LoopRun<B>) throws -> [Double] {
        try names.map { name in
            switch record["metrics"]?[name] {
            case .double(let x)?: return x
            case .int(let x)?: return Double(x)
            case .null?: return .nan
            default: throw unresumable(run, "a line lacks the metric '\(name)'")
            }
        }
    }

    static func unresumable<B>(_ run: LoopRun<B>, _ why: String) -> SelfConsumingError {
        .runtime("cannot resume \(run.base.path).jsonl: \(why); remove the loop folder to start over")
    }
}
