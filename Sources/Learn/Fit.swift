import LoomCore

/// The one mini-batch training loop of Learn: shuffled batches (a fresh permutation from `shuffle`
/// each epoch, the last batch smaller when the batch size does not divide the rows, as PyTorch's
/// `DataLoader`), zeroed gradients, the caller's loss and backward pass, optional clipping, the
/// optimiser's step and an optional EMA update.
public struct Fit {
    /// How long to train: whole epochs, or a number of steps (the last epoch cut short).
    public enum Length: Sendable, Equatable {
        /// This many passes over the rows.
        case epochs(Int)
        /// This many optimiser steps.
        case steps(Int)
    }

    /// The parameters the loop zeroes, clips (when asked) and steps.
    public let parameters: [Parameter]
    /// The optimiser that takes each step.
    public let optimizer: Adam
    /// Rows per batch (positive).
    public let batchSize: Int
    /// How long to train.
    public let length: Length
    /// Clip the global gradient norm to this before each step (nil: no clipping).
    public var clipNorm: Float?
    /// Averaged after each step.
    public var ema: ExponentialMovingAverage?

    /// A training loop; the batch size must be positive.
    public init(parameters: [Parameter], optimizer: Adam, batchSize: Int, length: Length, clipNorm: Float? = nil,
                ema: ExponentialMovingAverage? = nil) {
        precondition(batchSize > 0, "a positive batch size")
        self.parameters = parameters
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.length = length
        self.clipNorm = clipNorm
        self.ema = ema
    }

    /// Trains on `rows` examples. `lossAndGradients` gets a batch's row indices, adds the gradients to
    /// the parameters and returns the loss. Stops with `LearnError.nonFinite` naming the step and the
    /// first parameter whose value or gradient is NaN or infinite. `epochDone` gets each finished
    /// epoch's mean loss; `stepDone` each step's number (from 1), rows and loss after the update.
    public func run(rows: Int, shuffle: inout RandomStream, lossAndGradients: (ArraySlice<Int>) throws -> Double,
                    epochDone: (_ epoch: Int, _ meanLoss: Double) -> Void = { _, _ in },
                    stepDone: (_ step: Int, _ rows: ArraySlice<Int>, _ loss: Double) throws -> Void = { _, _, _ in }) throws {
        let totalSteps: Int
        switch length {
        case .epochs(let e): totalSteps = e * ((rows + batchSize - 1) / batchSize)
        case .steps(let s): totalSteps = s
        }
        precondition(rows > 0 || totalSteps == 0, "training needs at least one example")
        var step = 0, epoch = 0
        while step < totalSteps {
            let order = shuffle.permutation(rows)
            var total = 0.0, batches = 0
            for start in stride(from: 0, to: rows, by: batchSize) where step < totalSteps {
                let batch = order[start..<min(start + batchSize, rows)]
                step += 1
                optimizer.zeroGradients()
                let loss = try lossAndGradients(batch)
                guard loss.isFinite else { throw LearnError.nonFinite(step: step, parameter: culprit()) }
                if let clipNorm { clipGradientNorm(parameters, maxNorm: clipNorm) }
                optimizer.update()
                ema?.update()
                try stepDone(step, batch, loss)
                total += loss
                batches += 1
            }
            epoch += 1
            if case .epochs = length { epochDone(epoch, total / Double(batches)) }
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
