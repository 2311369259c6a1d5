import LoomCore

/// A body (e.g. an MLP) followed by a head, trained with cross-entropy plus the head's regulariser.
public final class Classifier {
    /// The feature extractor.
    public let body: any Layer
    /// The head from features to logits over the bins.
    public let head: any Head
    /// The body's parameters, then the head's.
    public let parameters: [Parameter]

    /// A classifier of a body whose output size is the head's input size.
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

    /// Trains with Adam on shuffled mini-batches by `Fit` (the last one smaller when the batch size
    /// does not divide the rows, as PyTorch's `DataLoader` does), a fresh permutation from `shuffle` each epoch.
    ///
    /// Stops with `LearnError.nonFinite` naming the step and the first parameter whose value or gradient
    /// is NaN or infinite. `epochDone` gets each epoch's mean loss; `stepDone` gets each step's number
    /// (from 1), batch rows and loss after the update, while the step's gradients are still in place.
    public func train(inputs: Matrix, labels: [Int], epochs: Int, batchSize: Int, optimizer: Adam,
                      shuffle: inout RandomStream,
                      epochDone: (_ epoch: Int, _ meanLoss: Double) -> Void = { _, _ in },
                      stepDone: (_ step: Int, _ rows: ArraySlice<Int>, _ loss: Double) throws -> Void = { _, _, _ in }) throws {
        precondition(labels.count == inputs.rows && batchSize > 0 && epochs >= 0, "one label per row, a positive batch size")
        let fit = Fit(parameters: parameters, optimizer: optimizer, batchSize: batchSize, length: .epochs(epochs))
        try fit.run(rows: inputs.rows, shuffle: &shuffle, lossAndGradients: { rows in
            lossAndGradients(inputs.gathering(rows: rows), labels: rows.map { labels[$0] })
        }, epochDone: epochDone, stepDone: stepDone)
    }
}
