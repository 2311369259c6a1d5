import LoomCore

/// Inverted dropout as `nn.Dropout`: while training, each value is zeroed with probability `rate`
/// and the rest are scaled by 1/(1 − rate); outside training it is the identity.
public final class Dropout: Layer {
    /// Values per row in and out.
    public let inputSize: Int
    /// Equal to `inputSize`.
    public var outputSize: Int { inputSize }
    /// None: dropout has no weights.
    public var parameters: [Parameter] { [] }
    /// The probability of dropping a value, in [0, 1).
    public let rate: Float
    /// Whether `forward` drops values (set by the training loop).
    public var isTraining = false
    private var random: RandomStream
    private var mask: [Float] = []

    /// Draws its masks from its own stream, so a run repeats exactly.
    public init(size: Int, rate: Float, random: RandomStream) {
        precondition(rate >= 0 && rate < 1, "a dropout rate is in [0, 1)")
        inputSize = size
        self.rate = rate
        self.random = random
    }

    /// Zeroes and rescales values while training; the identity otherwise.
    public func forward(_ input: Matrix) -> Matrix {
        guard isTraining, rate > 0 else {
            mask = []
            return input
        }
        let keep = 1 - Double(rate), scale = 1 / Float(keep)
        mask = (0..<input.values.count).map { _ in random.uniform() < keep ? scale : 0 }
        var output = input
        for i in output.values.indices { output.values[i] *= mask[i] }
        return output
    }

    /// Applies the last forward pass's mask to the gradient.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        guard !mask.isEmpty else { return outputGradient }
        var gradient = outputGradient
        for i in gradient.values.indices { gradient.values[i] *= mask[i] }
        return gradient
    }
}
