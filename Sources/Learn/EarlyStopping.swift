import LoomCore

/// Mini-batch training that keeps the best weights by a validation score, as jukemir's probe
/// loop: evaluate every `interval` steps, stop after `patience` evaluations without improvement
/// or after `maxEpochs`, then restore the parameters of the best evaluation.
public struct EarlyStopping: Sendable {
    /// Steps between validation evaluations.
    public var interval: Int
    /// Evaluations without a better score before stopping.
    public var patience: Int
    /// Epochs (passes over the training rows) at most.
    public var maxEpochs: Int

    /// Stopping rules; all three must be positive.
    public init(interval: Int, patience: Int, maxEpochs: Int) {
        precondition(interval > 0 && patience > 0 && maxEpochs > 0, "positive interval, patience and epochs")
        self.interval = interval
        self.patience = patience
        self.maxEpochs = maxEpochs
    }

    /// What a fit did.
    public struct Outcome: Sendable {
        /// The best validation score (higher is better).
        public let bestScore: Double
        /// The step the best score was reached at.
        public let bestStep: Int
        /// Steps taken.
        public let steps: Int
    }

    /// Trains `model` with `optimizer` on shuffled batches of `rows` training rows (a fresh
    /// permutation from `random` each epoch). `step` gets a batch's row indices, runs forward and
    /// backward and returns the loss; `score` evaluates the current model on validation data.
    /// Dropout layers of a `Sequential` model are on while training and off for `score`.
    public func fit(model: any Layer, optimizer: Adam, rows: Int, batchSize: Int, random: inout RandomStream,
                    step: (_ batch: ArraySlice<Int>) -> Double, score: () -> Double) throws -> Outcome {
        precondition(rows > 0 && batchSize > 0, "training needs rows and a positive batch size")
        let dropouts = (model as? Sequential)?.layers.compactMap { $0 as? Dropout } ?? []
        func training(_ on: Bool) { for d in dropouts { d.isTraining = on } }
        var best = -Double.infinity, bestStep = 0, sinceBest = 0, steps = 0
        var saved = optimizer.parameters.map(\.value)
        func evaluate() -> Bool {
            training(false)
            defer { training(true) }
            let s = score()
            if s > best {
                best = s
                bestStep = steps
                sinceBest = 0
                saved = optimizer.parameters.map(\.value)
            } else {
                sinceBest += 1
            }
            return sinceBest >= patience
        }
        training(true)
        defer { training(false) }
        var stop = evaluate()
        epochs: for _ in 0..<maxEpochs where !stop {
            let order = random.permutation(rows)
            for start in stride(from: 0, to: rows, by: batchSize) {
                optimizer.zeroGradients()
                let loss = step(order[start..<min(start + batchSize, rows)])
                steps += 1
                guard loss.isFinite else {
                    throw LearnError.nonFinite(step: steps, parameter: optimizer.parameters.first { !$0.value.isFinite }?.name ?? "the loss")
                }
                optimizer.update()
                if steps % interval == 0, evaluate() {
                    stop = true
                    break epochs
                }
            }
        }
        for (parameter, value) in zip(optimizer.parameters, saved) { parameter.value = value }
        return Outcome(bestScore: best, bestStep: bestStep, steps: steps)
    }
}
