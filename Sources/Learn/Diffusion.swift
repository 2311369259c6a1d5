import Foundation
import LoomCore

/// The cosine noise schedule of improved DDPM (Nichol & Dhariwal 2021), MDM's default:
/// ᾱ(u) = f(u)/f(0), f(u) = cos²((u + s)/(1 + s) · π/2), β_t = min(1 − ᾱ((t+1)/T)/ᾱ(t/T), 0.999).
public struct CosineSchedule: Sendable, Equatable {
    /// T, the diffusion steps.
    public let steps: Int
    /// ᾱ_t = Π_{k ≤ t}(1 − β_k) for t = 0..<T (t = 0 is the least noisy step).
    public let alphaBar: [Double]

    /// The schedule of `steps` steps with offset s (0.008 as improved DDPM).
    public init(steps: Int, offset s: Double = 0.008) {
        precondition(steps >= 1, "a diffusion needs at least one step")
        func f(_ u: Double) -> Double { pow(cos((u + s) / (1 + s) * Double.pi / 2), 2) }
        var product = 1.0
        alphaBar = (0..<steps).map { t in
            let beta = min(1 - f(Double(t + 1) / Double(steps)) / f(Double(t) / Double(steps)), 0.999)
            product *= 1 - beta
            return product
        }
        self.steps = steps
    }

    /// `count` steps spread evenly from T−1 down to 0 (DDIM's sub-sequence), the noisiest first.
    public func samplingSteps(_ count: Int) -> [Int] {
        let k = max(1, min(count, steps))
        return (0..<k).map { i in (k - 1 - i) * (steps - 1) / max(k - 1, 1) }
    }
}

/// The settings of a `Denoiser`.
public struct DenoiserConfig: Codable, Sendable, Equatable {
    /// Values per sample (the code dimension).
    public var dimension: Int
    /// Condition classes; the extra index `classes` is the "no label" token of label dropout.
    public var classes: Int
    /// Width of the residual stream.
    public var width: Int
    /// Residual MLP blocks.
    public var blocks: Int
    /// Size of the sinusoidal step embedding.
    public var timeSize: Int
    /// Dropout probability after each block's hidden activation, in [0, 1).
    public var dropout: Float
    /// The blocks' nonlinearity.
    public var activation: Activation.Kind
    /// T of the cosine schedule.
    public var diffusionSteps: Int

    /// A config of the given sizes, with defaults for the rest.
    public init(dimension: Int, classes: Int, width: Int = 256, blocks: Int = 4, timeSize: Int = 64, dropout: Float = 0.1,
                activation: Activation.Kind = .gelu, diffusionSteps: Int = 1000) {
        self.dimension = dimension
        self.classes = classes
        self.width = width
        self.blocks = blocks
        self.timeSize = timeSize
        self.dropout = dropout
        self.activation = activation
        self.diffusionSteps = diffusionSteps
    }

    /// The snake_case keys of the stored config.
    public enum CodingKeys: String, CodingKey {
        case dimension, classes, width, blocks, dropout, activation
        case timeSize = "time_size"
        case diffusionSteps = "diffusion_steps"
    }
}

/// A label-conditioned diffusion model that predicts x₀ (MDM's objective) with a residual MLP:
/// [x_t, sin/cos embedding of t, one-hot label] → Linear → blocks × (x + MLP(LayerNorm(x))) → LayerNorm → Linear.
///
/// The network is built from its config and a `StateDict`, so a model crosses threads as its state.
public final class Denoiser {
    /// The sizes and settings the network was built from.
    public let config: DenoiserConfig
    /// The cosine noise schedule of `config.diffusionSteps` steps.
    public let schedule: CosineSchedule
    /// The network that predicts the clean sample from a noisy one.
    public let network: Sequential

    /// A freshly initialised network, drawn from `random`.
    public init(config: DenoiserConfig, random: inout RandomStream) {
        self.config = config
        schedule = CosineSchedule(steps: config.diffusionSteps)
        let inputs = config.dimension + config.timeSize + config.classes + 1
        var layers: [any Layer] = [Linear(inputs: inputs, outputs: config.width, name: "input", random: &random)]
        for b in 0..<config.blocks {
            layers.append(Residual.mlpBlock(size: config.width, hidden: 2 * config.width, activation: config.activation,
                                            dropout: config.dropout, name: "blocks.\(b)", random: &random))
        }
        layers.append(LayerNorm(size: config.width, name: "output.norm"))
        layers.append(Linear(inputs: config.width, outputs: config.dimension, name: "output", random: &random))
        network = Sequential(layers)
    }

