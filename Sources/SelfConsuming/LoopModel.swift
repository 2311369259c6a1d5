import Foundation
import LoomCore

/// A generative model in a self-consuming loop: it draws samples and saves its state for resume.
///
/// A small model keeps its parameters in `state` (JSON, in the run log's line); a large one returns
/// its weights from `checkpoint()`, which the engine writes as one file per generation, keeping
/// only the file's path and sha256 in the line.
public protocol LoopModel<Batch>: Sendable {
    associatedtype Batch: SampleBatch
    /// Draws `count` samples from the model.
    func sample(count: Int, random: inout RandomStream) -> Batch
    /// The model's parameters (or, with a checkpoint, its small settings) as JSON; written with every generation.
    var state: JSONValue { get }
    /// The bytes of the generation's checkpoint file, or nil when `state` holds everything (default).
    func checkpoint() throws -> Data?
    /// The checkpoint file's extension (default `ckpt`).
    var checkpointExtension: String { get }
}

extension LoopModel {
    /// No checkpoint: `state` holds everything.
    public func checkpoint() throws -> Data? { nil }
    /// `ckpt`.
    public var checkpointExtension: String { "ckpt" }
}

/// The data one generation trains on: the real samples (unless the loop drops them) and, from
/// each stored synthetic batch i, its first `counts[i]` samples.
public struct TrainingSet<Batch: SampleBatch>: Sendable {
    /// The real samples, or nil when the loop drops them.
    public let real: Batch?
    /// The stored synthetic batches, oldest first.
    public let synthetic: [Batch]
    /// How many samples of each synthetic batch are used (0 skips a batch).
    public let counts: [Int]

    /// Stores the batches; one count per synthetic batch (checked).
    public init(real: Batch?, synthetic: [Batch] = [], counts: [Int] = []) {
        precondition(synthetic.count == counts.count, "one count per synthetic batch")
        self.real = real
        self.synthetic = synthetic
        self.counts = counts
    }

    /// Number of training samples.
    public var count: Int { (real?.count ?? 0) + counts.reduce(0, +) }

    /// Calls `body` with each used part, (batch, samples used), real data first.
    public func forEachPart(_ body: (Batch, Int) throws -> Void) rethrows {
        if let real { try body(real, real.count) }
        for (batch, count) in zip(synthetic, counts) where count > 0 { try body(batch, count) }
    }
}

/// How a loop fits its models and measures them.
public protocol LoopTrainer: Sendable {
    associatedtype Model: LoopModel
    /// Fits the next model on `data`. `previous` is nil at generation 0; trainers that fine-tune start from it.
    func train(on data: TrainingSet<Model.Batch>, previous: Model?, random: inout RandomStream) throws -> Model
    /// Rebuilds a model from the `state` an earlier run wrote.
    func restore(_ state: JSONValue) throws -> Model
    /// Rebuilds a model from its `state` and the checkpoint bytes its `checkpoint()` gave (default: `restore(state)`).
    func restore(_ state: JSONValue, checkpoint: Data?) throws -> Model
    /// The names of the figures `evaluate` returns, in order.
    var metricNames: [String] { get }
    /// Figures of a model (e.g. its distance to the target), written for every generation. `real`
    /// is the run's real data; `random` is the generation's own evaluation stream.
    func evaluate(_ model: Model, real: Model.Batch, random: inout RandomStream) throws -> [Double]
}

extension LoopTrainer {
    /// Ignores the checkpoint and restores from `state` alone.
    public func restore(_ state: JSONValue, checkpoint: Data?) throws -> Model { try restore(state) }
}
