import Foundation
import LoomCore

/// The Fourier head (Gillman et al., ICLR 2025; reference fourier-head.md §1): a categorical head whose
/// PMF is a learned Fourier density sampled at the bin centres.
///
/// Per row: α from a linear layer, autocorrelation c_k, p(x) = 1/2 + Re Σ_{k=1}^{N} (c_k/c_0) e^{iπkx} at
/// the bin centres, q = p / Σp, output log(q + 1e-5). With γ > 0 the regulariser γ·mean Σ 4π²k²|c_k|²
/// is `regularization` and its gradient is part of `backward`. The cos/sin tables are precomputed, so
/// evaluating every bin is one sgemm and its backward one more.
public final class FourierHeadLayer: Head {
    /// ε inside `log(q + ε)`.
    public static let epsilon: Float = 1e-5
    /// Where the density is evaluated, one point per bin.
    public let centres: BinCentres
    /// N, the number of Fourier frequencies.
    public var frequencies: Int { series.frequencies }
    /// γ, the weight of the coefficient regulariser (0 for none).
    public var gamma: Double { series.gamma }
    /// The number of bins m.
    public var bins: Int { centres.count }
    /// Features per row.
    public var inputSize: Int { series.linear.inputSize }
    /// The weights of the linear map to the coefficients.
    public var parameters: [Parameter] { series.linear.parameters }
    /// The regulariser of the last forward batch.
    public var regularization: Double { series.regularization }

    let series: FourierCoefficients
    /// 2N × m: row k-1 is cos(πk x_ℓ), row N+k-1 is -sin(πk x_ℓ).
    private let basis: Matrix
    /// p at the bin centres, and q, for the last forward batch.
    private(set) var pdfValues = Matrix(rows: 0, cols: 0)
    private var pmf = Matrix(rows: 0, cols: 0)
    private var sums: [Float] = []

    /// A head from `inputs` features to `bins`, with N = `frequencies` and regulariser weight `gamma`.
    public init(inputs: Int, bins: BinCentres, frequencies: Int, gamma: Double = 0, name: String = "head",
                random: inout RandomStream) throws {
        centres = bins
        series = try FourierCoefficients(inputs: inputs, frequencies: frequencies, gamma: gamma, name: name, random: &random)
        var table = Matrix(rows: 2 * frequencies, cols: bins.count)
        for k in 1...frequencies {
            for (l, x) in bins.points.enumerated() {
                let theta = Double.pi * Double(k) * x
                table[k - 1, l] = Float(cos(theta))
                table[frequencies + k - 1, l] = Float(-sin(theta))
            }
        }
        basis = table
    }

    /// The log PMF, log(q + ε), over the bins for each row.
    public func forward(_ input: Matrix) -> Matrix {
        let normalized = series.forward(input)
        let m = bins
        var p = Matrix(rows: input.rows, cols: m, repeating: 0.5)
        BLAS.gemm(normalized, transposeA: true, basis, beta: 1, into: &p)
        var q = p
        var output = Matrix(rows: input.rows, cols: m)
        var rowSums = [Float](repeating: 0, count: input.rows)
        q.values.withUnsafeMutableBufferPointer { qp in
            output.values.withUnsafeMutableBufferPointer { out in
                for r in 0..<input.rows {
                    var sum: Float = 0
                    for l in 0..<m { sum += qp[r * m + l] }
                    rowSums[r] = sum
                    let inverse = 1 / sum
                    for l in 0..<m {
                        qp[r * m + l] *= inverse
                        out[r * m + l] = log(qp[r * m + l] + Self.epsilon)
                    }
                }
            }
        }
        sums = rowSums
        pdfValues = p
        pmf = q
        return output
    }

    /// Back through the density at the bin centres to the linear map, regulariser included.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        let m = bins
        var pGradient = outputGradient
        pGradient.values.withUnsafeMutableBufferPointer { g in
            pmf.values.withUnsafeBufferPointer { q in
                sums.withUnsafeBufferPointer { sum in
                    for r in 0..<outputGradient.rows {
                        var dot: Float = 0
                        for l in 0..<m {
                            g[r * m + l] /= q[r * m + l] + Self.epsilon
                            dot += g[r * m + l] * q[r * m + l]
                        }
                        let inverse = 1 / sum[r]
                        for l in 0..<m { g[r * m + l] = (g[r * m + l] - dot) * inverse }
                    }
                }
            }
        }
        let normalizedGradient = BLAS.product(basis, pGradient, transposeB: true)
        return series.backward(normalizedGradient)
    }

    /// The density of each input row, to evaluate anywhere on [-1, 1] (replaces the cached forward state).
    public func densities(_ input: Matrix) -> [FourierDensity] {
        _ = series.forward(input)
        return series.densities()
    }
}
