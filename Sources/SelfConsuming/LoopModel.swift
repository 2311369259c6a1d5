import LoomCore

/// A generative model in a self-consuming loop: it draws samples and saves its state for resume.
public protocol LoopModel<Batch>: Sendable {
    associatedtype Batch: SampleBatch
    /// Draws `count` samples from the model.
    func sample(count: Int, random: inout RandomStream) -> Batch
    /// The model's parameters as JSON; written with every generation so a run can resume.
    var state: JSONValue { get }
}

/// The data one generation trains on: the real samples (unless the loop drops them) and, from
/// each stored synthetic batch i, its first `counts[i]` samples.
public struct TrainingSet<Batch: SampleBatch>: Sendable {
    public let real: Batch?
    /// The stored synthetic batches, oldest first.
    public let synthetic: [Batch]
    /// How many samples of each synthetic batch are used (0 skips a batch).
    public let counts: [Int]

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
    /// The names of the figures `evaluate` returns, in order.
    var metricNames: [String] { get }
    /// Figures of a model (e.g. its distance to the target), written for every generation.
    func evaluate(_ model: Model) -> [Double]
}
