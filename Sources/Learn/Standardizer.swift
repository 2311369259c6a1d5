/// Per-column standardisation, `sklearn.preprocessing.StandardScaler`: (x − mean) / std with the
/// population std, a zero std taken as 1. Fit it on training rows only, then apply it to every split.
public struct Standardizer: Sendable, Equatable {
    /// The column means.
    public let means: [Float]
    /// The column standard deviations, with 1 for a zero std.
    public let scales: [Float]

    /// The column means and standard deviations of `data` (accumulated in double).
    public init(fitting data: Matrix) {
        precondition(data.rows > 0, "fit a standardiser on at least one row")
        var sum = [Double](repeating: 0, count: data.cols), squares = sum
        for r in 0..<data.rows {
            for c in 0..<data.cols {
                let x = Double(data.values[r * data.cols + c])
                sum[c] += x
                squares[c] += x * x
            }
        }
        let n = Double(data.rows)
        means = sum.map { Float($0 / n) }
        scales = zip(sum, squares).map { s, q in
            let variance = max(q / n - (s / n) * (s / n), 0)
            return variance > 1e-12 ? Float(variance.squareRoot()) : 1
        }
    }

    /// The identity (standardisation off).
    public init(identityFor columns: Int) {
        means = [Float](repeating: 0, count: columns)
        scales = [Float](repeating: 1, count: columns)
    }

    /// `data` standardised column by column.
    public func apply(_ data: Matrix) -> Matrix {
        precondition(data.cols == means.count, "the standardiser was fitted on \(means.count) columns")
        var out = data
        for r in 0..<data.rows {
            for c in 0..<data.cols { out.values[r * data.cols + c] = (data.values[r * data.cols + c] - means[c]) / scales[c] }
        }
        return out
    }
}
