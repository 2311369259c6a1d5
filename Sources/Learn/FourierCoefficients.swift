import Foundation
import LoomCore

/// The part both Fourier heads share (reference fourier-head.md §1.2 steps 1-4 and §1.5): a linear map
/// to 2(N+1) numbers read as complex α_j = z_j + i·z_{N+1+j}, their autocorrelation
/// c_k = Σ_j α_{j+k}·conj(α_j) (k = 0…N), the normalised coefficients d_k = c_k / c_0 (k = 1…N), and the
/// regulariser γ · mean over rows of Σ_k 4π²k²|c_k|² on the unnormalised c_k.
///
/// Everything is in real arithmetic and in column layout: column b of z, c and d belongs to input row b
/// (z: 2(N+1) × B with Re α then Im α; c: Re c_0…Re c_N then Im c_0…Im c_N; d: Re d_1…Re d_N then
/// Im d_1…Im d_N). The O(N²) loops then run over the batch in their innermost loop, contiguous in memory,
/// and vectorise; the linear map is one sgemm in this layout.
final class FourierCoefficients {
    let frequencies: Int
    let gamma: Double
    /// Holds the weights (2(N+1) × inputs) and biases and their initialisation; its forward is not used.
    let linear: Linear
    /// c for the last forward batch, one column per row.
    private(set) var coefficients = Matrix(rows: 0, cols: 0)
    /// γ · mean Σ 4π²k²|c_k|² for the last forward batch.
    private(set) var regularization = 0.0
    private var input = Matrix(rows: 0, cols: 0)
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

    /// Features (B × inputs) to the normalised coefficients d (2N × B).
    func forward(_ input: Matrix) -> Matrix {
        let f = frequencies + 1, n = frequencies, rows = input.rows
        self.input = input
        var zt = Matrix(rows: 2 * f, cols: rows)
        zt.values.withUnsafeMutableBufferPointer { zp in
            for j in 0..<(2 * f) {
                let b = linear.bias.value.values[j]
                for r in 0..<rows { zp[j * rows + r] = b }
            }
        }
        BLAS.gemm(linear.weight.value, input, transposeB: true, beta: 1, into: &zt)
        z = zt
        coefficients = Self.autocorrelate(zt, frequencies: frequencies)
        var normalized = Matrix(rows: 2 * n, cols: rows)
        var penalty = 0.0
        coefficients.values.withUnsafeBufferPointer { cp in
            normalized.values.withUnsafeMutableBufferPointer { dp in
                let c = cp.baseAddress!, d = dp.baseAddress!
                for k in 1...n {
                    var sum = 0.0
                    for r in 0..<rows {
                        let re = c[k * rows + r], im = c[(f + k) * rows + r], c0 = c[r]
                        d[(k - 1) * rows + r] = re / c0
                        d[(n + k - 1) * rows + r] = im / c0
                        sum += Double(re) * Double(re) + Double(im) * Double(im)
                    }
                    penalty += 4 * Double.pi * Double.pi * Double(k * k) * sum
                }
            }
        }
        regularization = gamma * penalty / Double(max(rows, 1))
        return normalized
    }

    /// dLoss/dd (2N × B) back to dLoss/dinput (B × inputs), adding the regulariser's gradient; adds the
    /// weight and bias gradients.
    func backward(_ normalizedGradient: Matrix) -> Matrix {
        let f = frequencies + 1, n = frequencies, rows = z.cols
        var cGradient = Matrix(rows: 2 * f, cols: rows)
        let regularizerScale = gamma / Double(max(rows, 1))
        coefficients.values.withUnsafeBufferPointer { cp in
            normalizedGradient.values.withUnsafeBufferPointer { gp in
                cGradient.values.withUnsafeMutableBufferPointer { op in
                    let c = cp.baseAddress!, g = gp.baseAddress!, out = op.baseAddress!
                    for k in 1...n {
                        let weight = Float(regularizerScale * 8 * Double.pi * Double.pi * Double(k * k))
                        for r in 0..<rows {
                            let re = c[k * rows + r], im = c[(f + k) * rows + r], c0 = c[r]
                            let gRe = g[(k - 1) * rows + r], gIm = g[(n + k - 1) * rows + r]
                            out[k * rows + r] = gRe / c0 + weight * re
                            out[(f + k) * rows + r] = gIm / c0 + weight * im
                            out[r] -= (gRe * re + gIm * im) / (c0 * c0)
                        }
                    }
                }
            }
        }
        let zGradient = Self.autocorrelationBackward(z, cGradient, frequencies: frequencies)
        BLAS.gemm(zGradient, input, beta: 1, into: &linear.weight.gradient)
        linear.bias.gradient.values.withUnsafeMutableBufferPointer { db in
            zGradient.values.withUnsafeBufferPointer { g in
                for j in 0..<(2 * f) {
                    var sum: Float = 0
                    for r in 0..<rows { sum += g[j * rows + r] }
                    db[j] += sum
                }
            }
        }
        return BLAS.product(zGradient, transposeA: true, linear.weight.value)
    }

