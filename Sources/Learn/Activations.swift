import Foundation

/// An elementwise activation `f` with derivative `f′`, kept as a layer (its input is stored for backward).
public final class Activation: Layer {
    /// The functions Learn offers.
    public enum Kind: String, Sendable, Codable {
        /// x · σ(x) (`nn.SiLU`).
        case silu
        /// x · Φ(x) with the exact normal CDF (`nn.GELU()`, approximate = "none").
        case gelu
    }

    public let kind: Kind
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { [] }
    private var input = Matrix(rows: 0, cols: 0)

    public init(_ kind: Kind, size: Int) {
        self.kind = kind
        inputSize = size
    }

    public func forward(_ input: Matrix) -> Matrix {
        self.input = input
        var output = input
        switch kind {
        case .silu: for i in output.values.indices { let x = output.values[i]; output.values[i] = x / (1 + exp(-x)) }
        case .gelu: for i in output.values.indices { let x = output.values[i]; output.values[i] = 0.5 * x * (1 + erf(x / Float(2).squareRoot())) }
        }
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        var gradient = outputGradient
        let x = input.values
        switch kind {
        case .silu:
            for i in gradient.values.indices {
                let s = 1 / (1 + exp(-x[i]))
                gradient.values[i] *= s * (1 + x[i] * (1 - s))
            }
        case .gelu:
            let density = Float(1 / (2 * Double.pi).squareRoot())
            for i in gradient.values.indices {
                let cdf = 0.5 * (1 + erf(x[i] / Float(2).squareRoot()))
                gradient.values[i] *= cdf + x[i] * density * exp(-0.5 * x[i] * x[i])
            }
        }
        return gradient
    }
}
