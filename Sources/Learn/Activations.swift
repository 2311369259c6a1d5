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

    /// Which nonlinearity is applied.
    public let kind: Kind
    /// Values per row in and out.
    public let inputSize: Int
    /// Equal to `inputSize` (elementwise).
    public var outputSize: Int { inputSize }
    /// None: an activation has no weights.
    public var parameters: [Parameter] { [] }
    private var input = Matrix(rows: 0, cols: 0)

    /// An activation of `kind` on rows of `size` values.
    public init(_ kind: Kind, size: Int) {
        self.kind = kind
        inputSize = size
    }

    /// Applies the nonlinearity elementwise and keeps the input for `backward`.
    public func forward(_ input: Matrix) -> Matrix {
        self.input = input
        var output = input
        switch kind {
        case .silu: for i in output.values.indices { let x = output.values[i]; output.values[i] = x / (1 + exp(-x)) }
        case .gelu: for i in output.values.indices { let x = output.values[i]; output.values[i] = 0.5 * x * (1 + erf(x / Float(2).squareRoot())) }
        }
        return output
    }

    /// Multiplies the gradient by the nonlinearity's derivative at the kept input.
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
