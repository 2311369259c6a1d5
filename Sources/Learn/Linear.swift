import LoomCore

/// `y = x·Wᵀ + b`, with W stored as (outputs × inputs) like PyTorch's `nn.Linear`.
public final class Linear: Layer {
    /// Features per input row.
    public let inputSize: Int
    /// Features per output row.
    public let outputSize: Int
    /// W, outputs × inputs.
    public let weight: Parameter
    /// b, 1 × outputs.
    public let bias: Parameter
    private var input = Matrix(rows: 0, cols: 0)

    /// PyTorch's default initialisation: W and b ~ U(-1/√inputs, 1/√inputs), W first, row-major, drawn
    /// from `random`; then W and b divided by the given divisors (the Fourier head uses 100).
    public init(inputs: Int, outputs: Int, name: String, random: inout RandomStream,
                weightDivisor: Float = 1, biasDivisor: Float = 1) {
        precondition(inputs > 0 && outputs > 0, "a linear layer needs positive sizes")
        inputSize = inputs
        outputSize = outputs
        let bound = 1 / Double(inputs).squareRoot()
        weight = Parameter(name: name + ".weight", rows: outputs, cols: inputs, uniformBound: bound, random: &random)
        bias = Parameter(name: name + ".bias", rows: 1, cols: outputs, uniformBound: bound, random: &random)
        if weightDivisor != 1 { weight.value.values = weight.value.values.map { $0 / weightDivisor } }
        if biasDivisor != 1 { bias.value.values = bias.value.values.map { $0 / biasDivisor } }
    }

    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight, bias] }

    /// x·Wᵀ + b for each row; keeps the input for `backward`.
    public func forward(_ input: Matrix) -> Matrix {
        precondition(input.cols == inputSize, "\(weight.name): expected \(inputSize) inputs, got \(input.cols)")
        self.input = input
        var output = Matrix(rows: input.rows, cols: outputSize)
        output.values.withUnsafeMutableBufferPointer { out in
            bias.value.values.withUnsafeBufferPointer { b in
                for r in 0..<input.rows {
                    for c in 0..<outputSize { out[r * outputSize + c] = b[c] }
                }
            }
        }
        BLAS.gemm(input, weight.value, transposeB: true, beta: 1, into: &output)
        return output
    }

    /// Adds dW and db to the gradients and returns the gradient times W.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        BLAS.gemm(outputGradient, transposeA: true, input, beta: 1, into: &weight.gradient)
        bias.gradient.values.withUnsafeMutableBufferPointer { db in
            outputGradient.values.withUnsafeBufferPointer { g in
                for r in 0..<outputGradient.rows {
                    for c in 0..<outputSize { db[c] += g[r * outputSize + c] }
                }
            }
        }
        return BLAS.product(outputGradient, weight.value)
    }
}