    /// The network with the weights of `state` (dropout masks drawn from `random` when training).
    public convenience init(config: DenoiserConfig, state: StateDict, random: RandomStream) throws {
        var stream = random
        self.init(config: config, random: &stream)
        try state.load(into: network.parameters)
    }

    /// The network's parameters.
    public var parameters: [Parameter] { network.parameters }
    /// The network's weights as a value that crosses threads.
    public var state: StateDict { StateDict(parameters: parameters) }

    /// The network's input rows for noisy samples `x` at steps `t` with `labels` (nil: the no-label token).
    func inputs(_ x: Matrix, steps t: [Int], labels: [Int?]) -> Matrix {
        let d = config.dimension, e = config.timeSize, width = d + e + config.classes + 1
        let embedding = TimeEmbedding.encode(t.map(Double.init), size: e)
        var out = Matrix(rows: x.rows, cols: width)
        for r in 0..<x.rows {
            for k in 0..<d { out.values[r * width + k] = x.values[r * d + k] }
            for k in 0..<e { out.values[r * width + d + k] = embedding.values[r * e + k] }
            out.values[r * width + d + e + (labels[r] ?? config.classes)] = 1
        }
        return out
    }

    /// The predicted x₀ of noisy rows `x` at steps `t`.
    public func predict(_ x: Matrix, steps t: [Int], labels: [Int?]) -> Matrix {
        network.forward(inputs(x, steps: t, labels: labels))
    }

    /// The x₀-prediction MSE on clean rows `x0` (steps uniform in 0..<T, labels dropped to the
    /// no-label token with probability `labelDropout`); adds the gradients to the parameters.
    public func lossAndGradients(_ x0: Matrix, labels: [Int], labelDropout: Double, random: inout RandomStream) -> Double {
        let d = config.dimension
        var t = [Int](), kept = [Int?](), noisy = x0
        for r in 0..<x0.rows {
            let step = random.integer(below: schedule.steps)
            let a = schedule.alphaBar[step]
            let (signal, noise) = (Float(a.squareRoot()), Float((1 - a).squareRoot()))
            for k in 0..<d { noisy.values[r * d + k] = signal * x0.values[r * d + k] + noise * Float(random.normal()) }
            t.append(step)
            kept.append(random.uniform() < labelDropout ? nil : labels[r])
        }
        let (loss, gradient) = MeanSquaredError.lossAndGradient(output: predict(noisy, steps: t, labels: kept), targets: x0)
        _ = network.backward(gradient)
        return loss
    }

    /// Draws one sample per label by DDIM over `steps` of the T steps, with noise scale η
    /// (η = 1 with every step is DDPM's ancestral sampler; η = 0 is deterministic given the start).
    public func sample(labels: [Int?], steps: Int, eta: Double, random: inout RandomStream) -> Matrix {
        setTraining(network, false)
        let d = config.dimension, n = labels.count
        var x = Matrix(rows: n, cols: d, values: (0..<(n * d)).map { _ in Float(random.normal()) })
        let sequence = schedule.samplingSteps(steps)
        for (i, t) in sequence.enumerated() {
            let x0 = predict(x, steps: [Int](repeating: t, count: n), labels: labels)
            guard i + 1 < sequence.count else { x = x0; break }
            let a = schedule.alphaBar[t], previous = schedule.alphaBar[sequence[i + 1]]
            let sigma = eta * ((1 - previous) / (1 - a)).squareRoot() * max(1 - a / previous, 0).squareRoot()
            let direction = max(1 - previous - sigma * sigma, 0).squareRoot()
            for j in x.values.indices {
                let epsilon = (Double(x.values[j]) - a.squareRoot() * Double(x0.values[j])) / (1 - a).squareRoot()
                x.values[j] = Float(previous.squareRoot() * Double(x0.values[j]) + direction * epsilon + sigma * random.normal())
            }
        }
        return x
    }
}
