import LoomCore

/// The baseline head: one linear layer from features to one score per bin.
public final class LinearHead: Head {
    /// The map from features to bin scores.
    public let linear: Linear
    /// One score per bin.
    public var bins: Int { linear.outputSize }
    /// Features per row.
    public var inputSize: Int { linear.inputSize }
    /// The linear layer's weight and bias.
    public var parameters: [Parameter] { linear.parameters }

    /// PyTorch's default `nn.Linear(inputs, bins)` initialisation, from `random`.
    public init(inputs: Int, bins: Int, name: String = "head", random: inout RandomStream) {
        linear = Linear(inputs: inputs, outputs: bins, name: name, random: &random)
    }

    /// Raw scores over the bins.
    public func forward(_ input: Matrix) -> Matrix { linear.forward(input) }
    /// The linear layer's backward pass.
    public func backward(_ outputGradient: Matrix) -> Matrix { linear.backward(outputGradient) }
}
