import Foundation
import LoomCore

/// Categorical distributions given by logits, one per row: probabilities, argmax and sampling.
public enum Categorical {
    /// Row-wise softmax in float32, as `torch.softmax(logits, 1)`.
    public static func softmax(_ logits: Matrix) -> Matrix {
        var out = logits
        out.values.withUnsafeMutableBufferPointer { p in
            for r in 0..<logits.rows { _ = softmaxInPlace(p.baseAddress! + r * logits.cols, count: logits.cols) }
        }
        return out
    }

    /// Replaces `count` logits by their softmax; returns log Σ exp(logits), computed stably.
    static func softmaxInPlace(_ row: UnsafeMutablePointer<Float>, count n: Int) -> Float {
        var top = -Float.infinity
        for c in 0..<n { top = max(top, row[c]) }
        var sum: Float = 0
        for c in 0..<n {
            row[c] = exp(row[c] - top)
            sum += row[c]
        }
        let inverse = 1 / sum
        for c in 0..<n { row[c] *= inverse }
        return log(sum) + top
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
