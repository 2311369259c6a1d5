import Foundation

/// PyTorch's `nn.CrossEntropyLoss` (mean over the batch) on logits.
public enum SoftmaxCrossEntropy {
    /// The mean of `-log softmax(logits)[label]` over rows, and its gradient with respect to the logits.
    public static func lossAndGradient(logits: Matrix, labels: [Int]) -> (loss: Double, gradient: Matrix) {
        precondition(labels.count == logits.rows, "one label per row")
        let n = logits.cols
        var gradient = Matrix(rows: logits.rows, cols: n)
        var total = 0.0
        let scale = 1 / Float(logits.rows)
        logits.values.withUnsafeBufferPointer { z in
            gradient.values.withUnsafeMutableBufferPointer { g in
                for r in 0..<logits.rows {
                    let row = r * n
                    var top = -Float.infinity
                    for c in 0..<n { top = max(top, z[row + c]) }
                    var sum: Float = 0
                    for c in 0..<n {
                        let e = exp(z[row + c] - top)
                        g[row + c] = e
                        sum += e
                    }
                    let label = labels[r]
                    precondition(label >= 0 && label < n, "label \(label) is outside 0..<\(n)")
                    total += Double(log(sum) + top - z[row + label])
                    let inverse = 1 / sum
                    for c in 0..<n { g[row + c] *= inverse * scale }
                    g[row + label] -= scale
                }
            }
        }
        return (total / Double(logits.rows), gradient)
    }
}
