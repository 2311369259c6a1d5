import LoomCore

/// A body (e.g. an MLP) followed by a head, trained with cross-entropy plus the head's regulariser.
public final class Classifier {
    public let body: any Layer
    public let head: any Head
    public let parameters: [Parameter]

    public init(body: any Layer, head: any Head) {
        precondition(body.outputSize == head.inputSize, "the body gives \(body.outputSize) features, the head takes \(head.inputSize)")
        self.body = body
        self.head = head
        parameters = body.parameters + head.parameters
    }

    /// The head's logits for a batch; softmax of a row is the model's PMF.
    public func logits(_ input: Matrix) -> Matrix {
        head.forward(body.forward(input))
    }

    /// Cross-entropy plus the head's regulariser on one batch; adds the gradients to the parameters.
    public func lossAndGradients(_ input: Matrix, labels: [Int]) -> Double {
        let (loss, gradient) = SoftmaxCrossEntropy.lossAndGradient(logits: logits(input), labels: labels)
        _ = body.backward(head.backward(gradient))
        return loss + head.regularization
    }

    /// Trains with Adam on shuffled mini-batches (the last one smaller when the batch size does not
    /// divide the rows, as PyTorch's `DataLoader` does), a fresh permutation from `shuffle` each epoch.
    ///
    /// Stops with `LearnError.nonFinite` naming the step and the first parameter whose value or gradient
    /// is NaN or infinite. `epochDone` gets each epoch's mean loss; `stepDone` gets each step's number
    /// (from 1), batch rows and loss after the update, while the step's gradients are still in place.
    public func train(inputs: Matrix, labels: [Int], epochs: Int, batchSize: Int, optimizer: Adam,
                      shuffle: inout RandomStream,
                      epochDone: (_ epoch: Int, _ meanLoss: Double) -> Void = { _, _ in },
                      stepDone: (_ step: Int, _ rows: ArraySlice<Int>, _ loss: Double) throws -> Void = { _, _, _ in }) throws {
        precondition(labels.count == inputs.rows && batchSize > 0 && epochs >= 0, "one label per row, a positive batch size")
        var step = 0
        for epoch in 0..<epochs {
            let order = shuffle.permutation(inputs.rows)
            var total = 0.0, batches = 0
            for start in stride(from: 0, to: inputs.rows, by: batchSize) {
                let rows = order[start..<min(start + batchSize, inputs.rows)]
                step += 1
                optimizer.zeroGradients()
                let loss = lossAndGradients(inputs.gathering(rows: rows), labels: rows.map { labels[$0] })
                guard loss.isFinite else { throw LearnError.nonFinite(step: step, parameter: culprit()) }
                optimizer.update()
                try stepDone(step, rows, loss)
                total += loss
                batches += 1
            }
            epochDone(epoch + 1, total / Double(batches))
        }
        if let bad = parameters.first(where: { !$0.value.isFinite }) {
            throw LearnError.nonFinite(step: step, parameter: bad.name)
        }
    }

    /// The first parameter with a non-finite value, else with a non-finite gradient, else "the loss".
    private func culprit() -> String {
        parameters.first { !$0.value.isFinite }?.name
            ?? parameters.first { !$0.gradient.isFinite }.map { "the gradient of \($0.name)" }
            ?? "the loss"
    }
}
