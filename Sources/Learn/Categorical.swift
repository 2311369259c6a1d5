import Foundation
import LoomCore

/// Categorical distributions given by logits, one per row: probabilities, argmax and sampling.
public enum Categorical {
    /// Row-wise softmax in float32, as `torch.softmax(logits, 1)`.
    public static func softmax(_ logits: Matrix) -> Matrix {
        var out = logits
        let n = logits.cols
        out.values.withUnsafeMutableBufferPointer { p in
            for r in 0..<logits.rows {
                let row = r * n
                var top = -Float.infinity
                for c in 0..<n { top = max(top, p[row + c]) }
                var sum: Float = 0
                for c in 0..<n {
                    p[row + c] = exp(p[row + c] - top)
                    sum += p[row + c]
                }
                for c in 0..<n { p[row + c] /= sum }
            }
        }
        return out
    }

    /// The index of each row's largest entry (the first one on ties).
    public static func argmax(_ matrix: Matrix) -> [Int] {
        (0..<matrix.rows).map { r in
            var best = 0
            for c in 1..<matrix.cols where matrix[r, c] > matrix[r, best] { best = c }
            return best
        }
    }

    /// One draw per row from softmax(logits), from `random`.
    public static func sample(logits: Matrix, random: inout RandomStream) -> [Int] {
        let probabilities = softmax(logits)
        return (0..<logits.rows).map { r in random.categorical(probabilities.row(r).map(Double.init)) }
    }
}