    /// c_k for every column of z, O(N²) per column.
    static func autocorrelate(_ z: Matrix, frequencies: Int) -> Matrix {
        let f = frequencies + 1, rows = z.cols
        var c = Matrix(rows: 2 * f, cols: rows)
        z.values.withUnsafeBufferPointer { zp in
            c.values.withUnsafeMutableBufferPointer { cp in
                let z = zp.baseAddress!, c = cp.baseAddress!
                for k in 0..<f {
                    let re = c + k * rows, im = c + (f + k) * rows
                    for j in 0..<(f - k) {
                        let a = z + j * rows, ak = z + (j + k) * rows, b = z + (f + j) * rows, bk = z + (f + j + k) * rows
                        for r in 0..<rows {
                            re[r] += ak[r] * a[r] + bk[r] * b[r]
                            im[r] += bk[r] * a[r] - ak[r] * b[r]
                        }
                    }
                }
            }
        }
        return c
    }

    /// dLoss/dz from dLoss/dc: ∂Re c_k/∂a_l = a_{l+k} + a_{l-k}, ∂Re c_k/∂b_l = b_{l+k} + b_{l-k},
    /// ∂Im c_k/∂a_l = b_{l+k} - b_{l-k}, ∂Im c_k/∂b_l = a_{l-k} - a_{l+k} (out-of-range terms are 0).
    static func autocorrelationBackward(_ z: Matrix, _ cGradient: Matrix, frequencies: Int) -> Matrix {
        let f = frequencies + 1, rows = z.cols
        var dz = Matrix(rows: 2 * f, cols: rows)
        z.values.withUnsafeBufferPointer { zp in
            cGradient.values.withUnsafeBufferPointer { gp in
                dz.values.withUnsafeMutableBufferPointer { dp in
                    let z = zp.baseAddress!, g = gp.baseAddress!, d = dp.baseAddress!
                    for l in 0..<f {
                        let da = d + l * rows, db = d + (f + l) * rows
                        for k in 0..<f {
                            let gRe = g + k * rows, gIm = g + (f + k) * rows
                            if l + k < f {
                                accumulate(da, db, gRe, gIm, z + (l + k) * rows, z + (f + l + k) * rows, sign: 1, count: rows)
                            }
                            if l - k >= 0 {
                                accumulate(da, db, gRe, gIm, z + (l - k) * rows, z + (f + l - k) * rows, sign: -1, count: rows)
                            }
                        }
                    }
                }
            }
        }
        return dz
    }

    /// da += gRe·a + s·gIm·b and db += gRe·b − s·gIm·a over `count` entries, four lanes at a time.
    @inline(__always)
    private static func accumulate(_ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>,
                                   _ gRe: UnsafePointer<Float>, _ gIm: UnsafePointer<Float>,
                                   _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, sign s: Float, count: Int) {
        typealias Lanes = SIMD4<Float>
        func load(_ p: UnsafePointer<Float>, _ i: Int) -> Lanes { UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self) }
        var i = 0
        while i + Lanes.scalarCount <= count {
            let re = load(gRe, i), im = load(gIm, i) * s, av = load(a, i), bv = load(b, i)
            UnsafeMutableRawPointer(da + i).storeBytes(of: load(da, i) + re * av + im * bv, as: Lanes.self)
            UnsafeMutableRawPointer(db + i).storeBytes(of: load(db, i) + re * bv - im * av, as: Lanes.self)
            i += Lanes.scalarCount
        }
        while i < count {
            let im = gIm[i] * s
            da[i] += gRe[i] * a[i] + im * b[i]
            db[i] += gRe[i] * b[i] - im * a[i]
            i += 1
        }
    }

    /// The density of each row of the last forward batch.
    func densities() -> [FourierDensity] {
        let f = frequencies + 1, rows = coefficients.cols
        return (0..<rows).map { r in
            FourierDensity(real: (0..<f).map { Double(coefficients[$0, r]) },
                           imaginary: (0..<f).map { Double(coefficients[f + $0, r]) })
        }
    }
}
