import Foundation
import LoomCore

/// The continuous Fourier head (reference fourier-head.md §1.9 and §2.7): features to a Fourier density on
/// [-1, 1], trained by maximum likelihood on real-valued targets.
///
/// The loss is mean over rows of -log(p(y) + 1e-10) plus the same regulariser as the discrete head.
public final class FourierMLEHead {
    /// ε inside `log(p(y) + ε)`.
    public static let epsilon = 1e-10
    /// N, the number of Fourier frequencies.
    public var frequencies: Int { series.frequencies }
    /// γ, the weight of the coefficient regulariser (0 for none).
    public var gamma: Double { series.gamma }
    /// Features per row.
    public var inputSize: Int { series.linear.inputSize }
    /// The weights of the linear map to the coefficients.
    public var parameters: [Parameter] { series.linear.parameters }
    /// The regulariser of the last forward batch.
    public var regularization: Double { series.regularization }

    let series: FourierCoefficients
    private var targets: [Float] = []
    private var normalized = Matrix(rows: 0, cols: 0)
    private var values: [Double] = []

    /// A head of N frequencies on `inputs` features; throws for N < 1 or a negative γ.
    public init(inputs: Int, frequencies: Int, gamma: Double = 0, name: String = "head", random: inout RandomStream) throws {
        series = try FourierCoefficients(inputs: inputs, frequencies: frequencies, gamma: gamma, name: name, random: &random)
    }

    /// log(p(y_b) + 1e-10) for each row b and its target y_b in [-1, 1]; keeps what `backward` needs.
    public func logDensity(_ input: Matrix, at targets: [Float]) -> [Double] {
        precondition(targets.count == input.rows, "one target per row")
        normalized = series.forward(input)
        self.targets = targets
        let n = frequencies
        values = (0..<input.rows).map { r in
            var p = 0.5
            for k in 1...n {
                let theta = Double.pi * Double(k) * Double(targets[r])
                p += Double(normalized[k - 1, r]) * cos(theta) - Double(normalized[n + k - 1, r]) * sin(theta)
            }
            return p
        }
        return values.map { log($0 + Self.epsilon) }
    }

    /// Mean negative log-likelihood plus the regulariser on one batch.
    public func loss(_ input: Matrix, targets: [Float]) -> Double {
        let logs = logDensity(input, at: targets)
        return -logs.reduce(0, +) / Double(logs.count) + regularization
    }

    /// Gradient of `loss` for the last batch: adds to the parameter gradients, returns dLoss/dinput.
    public func backward() -> Matrix {
        let n = frequencies, rows = targets.count
        var gradient = Matrix(rows: 2 * n, cols: rows)
        for r in 0..<rows {
            let dp = -1 / (Double(rows) * (values[r] + Self.epsilon))
            for k in 1...n {
                let theta = Double.pi * Double(k) * Double(targets[r])
                gradient[k - 1, r] = Float(dp * cos(theta))
                gradient[n + k - 1, r] = Float(-dp * sin(theta))
            }
        }
        return series.backward(gradient)
    }

    /// The density of each input row: evaluate, integrate (CDF) or sample (replaces the cached forward state).
    public func densities(_ input: Matrix) -> [FourierDensity] {
        _ = series.forward(input)
        return series.densities()
    }
}
