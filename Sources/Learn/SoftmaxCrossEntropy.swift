import Foundation

/// PyTorch's `nn.CrossEntropyLoss` (mean over the batch) on logits.
public enum SoftmaxCrossEntropy {
    /// The mean of `-log softmax(logits)[label]` over rows, and its gradient with respect to the logits.
    public static func lossAndGradient(logits: Matrix, labels: [Int]) -> (loss: Double, gradient: Matrix) {
        precondition(labels.count == logits.rows, "one label per row")
        let n = logits.cols
        var gradient = logits
        var total = 0.0
        let scale = 1 / Float(logits.rows)
        gradient.values.withUnsafeMutableBufferPointer { g in
            for r in 0..<logits.rows {
                let row = g.baseAddress! + r * n
                let label = labels[r]
                precondition(label >= 0 && label < n, "label \(label) is outside 0..<\(n)")
                let logit = row[label]
                total += Double(Categorical.softmaxInPlace(row, count: n) - logit)
                for c in 0..<n { row[c] *= scale }
                row[label] -= scale
            }
        }
        return (total / Double(logits.rows), gradient)
    }
}
