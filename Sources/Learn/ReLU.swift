/// `max(x, 0)` elementwise.
public final class ReLU: Layer {
    /// Values per row in and out.
    public let inputSize: Int
    /// Equal to `inputSize`.
    public var outputSize: Int { inputSize }
    /// None: ReLU has no weights.
    public var parameters: [Parameter] { [] }
    private var output = Matrix(rows: 0, cols: 0)

    /// A ReLU on rows of `size` values.
    public init(size: Int) {
        inputSize = size
    }

    /// max(x, 0) for each value; keeps the output for `backward`.
    public func forward(_ input: Matrix) -> Matrix {
        var output = input
        output.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = max(v[i], 0) }
        }
        self.output = output
        return output
    }

    /// The gradient passes where the output was positive (PyTorch's convention: 0 at x = 0).
    public func backward(_ outputGradient: Matrix) -> Matrix {
        var gradient = outputGradient
        gradient.values.withUnsafeMutableBufferPointer { g in
            output.values.withUnsafeBufferPointer { y in
                for i in g.indices where y[i] <= 0 { g[i] = 0 }
            }
        }
        return gradient
    }
}
