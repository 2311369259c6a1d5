import Foundation
import Learn
import LoomCore
import MotionCorrection
import SelfConsuming

/// How the motion generator is built and trained (the paper's MDM settings where they carry over, §3.3–3.4).
public struct MotionDiffusionSettings: Codable, Sendable, Equatable {
    public var denoiser: DenoiserConfig
    /// Steps of generation 0 (from scratch) and of each later generation (fine-tuning).
    public var firstSteps: Int
    public var steps: Int
    public var batchSize: Int
    /// AdamW's learning rate and decoupled weight decay; a fresh optimiser each generation, as the paper's.
    public var learningRate: Float
    public var weightDecay: Float
    /// Gradient-norm clipping (nil: none).
    public var clipNorm: Float?
    /// The share of training rows whose label is replaced by the no-label token (MDM's 10 %).
    public var labelDropout: Double
    /// DDIM steps when sampling, and its η (1: ancestral noise).
    public var samplingSteps: Int
    public var eta: Double

    public enum CodingKeys: String, CodingKey {
        case denoiser, steps, eta
        case firstSteps = "first_steps"
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
        case weightDecay = "weight_decay"
        case clipNorm = "clip_norm"
        case labelDropout = "label_dropout"
        case samplingSteps = "sampling_steps"
    }
}

/// One generation's motion generator: a label-conditioned x₀-predicting diffusion model over motion
/// codes, decoded to feature windows. Its weights travel as a `StateDict` (the checkpoint file).
public struct MotionDiffusionModel: LoopModel {
    public typealias Batch = MotionBatch
    public let weights: StateDict
    public let code: MotionCode
    public let settings: MotionDiffusionSettings
    /// The labels of the real training windows: the prompts synthetic samples are drawn with.
    public let prompts: [Int]
    /// The physics figures of the synthetic windows this generation trained on (nil at generation 0 and for real-only).
    public let syntheticPhysics: [Double]?

    /// Codes for `labels` (count × code dimension).
    public func sampleCodes(labels: [Int], random: inout RandomStream) throws -> Matrix {
        let denoiser = try Denoiser(config: settings.denoiser, state: weights, random: RandomStream(seed: 0, dataset: "unused", index: 0))
        return denoiser.sample(labels: labels, steps: settings.samplingSteps, eta: settings.eta, random: &random)
    }

    /// Windows for `labels`.
    public func sample(labels: [Int], random: inout RandomStream) throws -> MotionBatch {
        code.decode(try sampleCodes(labels: labels, random: &random), labels: labels)
    }

    /// `count` windows, their labels drawn from the prompts (each prompt once while they last, as
    /// the paper's choice of ⌊λ·n⌋ training IDs).
    public func sample(count: Int, random: inout RandomStream) -> MotionBatch {
        var labels: [Int] = []
        while labels.count < count { labels += random.permutation(prompts.count).prefix(count - labels.count).map { prompts[$0] } }
        // The weights were loaded from this same config when the model was made, so loading cannot fail.
        return try! sample(labels: labels, random: &random)
    }

    public var state: JSONValue {
        .object([("code_dimension", .int(code.dimension)), ("prompts", .int(prompts.count))])
    }

    public func checkpoint() throws -> Data? { weights.encoded() }
    public var checkpointExtension: String { "safetensors" }
}

/// Trains the motion generator each generation and measures it.
public struct MotionDiffusionTrainer: LoopTrainer {
    public let code: MotionCode
    public let settings: MotionDiffusionSettings
    public let evaluator: MotionEvaluator
    /// The labels of the real training windows, the prompts of every model's synthetic samples.
    public let prompts: [Int]

    public init(code: MotionCode, settings: MotionDiffusionSettings, evaluator: MotionEvaluator, prompts: [Int]) {
        self.code = code
        self.settings = settings
        self.evaluator = evaluator
        self.prompts = prompts
    }

    /// The evaluator's figures, then the physics of the synthetic training windows.
    public var metricNames: [String] {
        evaluator.metricNames + MotionEvaluator.physicsNames.map { "synthetic_" + $0 }
    }

    public func train(on data: TrainingSet<MotionBatch>, previous: MotionDiffusionModel?,
                      random: inout RandomStream) throws -> MotionDiffusionModel {
        var parts: [MotionBatch] = []
        data.forEachPart { batch, count in parts.append(batch.prefix(count)) }
        let labels = parts.flatMap(\.labels)
        guard labels.count == parts.reduce(0, { $0 + $1.count }) else {
            throw LoomError.runtime("a training batch has windows without action labels; the corrector must keep one window per input")
        }
        let codes = parts.map(code.encode).reduce(Matrix(rows: 0, cols: code.dimension)) {
            Matrix(rows: $0.rows + $1.rows, cols: code.dimension, values: $0.values + $1.values)
        }
        let denoiser: Denoiser
        if let previous {
            denoiser = try Denoiser(config: settings.denoiser, state: previous.weights, random: random.substream("dropout"))
        } else {
            var initial = random.substream("init")
            denoiser = Denoiser(config: settings.denoiser, random: &initial)
        }
        setTraining(denoiser.network, true)
        let optimizer = Adam(parameters: denoiser.parameters, learningRate: settings.learningRate, weightDecay: settings.weightDecay,
                             decoupled: true)
        let fit = Fit(parameters: denoiser.parameters, optimizer: optimizer, batchSize: settings.batchSize,
                      length: .steps(previous == nil ? settings.firstSteps : settings.steps), clipNorm: settings.clipNorm)
        var shuffle = random.substream("shuffle"), noise = random.substream("noise")
        try fit.run(rows: codes.rows, shuffle: &shuffle) { rows in
            denoiser.lossAndGradients(codes.gathering(rows: rows), labels: rows.map { labels[$0] }, labelDropout: settings.labelDropout,
                                      random: &noise)
        }
        let synthetic = zip(data.synthetic, data.counts).filter { $1 > 0 }.map { $0.prefix($1) }
        let physics = synthetic.isEmpty ? nil
            : evaluator.physics(MotionBatch(values: synthetic.flatMap(\.values), frames: code.frames, width: code.width))
        return MotionDiffusionModel(weights: denoiser.state, code: code, settings: settings, prompts: prompts, syntheticPhysics: physics)
    }

    public func restore(_ state: JSONValue) throws -> MotionDiffusionModel {
        throw LoomError.runtime("a motion model resumes from its checkpoint file, and the run log names none")
    }

    public func restore(_ state: JSONValue, checkpoint: Data?) throws -> MotionDiffusionModel {
        guard let checkpoint else { return try restore(state) }
        let weights = try StateDict(decoding: checkpoint, path: "the checkpoint")
        return MotionDiffusionModel(weights: weights, code: code, settings: settings, prompts: prompts, syntheticPhysics: nil)
    }

    public func evaluate(_ model: MotionDiffusionModel, real: MotionBatch, random: inout RandomStream) throws -> [Double] {
        let samples = try model.sample(labels: evaluator.reference.labels, random: &random)
        guard samples.values.allSatisfy(\.isFinite) else { throw LoomError.runtime("the model's samples hold NaN or infinity") }
        return try evaluator.measure(samples, random: &random) + (model.syntheticPhysics ?? [Double](repeating: .nan, count: 4))
    }
}
