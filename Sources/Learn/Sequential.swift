import LoomCore

/// Layers applied in order.
public final class Sequential: Layer {
    /// The layers, first applied first.
    public let layers: [any Layer]

    /// A chain of layers, each one's output size the next one's input size.
    public init(_ layers: [any Layer]) {
        precondition(!layers.isEmpty, "a sequential model needs at least one layer")
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.outputSize == b.inputSize, "layer sizes do not chain: \(a.outputSize) then \(b.inputSize)")
        }
        self.layers = layers
    }

    /// An MLP: `Linear(sizes[0], sizes[1])`, ReLU, …, each Linear followed by a ReLU, parameters named
    /// `layers.<i>.weight` as in a PyTorch `nn.Sequential`, initialised in order from `random`.
    public static func mlp(sizes: [Int], random: inout RandomStream) -> Sequential {
        precondition(sizes.count >= 2, "an MLP needs at least an input and an output size")
        var layers: [any Layer] = []
        for (i, (a, b)) in zip(sizes, sizes.dropFirst()).enumerated() {
            layers.append(Linear(inputs: a, outputs: b, name: "layers.\(2 * i)", random: &random))
            layers.append(ReLU(size: b))
        }
        return Sequential(layers)
    }

    /// The first layer's input size.
    public var inputSize: Int { layers[0].inputSize }
    /// The last layer's output size.
    public var outputSize: Int { layers[layers.count - 1].outputSize }
    /// Every layer's parameters, in layer order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Each layer's forward pass in order.
    public func forward(_ input: Matrix) -> Matrix {
        layers.reduce(input) { $1.forward($0) }
    }

    /// Each layer's backward pass in reverse order.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        layers.reversed().reduce(outputGradient) { $1.backward($0) }
    }
}
