import Learn
import LoomCore
import MotionCorrection

/// The compact code of a motion window: PCA of the whole z-normalised window (frames × width
/// values), fitted on real training windows, each component scaled to unit variance.
///
/// encode: c_i = ((z − μ)·v_i) / s_i; decode: z = μ + Σ c_i s_i v_i, then features = z·std + mean.
public struct MotionCode: Sendable {
    public let frames: Int
    public let width: Int
    /// The dataset's per-column mean and std of the features.
    let featureMean: [Float]
    let featureStd: [Float]
    /// μ, the mean normalised window.
    let centre: [Float]
    /// The principal axes v_i as rows (dimension × frames·width), largest variance first.
    let axes: Matrix
    /// s_i, the standard deviation of each component over the fitted windows.
    let scales: [Float]

    /// Code values per window.
    public var dimension: Int { axes.rows }

    /// The share of the fitted windows' variance the code keeps.
    public let explainedVariance: Double

    /// Fits `dimension` components (at most windows − 1) to `windows`, normalised by `mean` and `std` per column.
    public init(fitting windows: MotionBatch, mean: [Double], std: [Double], dimension: Int) throws {
        let n = windows.count, size = windows.sampleSize
        frames = windows.frames
        width = windows.width
        featureMean = mean.map(Float.init)
        featureStd = std.map(Float.init)
        var z = Self.normalise(windows, mean: featureMean, std: featureStd)
        var centre = [Float](repeating: 0, count: size)
        for r in 0..<n { for c in 0..<size { centre[c] += z.values[r * size + c] } }
        centre = centre.map { $0 / Float(n) }
        for r in 0..<n { for c in 0..<size { z.values[r * size + c] -= centre[c] } }
        self.centre = centre
        // Components from the n × n Gram matrix: Z Zᵀ u = λ u gives the axis v = Zᵀu / √λ.
        let gram = BLAS.product(z, z, transposeB: true)
        let (values, vectors) = try SymmetricEigen.decompose(gram.values.map(Double.init), size: n)
        let total = values.reduce(0) { $0 + max($1, 0) }
        let kept = (0..<n).reversed().filter { values[$0] > 1e-9 * max(values[n - 1], 1e-30) }.prefix(min(dimension, n - 1))
        guard !kept.isEmpty else { throw LoomError.usage("the training windows are all the same; a motion code needs varied windows") }
        var axes = Matrix(rows: kept.count, cols: size)
        for (i, k) in kept.enumerated() {
            let u = Matrix(rows: 1, cols: n, values: vectors[(k * n)..<((k + 1) * n)].map(Float.init))
            var axis = BLAS.product(u, z)
            let norm = axis.values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            // A sign convention (largest entry positive) so the code does not depend on the solver's choice.
            let largest = axis.values.indices.max { abs(axis.values[$0]) < abs(axis.values[$1]) }!
            let sign: Float = axis.values[largest] < 0 ? -1 : 1
            axis.values = axis.values.map { $0 * sign / Float(norm) }
            for c in 0..<size { axes.values[i * size + c] = axis.values[c] }
        }
        self.axes = axes
        scales = kept.map { Float((values[$0] / Double(max(n - 1, 1))).squareRoot()) }
        explainedVariance = kept.reduce(0) { $0 + values[$1] } / max(total, 1e-30)
    }

    static func normalise(_ windows: MotionBatch, mean: [Float], std: [Float]) -> Matrix {
        let w = windows.width
        var out = Matrix(rows: windows.count, cols: windows.sampleSize)
        for i in out.values.indices { out.values[i] = (Float(windows.values[i]) - mean[i % w]) / std[i % w] }
        return out
    }

    /// The codes of `windows` (count × dimension).
    public func encode(_ windows: MotionBatch) -> Matrix {
        var z = Self.normalise(windows, mean: featureMean, std: featureStd)
        let size = z.cols
        for r in 0..<z.rows { for c in 0..<size { z.values[r * size + c] -= centre[c] } }
        var codes = BLAS.product(z, axes, transposeB: true)
        for r in 0..<codes.rows { for k in 0..<dimension { codes.values[r * dimension + k] /= scales[k] } }
        return codes
    }

    /// The windows of `codes` (count × dimension), with `labels`.
    public func decode(_ codes: Matrix, labels: [Int]) -> MotionBatch {
        var scaled = codes
        for r in 0..<codes.rows { for k in 0..<dimension { scaled.values[r * dimension + k] *= scales[k] } }
        let z = BLAS.product(scaled, axes)
        let size = z.cols
        var values = [Double](repeating: 0, count: z.values.count)
        for r in 0..<z.rows {
            for c in 0..<size {
                values[r * size + c] = Double((z.values[r * size + c] + centre[c]) * featureStd[c % width] + featureMean[c % width])
            }
        }
        return MotionBatch(values: values, frames: frames, width: width, labels: labels)
    }
}
