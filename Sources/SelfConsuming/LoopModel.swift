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
/// each stored synthetic batch, its first `count` samples.
public struct TrainingSet<Batch: SampleBatch>: Sendable {
    public let real: Batch?
    public let synthetic: [(batch: Batch, count: Int)]

    public init(real: Batch?, synthetic: [(batch: Batch, count: Int)] = []) {
        self.real = real
        self.synthetic = synthetic
    }

    /// Number of training samples.
    public var count: Int { (real?.count ?? 0) + synthetic.reduce(0) { $0 + $1.count } }

    /// Every part as (batch, samples used), real data first.
    public var parts: [(batch: Batch, count: Int)] {
        (real.map { [($0, $0.count)] } ?? []) + synthetic
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
