import Foundation
import LoomCore

/// The Gaussian-mixture baseline head (reference fourier-head.md §2.3).
///
/// Means μ = tanh(Linear(features → K)); one learned σ_k = softplus(s_k) per component, input-independent,
/// starting at 2/m; uniform weights. The mixture density at the bin centres, averaged over components, is
/// returned as log(mixture + 1e-5) without renormalising (softmax does that).
public final class GMMHead: Head {
    /// ε inside `log(mixture + ε)`.
    public static let epsilon: Float = 1e-5
    /// The number of bins m.
    public let bins: Int
    /// K, the number of Gaussian components.
    public let components: Int
    /// Features to the K pre-tanh means (`head.mean_layer`).
    public let meanLayer: Linear
    /// The raw s_k of σ_k = softplus(s_k), 1 × K.
    public let scales: Parameter
    /// Features per row.
    public var inputSize: Int { meanLayer.inputSize }
    /// The mean layer's weights, then the scales.
    public var parameters: [Parameter] { meanLayer.parameters + [scales] }

    private let centres: [Float]
    private var means = Matrix(rows: 0, cols: 0)
    private var gaussians: [Float] = []
    private var mixture = Matrix(rows: 0, cols: 0)

    /// A head of K components over m bins; throws for K < 1 or m < 2.
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

    /// The log mixture density, log(mixture + ε), at the bin centres for each row.
    public func forward(_ input: Matrix) -> Matrix {
        var pre = meanLayer.forward(input)
        pre.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = tanh(v[i]) }
        }
        let (m, k, rows) = (bins, components, input.rows)
        let sigmas = standardDeviations
        let inverseTwoVariance = sigmas.map { 1 / (2 * $0 * $0) }
        let scale = sigmas.map { 1 / ($0 * Float((2 * Double.pi).squareRoot()) * Float(k)) }
        var g = [Float](repeating: 0, count: rows * k * m)
        var mix = Matrix(rows: rows, cols: m)
        var output = Matrix(rows: rows, cols: m)
        pre.values.withUnsafeBufferPointer { mu in
            centres.withUnsafeBufferPointer { x in
                g.withUnsafeMutableBufferPointer { gp in
                    mix.values.withUnsafeMutableBufferPointer { mp in
                        output.values.withUnsafeMutableBufferPointer { out in
                            for r in 0..<rows {
                                for j in 0..<k {
                                    let mean = mu[r * k + j], a = inverseTwoVariance[j], c = scale[j]
                                    let row = (r * k + j) * m
                                    for l in 0..<m {
                                        let d = x[l] - mean
                                        let value = c * exp(-d * d * a)
                                        gp[row + l] = value
                                        mp[r * m + l] += value
                                    }
                                }
                                for l in 0..<m { out[r * m + l] = log(mp[r * m + l] + Self.epsilon) }
                            }
                        }
                    }
                }
            }
        }
        means = pre
        gaussians = g
        mixture = mix
        return output
    }

    /// `gaussians` holds each component's density already divided by K, i.e. its share of the mixture.
    public func backward(_ outputGradient: Matrix) -> Matrix {
        let (m, k, rows) = (bins, components, outputGradient.rows)
        let sigmas = standardDeviations
        var meanGradient = Matrix(rows: rows, cols: k)
        var sigmaGradient = [Float](repeating: 0, count: k)
        outputGradient.values.withUnsafeBufferPointer { go in
            mixture.values.withUnsafeBufferPointer { mp in
                gaussians.withUnsafeBufferPointer { gp in
                    means.values.withUnsafeBufferPointer { mu in
                        centres.withUnsafeBufferPointer { x in
                            meanGradient.values.withUnsafeMutableBufferPointer { dm in
                                for r in 0..<rows {
                                    for j in 0..<k {
                                        let mean = mu[r * k + j], sigma = sigmas[j]
                                        let inverseVariance = 1 / (sigma * sigma)
                                        var dMu: Float = 0, dSigma: Float = 0
                                        for l in 0..<m {
                                            let t = go[r * m + l] / (mp[r * m + l] + Self.epsilon) * gp[(r * k + j) * m + l]
                                            let d = x[l] - mean
                                            dMu += t * d
                                            dSigma += t * (d * d * inverseVariance - 1)
                                        }
                                        dm[r * k + j] = dMu * inverseVariance * (1 - mean * mean)
                                        sigmaGradient[j] += dSigma / sigma
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for j in 0..<k {
            let s = scales.value.values[j]
            scales.gradient.values[j] += sigmaGradient[j] / (1 + exp(-s))
        }
        return meanLayer.backward(meanGradient)
    }
}
