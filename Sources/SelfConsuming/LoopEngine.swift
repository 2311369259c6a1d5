import Foundation
import LoomCore
import Synchronization

/// One run of a loop: an arm under one seed, generation 0 plus `generations` self-consuming ones.
public struct LoopRun<Batch: SampleBatch>: Sendable {
    /// The stream namespace, e.g. `loop/gaussian-toy`; with the arm's label and the seed it
    /// selects every random stream of the run.
    public let experiment: String
    /// The arm this run follows.
    public let arm: LoopArm
    /// The run's seed.
    public let seed: UInt64
    /// T, the self-consuming generations after generation 0.
    public let generations: Int
    /// The n real samples.
    public let real: Batch
    /// Used when the arm has a γ.
    public let corrector: any Corrector<Batch>
    /// The run's files without extension, e.g. `<folder>/runs/gamma-1/seed-0`.
    public let base: URL
    /// Whether to keep every generation's drawn and corrected batches as `.npy`.
    public let saveSamples: Bool

    /// Stores the fields as given.
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
    /// The arm of the run.
    public let arm: LoopArm
    /// The seed of the run.
    public let seed: UInt64
    /// `values[t][k]` is metric k of generation t.
    public let values: [[Double]]
}

/// Set once to ask every run to stop after its current generation.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    /// A signal not yet raised.
    public init() {}
    /// Asks every run to stop after its current generation.
    public func raise() { flag.store(true, ordering: .relaxed) }
    /// Whether `raise()` has been called.
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
            model = try trainer.restore(state, checkpoint: try readCheckpoint(of: last, run: run))
            if pooled, let stored = log.corrected {
                let flat = try stored.read(items: records.count - 1)
                let size = m * run.real.sampleSize
                pool = stride(from: 0, to: flat.count, by: size).map {
                    T.Model.Batch(values: Array(flat[$0..<$0 + size]), sampleShape: run.real.sampleShape)
                }
            }
        } else {
            let streams = StreamFamily(seed: run.seed, dataset: run.experiment + "/generation-0").stream(0)
            var random = streams.substream("train")
            var evaluating = streams.substream("evaluate")
            let (trained, values) = try fit(trainer, on: TrainingSet(real: run.real), previous: nil, run: run, generation: 0,
                                            training: &random, evaluating: &evaluating)
            model = trained
            let record = self.record(run, generation: 0, synthetic: 0, training: run.real.count, names: trainer.metricNames,
                                     values: values, model: model, checkpoint: try writeCheckpoint(model, run: run, generation: 0))
            try log.append(record, samples: nil, corrected: nil)
            series.append(values)
        }
        progress?.advance(by: min(series.count, run.generations + 1))
        let family = StreamFamily(seed: run.seed, dataset: run.experiment + "/" + arm.label)
        var session: (any CorrectorSession)??
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
                    if session == nil, arm.gamma != nil { session = .some(try run.corrector.makeSession()) }
                    let fixed = try correct(batch, run: run, generation: t, session: session ?? nil, random: &correcting)
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
                var evaluating = streams.substream("evaluate")
                let (trained, values) = try fit(trainer, on: data, previous: model, run: run, generation: t,
                                                training: &training, evaluating: &evaluating)
                model = trained
                try log.append(record(run, generation: t, synthetic: synthetic ? m : 0, training: data.count,
                                      names: trainer.metricNames, values: values, model: model,
                                      checkpoint: try writeCheckpoint(model, run: run, generation: t)),
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

    /// Trains and evaluates generation t's model; a run-time failure names the generation and the run.
    static func fit<T: LoopTrainer>(_ trainer: T, on data: TrainingSet<T.Model.Batch>, previous: T.Model?, run: LoopRun<T.Model.Batch>,
                                    generation t: Int, training: inout RandomStream,
                                    evaluating: inout RandomStream) throws -> (T.Model, [Double]) {
        do {
            let model = try trainer.train(on: data, previous: previous, random: &training)
            return (model, try trainer.evaluate(model, real: run.real, random: &evaluating))
        } catch let error as any UserFacingError where !error.isUsageError && !(error is SelfConsumingError) {
            throw SelfConsumingError.modelFailed(generation: t, run: run.title, reason: error.description)
        }
    }

    /// Corrects a batch (or leaves it, for an arm without γ) and checks what came back.
    static func correct<B: SampleBatch>(_ batch: B, run: LoopRun<B>, generation t: Int, session: (any CorrectorSession)? = nil,
                                        random: inout RandomStream) throws -> B {
        guard let gamma = run.arm.gamma else { return batch }
        func failure(_ reason: String) -> SelfConsumingError {
            .correctorFailed(corrector: run.corrector.name, generation: t, run: run.title, reason: reason)
        }
        let context = CorrectionContext(experiment: run.experiment, arm: run.arm.label, seed: run.seed, generation: t)
        let fixed: B
        do {
            fixed = try run.corrector.correct(batch, gamma: gamma, context: context, session: session, random: &random)
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
        return batch.replacingValues(fixed.values)
    }

    /// The file of generation t's checkpoint: `<base>.generation-<t>.<extension>`.
    static func checkpointURL<M: LoopModel>(_ model: M, run: LoopRun<M.Batch>, generation t: Int) -> URL {
        run.base.appendingPathExtension("generation-\(t).\(model.checkpointExtension)")
    }

    /// Writes the model's checkpoint (if it has one) before its generation's line; returns the
    /// line's `checkpoint` entry: the file's name (next to the run log) and sha256.
    static func writeCheckpoint<M: LoopModel>(_ model: M, run: LoopRun<M.Batch>, generation t: Int) throws -> JSONValue? {
        guard let data = try model.checkpoint() else { return nil }
        let url = checkpointURL(model, run: run, generation: t)
        try AtomicFile.write(data, to: url)
        return .object([("path", .string(url.lastPathComponent)), ("sha256", .string(try SHA256.hex(of: data))), ("bytes", .int(data.count))])
    }

    /// The checkpoint bytes a line names, checked against its sha256 (nil when the line has none).
    static func readCheckpoint<B>(of record: JSONValue, run: LoopRun<B>) throws -> Data? {
        guard let entry = record["checkpoint"], case .string(let name)? = entry["path"], case .string(let sha)? = entry["sha256"] else { return nil }
        let url = run.base.deletingLastPathComponent().appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else { throw unresumable(run, "its checkpoint \(url.path) is missing") }
        guard try SHA256.hex(of: data) == sha else { throw unresumable(run, "its checkpoint \(url.path) does not match the sha256 in the log") }
        return data
    }

    /// The line written for a finished generation.
    static func record<M: LoopModel>(_ run: LoopRun<M.Batch>, generation: Int, synthetic: Int, training: Int,
                                     names: [String], values: [Double], model: M, checkpoint: JSONValue? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("generation", .int(generation)),
            ("arm", .string(run.arm.label)),
            ("gamma", run.arm.gamma.map { .double($0) } ?? .null),
            ("seed", .int(Int(truncatingIfNeeded: run.seed))),
            ("synthetic", .int(synthetic)),
            ("training_size", .int(training)),
            ("metrics", .object(zip(names, values).map { ($0, .double($1)) })),
            ("model", model.state),
        ]
        if let checkpoint { fields.append(("checkpoint", checkpoint)) }
        return .object(fields)
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

    static func unresumable<B>(_ run: LoopRun<B>, _ why: String) -> LoomError {
        .runtime("cannot resume \(run.base.path).jsonl: \(why); remove the loop folder to start over")
    }
}
