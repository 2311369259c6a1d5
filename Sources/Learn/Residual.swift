import LoomCore

/// `x + body(x)`: a residual connection around a block whose output has its input's size.
public final class Residual: Layer {
    /// The block the shortcut goes around.
    public let body: any Layer

    /// A residual around `body`, whose output size must equal its input size.
    public init(_ body: any Layer) {
        precondition(body.inputSize == body.outputSize, "a residual block keeps its size, not \(body.inputSize) to \(body.outputSize)")
        self.body = body
    }

    /// The pre-norm residual MLP block: x + Linear(Dropout(act(Linear(LayerNorm(x))))), `hidden` wide.
    public static func mlpBlock(size: Int, hidden: Int, activation: Activation.Kind, dropout: Float, name: String,
                                random: inout RandomStream) -> Residual {
        var layers: [any Layer] = [LayerNorm(size: size, name: name + ".norm"),
                                   Linear(inputs: size, outputs: hidden, name: name + ".in", random: &random),
                                   Activation(activation, size: hidden)]
        if dropout > 0 { layers.append(Dropout(size: hidden, rate: dropout, random: random.substream(name + ".dropout"))) }
        layers.append(Linear(inputs: hidden, outputs: size, name: name + ".out", random: &random))
        return Residual(Sequential(layers))
    }

    /// The body's input size.
    public var inputSize: Int { body.inputSize }
    /// The body's output size (equal to its input size).
    public var outputSize: Int { body.outputSize }
    /// The body's parameters.
    public var parameters: [Parameter] { body.parameters }

    /// x + body(x).
    public func forward(_ input: Matrix) -> Matrix {
        var output = body.forward(input)
        for i in output.values.indices { output.values[i] += input.values[i] }
        return output
    }

    /// The gradient through the body plus the shortcut's.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        var gradient = body.backward(outputGradient)
        for i in gradient.values.indices { gradient.values[i] += outputGradient.values[i] }
        return gradient
    }
}
