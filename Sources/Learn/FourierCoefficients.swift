import Foundation
import LoomCore

/// The part both Fourier heads share (reference fourier-head.md §1.2 steps 1-4 and §1.5): a linear map
/// to 2(N+1) numbers read as complex α_j = z_j + i·z_{N+1+j}, their autocorrelation
/// c_k = Σ_j α_{j+k}·conj(α_j) (k = 0…N), the normalised coefficients d_k = c_k / c_0 (k = 1…N), and the
/// regulariser γ · mean over rows of Σ_k 4π²k²|c_k|² on the unnormalised c_k.
///
/// Everything is in real arithmetic: row b of `coefficients` holds Re c_0…Re c_N, then Im c_0…Im c_N.
final class FourierCoefficients {
    let frequencies: Int
    let gamma: Double
    let linear: Linear
    /// c for the last forward batch.
    private(set) var coefficients = Matrix(rows: 0, cols: 0)
    /// γ · mean Σ 4π²k²|c_k|² for the last forward batch.
    private(set) var regularization = 0.0
    private var z = Matrix(rows: 0, cols: 0)

    /// The linear layer starts from PyTorch's default init divided by 100 (weights and biases).
    init(inputs: Int, frequencies: Int, gamma: Double, name: String, random: inout RandomStream) throws {
        guard frequencies >= 1 else { throw LearnError.invalidArgument("a Fourier head needs at least 1 frequency, not \(frequencies)") }
        guard gamma >= 0, gamma.isFinite else { throw LearnError.invalidArgument("the regularisation γ must be 0 or positive, not \(gamma)") }
        guard inputs >= 1 else { throw LearnError.invalidArgument("a Fourier head needs at least 1 input") }
        self.frequencies = frequencies
        self.gamma = gamma
        linear = Linear(inputs: inputs, outputs: 2 * (frequencies + 1), name: name + ".fc_extract_autocorrelation_params",
                        random: &random, weightDivisor: 100, biasDivisor: 100)
    }

    /// Features to the normalised coefficients, one row per input row: Re d_1…Re d_N, Im d_1…Im d_N.
    func forward(_ input: Matrix) -> Matrix {
        z = linear.forward(input)
        coefficients = Self.autocorrelate(z, frequencies: frequencies)
        let f = frequencies + 1, n = frequencies
        var normalized = Matrix(rows: input.rows, cols: 2 * n)
        var penalty = 0.0
        coefficients.values.withUnsafeBufferPointer { c in
            normalized.values.withUnsafeMutableBufferPointer { d in
                for r in 0..<input.rows {
                    let row = c.baseAddress! + r * 2 * f
                    let c0 = row[0]
                    for k in 1...n {
                        d[r * 2 * n + k - 1] = row[k] / c0
                        d[r * 2 * n + n + k - 1] = row[f + k] / c0
                        let re = Double(row[k]), im = Double(row[f + k])
                        penalty += 4 * Double.pi * Double.pi * Double(k * k) * (re * re + im * im)
                    }
                }
            }
        }
        regularization = gamma * penalty / Double(max(input.rows, 1))
        return normalized
    }

    /// dLoss/d(normalised coefficients) back to dLoss/dinput, adding the regulariser's gradient.
    func backward(_ normalizedGradient: Matrix) -> Matrix {
        let f = frequencies + 1, n = frequencies, rows = z.rows
        var cGradient = Matrix(rows: rows, cols: 2 * f)
        let regularizerScale = gamma / Double(max(rows, 1))
        coefficients.values.withUnsafeBufferPointer { c in
            normalizedGradient.values.withUnsafeBufferPointer { dd in
                cGradient.values.withUnsafeMutableBufferPointer { dc in
                    for r in 0..<rows {
                        let row = c.baseAddress! + r * 2 * f
                        let out = dc.baseAddress! + r * 2 * f
                        let c0 = row[0]
                        var dc0: Float = 0
                        for k in 1...n {
                            let gRe = dd[r * 2 * n + k - 1], gIm = dd[r * 2 * n + n + k - 1]
                            let weight = Float(regularizerScale * 8 * Double.pi * Double.pi * Double(k * k))
                            out[k] = gRe / c0 + weight * row[k]
                            out[f + k] = gIm / c0 + weight * row[f + k]
                            dc0 -= (gRe * row[k] + gIm * row[f + k]) / (c0 * c0)
                        }
                        out[0] = dc0
                    }
                }
            }
        }
        let zGradient = Self.autocorrelationBackward(z, cGradient, frequencies: frequencies)
        return linear.backward(zGradient)
    }

    /// c_k for every row of z (O(N²) per row, accumulated in double).
    static func autocorrelate(_ z: Matrix, frequencies: Int) -> Matrix {
        let f = frequencies + 1
        var c = Matrix(rows: z.rows, cols: 2 * f)
        z.values.withUnsafeBufferPointer { zp in
            c.values.withUnsafeMutableBufferPointer { cp in
                for r in 0..<z.rows {
                    let a = zp.baseAddress! + r * 2 * f, b = a + f
                    for k in 0..<f {
                        var re = 0.0, im = 0.0
                        for j in 0..<(f - k) {
                            let (aj, bj, ajk, bjk) = (Double(a[j]), Double(b[j]), Double(a[j + k]), Double(b[j + k]))
                            re += ajk * aj + bjk * bj
                            im += bjk * aj - ajk * bj
                        }
                        cp[r * 2 * f + k] = Float(re)
                        cp[r * 2 * f + f + k] = Float(im)
                    }
                }
            }
        }
        return c
    }

    /// dLoss/dz from dLoss/dc: ∂Re c_k/∂a_l = a_{l+k} + a_{l-k}, ∂Re c_k/∂b_l = b_{l+k} + b_{l-k},
    /// ∂Im c_k/∂a_l = b_{l+k} - b_{l-k}, ∂Im c_k/∂b_l = a_{l-k} - a_{l+k} (out-of-range terms are 0).
    static func autocorrelationBackward(_ z: Matrix, _ cGradient: Matrix, frequencies: Int) -> Matrix {
        let f = frequencies + 1
        var zGradient = Matrix(rows: z.rows, cols: 2 * f)
        z.values.withUnsafeBufferPointer { zp in
            cGradient.values.withUnsafeBufferPointer { gp in
                zGradient.values.withUnsafeMutableBufferPointer { out in
                    for r in 0..<z.rows {
                        let a = zp.baseAddress! + r * 2 * f, b = a + f
                        let gRe = gp.baseAddress! + r * 2 * f, gIm = gRe + f
                        let da = out.baseAddress! + r * 2 * f, db = da + f
                        for l in 0..<f {
                            var sa: Float = 0, sb: Float = 0
                            for k in 0..<(f - l) {
                                sa += gRe[k] * a[l + k] + gIm[k] * b[l + k]
                                sb += gRe[k] * b[l + k] - gIm[k] * a[l + k]
                            }
                            for k in 0...l {
                                sa += gRe[k] * a[l - k] - gIm[k] * b[l - k]
                                sb += gRe[k] * b[l - k] + gIm[k] * a[l - k]
                            }
                            da[l] = sa
                            db[l] = sb
                        }
                    }
                }
            }
        }
        return zGradient
    }

    /// The density of each row of the last forward batch.
    func densities() -> [FourierDensity] {
        let f = frequencies + 1
        return (0..<coefficients.rows).map { r in
            let row = coefficients.row(r)
            return FourierDensity(real: row[0..<f].map(Double.init), imaginary: row[f...].map(Double.init))
        }
    }
}
