import LoomCore

/// `nn.LayerNorm` over each row: (x − mean) / √(var + ε) · gain + bias, gain 1 and bias 0 at first.
public final class LayerNorm: Layer {
    /// Values per row in and out.
    public let inputSize: Int
    /// Equal to `inputSize`.
    public var outputSize: Int { inputSize }
    /// The per-column gain, 1 × size (`.weight`).
    public let gain: Parameter
    /// The per-column bias, 1 × size (`.bias`).
    public let bias: Parameter
    /// ε added to the variance.
    public let epsilon: Float
    private var normalized = Matrix(rows: 0, cols: 0)
    private var inverseDeviation: [Float] = []

    /// A layer norm of `size` columns named `name`.
    public init(size: Int, name: String, epsilon: Float = 1e-5) {
        precondition(size > 0, "a layer norm needs a positive size")
        inputSize = size
        self.epsilon = epsilon
        gain = Parameter(name: name + ".weight", value: Matrix(rows: 1, cols: size, repeating: 1))
        bias = Parameter(name: name + ".bias", value: Matrix(rows: 1, cols: size))
    }

    /// The gain, then the bias.
    public var parameters: [Parameter] { [gain, bias] }

    /// Normalises each row and keeps what `backward` needs.
    public func forward(_ input: Matrix) -> Matrix {
        let n = inputSize
        normalized = input
        inverseDeviation = [Float](repeating: 0, count: input.rows)
        var output = input
        for r in 0..<input.rows {
            var mean = 0.0, square = 0.0
            for c in 0..<n { mean += Double(input.values[r * n + c]) }
            mean /= Double(n)
            for c in 0..<n { let d = Double(input.values[r * n + c]) - mean; square += d * d }
            let inverse = Float(1 / (square / Double(n) + Double(epsilon)).squareRoot())
            inverseDeviation[r] = inverse
            for c in 0..<n {
                let z = (input.values[r * n + c] - Float(mean)) * inverse
                normalized.values[r * n + c] = z
                output.values[r * n + c] = z * gain.value.values[c] + bias.value.values[c]
            }
        }
        return output
    }

    /// dx = (1/σ)·(g − mean(g) − z·mean(g·z)) with g = dy·gain, per row.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        let n = inputSize
        var inputGradient = outputGradient
        for r in 0..<outputGradient.rows {
            var meanG = 0.0, meanGZ = 0.0
            for c in 0..<n {
                let dy = outputGradient.values[r * n + c], z = normalized.values[r * n + c]
                gain.gradient.values[c] += dy * z
                bias.gradient.values[c] += dy
                let g = Double(dy * gain.value.values[c])
                meanG += g
                meanGZ += g * Double(z)
            }
            meanG /= Double(n)
            meanGZ /= Double(n)
            for c in 0..<n {
                let g = Double(outputGradient.values[r * n + c] * gain.value.values[c]), z = Double(normalized.values[r * n + c])
                inputGradient.values[r * n + c] = Float(Double(inverseDeviation[r]) * (g - meanG - z * meanGZ))
            }
        }
        return inputGradient
    }
}
