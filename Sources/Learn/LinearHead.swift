import LoomCore

/// The baseline head: one linear layer from features to one score per bin.
public final class LinearHead: Head {
    public let linear: Linear
    public var bins: Int { linear.outputSize }
    public var inputSize: Int { linear.inputSize }
    public var parameters: [Parameter] { linear.parameters }

    /// PyTorch's default `nn.Linear(inputs, bins)` initialisation, from `random`.
    public init(inputs: Int, bins: Int, name: String = "head", random: inout RandomStream) {
        linear = Linear(inputs: inputs, outputs: bins, name: name, random: &random)
    }

    public func forward(_ input: Matrix) -> Matrix { linear.forward(input) }
    public func backward(_ outputGradient: Matrix) -> Matrix { linear.backward(outputGradient) }
}
