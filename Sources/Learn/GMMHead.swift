import Foundation
import LoomCore

/// The Gaussian-mixture baseline head (reference fourier-head.md §2.3).
///
/// Means μ = tanh(Linear(features → K)); one learned σ_k = softplus(s_k) per component, input-independent,
/// starting at 2/m; uniform weights. The mixture density at the bin centres, averaged over components, is
/// returned as log(mixture + 1e-5) without renormalising (softmax does that).
public final class GMMHead: Head {
    public static let epsilon: Float = 1e-5
    public let bins: Int
    public let components: Int
    public let meanLayer: Linear
    /// The raw s_k of σ_k = softplus(s_k), 1 × K.
    public let scales: Parameter
    public var inputSize: Int { meanLayer.inputSize }
    public var parameters: [Parameter] { meanLayer.parameters + [scales] }

    private let centres: [Float]
    private var means = Matrix(rows: 0, cols: 0)
    private var gaussians: [Float] = []
    private var mixture = Matrix(rows: 0, cols: 0)

    public init(inputs: Int, bins: Int, components: Int, name: String = "head", random: inout RandomStream) throws {
        guard components >= 1 else { throw LearnError.invalidArgument("a GMM head needs at least 1 component, not \(components)") }
        guard bins >= 2 else { throw LearnError.invalidArgument("a GMM head needs at least 2 bins") }
        self.bins = bins
        self.components = components
        meanLayer = Linear(inputs: inputs, outputs: components, name: name + ".mean_layer", random: &random)
        let start = Float(log(exp(2.0 / Double(bins)) - 1))
        scales = Parameter(name: name + ".log_stds", value: Matrix(rows: 1, cols: components, repeating: start))
        centres = BinCentres.uniform(bins).points.map(Float.init)
    }

    /// σ_k = softplus(s_k).
    public var standardDeviations: [Float] {
        scales.value.values.map { $0 > 20 ? $0 : log1p(exp($0)) }
    }

    public func forward(_ input: Matrix) -> Matrix {
        var pre = meanLayer.forward(input)
        pre.values = pre.values.map { tanh($0) }
        means = pre
        let (m, k, rows) = (bins, components, input.rows)
        let sigmas = standardDeviations
        gaussians = [Float](repeating: 0, count: rows * k * m)
        mixture = Matrix(rows: rows, cols: m)
        var output = Matrix(rows: rows, cols: m)
        let root2pi = Float((2 * Double.pi).squareRoot())
        for r in 0..<rows {
            for j in 0..<k {
                let mu = means[r, j], sigma = sigmas[j]
                for l in 0..<m {
                    let diff = centres[l] - mu
                    let g = exp(-diff * diff / (2 * sigma * sigma)) / (sigma * root2pi)
                    gaussians[(r * k + j) * m + l] = g
                    mixture.values[r * m + l] += g / Float(k)
                }
            }
            for l in 0..<m { output[r, l] = log(mixture[r, l] + Self.epsilon) }
        }
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let (m, k, rows) = (bins, components, outputGradient.rows)
        let sigmas = standardDeviations
        var meanGradient = Matrix(rows: rows, cols: k)
        var sigmaGradient = [Float](repeating: 0, count: k)
        for r in 0..<rows {
            for j in 0..<k {
                let mu = means[r, j], sigma = sigmas[j]
                var dMu: Float = 0, dSigma: Float = 0
                for l in 0..<m {
                    let t = outputGradient[r, l] / (mixture[r, l] + Self.epsilon) / Float(k) * gaussians[(r * k + j) * m + l]
                    let diff = centres[l] - mu
                    dMu += t * diff / (sigma * sigma)
                    dSigma += t * (diff * diff / (sigma * sigma * sigma) - 1 / sigma)
                }
                meanGradient[r, j] = dMu * (1 - mu * mu)
                sigmaGradient[j] += dSigma
            }
        }
        for j in 0..<k {
            let s = scales.value.values[j]
            scales.gradient.values[j] += sigmaGradient[j] / (1 + exp(-s))
        }
        return meanLayer.backward(meanGradient)
    }
}
