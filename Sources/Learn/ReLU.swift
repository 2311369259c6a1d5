/// `max(x, 0)` elementwise.
public final class ReLU: Layer {
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { [] }
    private var output = Matrix(rows: 0, cols: 0)

    public init(size: Int) {
        inputSize = size
    }

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
