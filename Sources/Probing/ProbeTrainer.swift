import Learn
import LoomCore

/// Trains one probe configuration on one split and scores it on validation and test.
public enum ProbeTrainer {
    /// The original's schedule: evaluate every 8 steps, stop after 256 evaluations without
    /// improvement, at most 100 epochs, keep the best weights.
    public static let schedule = EarlyStopping(interval: 8, patience: 256, maxEpochs: 100)

    /// What one trained probe scored: accuracy, or R² for tempo.
    public struct Score: Sendable {
        public let validation: Double
        public let test: Double
        public let steps: Int
        public let bestStep: Int
    }

    /// Trains `config` on `split.train`, selects weights on `split.validation` and scores `split.test`.
    /// Everything random comes from `random` (initialisation, dropout, batch order).
    public static func run(_ data: ProbeData, split: ProbeSplit, config: ProbeConfig, schedule: EarlyStopping = schedule,
                           random: RandomStream) throws -> Score {
        var random = random
        let d = data.features.cols
        let raw = data.features
        let scaler = config.standardize ? Standardizer(fitting: raw.gathering(rows: split.train)) : Standardizer(identityFor: d)
        let train = scaler.apply(raw.gathering(rows: split.train))
        let validation = scaler.apply(raw.gathering(rows: split.validation))
        let test = scaler.apply(raw.gathering(rows: split.test))

        var initialisation = RandomStream(seed: random.next(), dataset: "probe/init", index: 0)
        var shuffle = RandomStream(seed: random.next(), dataset: "probe/batches", index: 0)
        let dropoutSeed = random.next()
        let rate = Float(config.dropout)
        var layers: [any Layer] = [Dropout(size: d, rate: rate, random: RandomStream(seed: dropoutSeed, dataset: "probe/dropout", index: 0))]
        if config.hidden > 0 {
            layers += [Linear(inputs: d, outputs: config.hidden, name: "layers.1", random: &initialisation), ReLU(size: config.hidden),
                       Dropout(size: config.hidden, rate: rate, random: RandomStream(seed: dropoutSeed, dataset: "probe/dropout", index: 1))]
        }
        layers.append(Linear(inputs: config.hidden > 0 ? config.hidden : d, outputs: data.outputs, name: "output", random: &initialisation))
        let model = Sequential(layers)
        let optimizer = Adam(parameters: model.parameters, learningRate: Float(config.learningRate), weightDecay: Float(config.l2))

        func targets(_ rows: [Int]) -> ProbeTargets { ProbeTargets(data.targets, rows: rows) }
        let trainTargets = targets(split.train)
        let validationTargets = targets(split.validation), testTargets = targets(split.test)
        let outcome = try schedule.fit(model: model, optimizer: optimizer, rows: train.rows, batchSize: config.batchSize,
                                       random: &shuffle,
                                       step: { batch in
                                           let output = model.forward(train.gathering(rows: batch))
                                           let (loss, gradient) = trainTargets.lossAndGradient(output, rows: batch)
                                           _ = model.backward(gradient)
                                           return loss
                                       },
                                       score: { validationTargets.score(model.forward(validation)) })
        return Score(validation: outcome.bestScore, test: testTargets.score(model.forward(test)),
                     steps: outcome.steps, bestStep: outcome.bestStep)
    }
}

/// The targets of some rows, with the loss that trains on them and the score that judges them.
struct ProbeTargets {
    let classes: [Int]?
    let values: [Float]?

    init(_ targets: ProbeData.Targets, rows: [Int]) {
        switch targets {
        case .classes(let c, _): classes = rows.map { c[$0] }; values = nil
        case .values(let v): values = rows.map { v[$0] }; classes = nil
        }
    }

    /// Cross-entropy or MSE on the rows `batch` (positions into these targets).
    func lossAndGradient(_ output: Matrix, rows batch: ArraySlice<Int>) -> (Double, Matrix) {
        if let classes {
            return SoftmaxCrossEntropy.lossAndGradient(logits: output, labels: batch.map { classes[$0] })
        }
        let wanted = Matrix(rows: batch.count, cols: 1, values: batch.map { values![$0] })
        return MeanSquaredError.lossAndGradient(output: output, targets: wanted)
    }

    /// Accuracy, or the coefficient of determination R² = 1 − SS_res / SS_tot.
    func score(_ output: Matrix) -> Double {
        if let classes {
            var correct = 0
            for r in 0..<output.rows {
                let row = output.values[(r * output.cols)..<((r + 1) * output.cols)]
                if row.indices.max(by: { row[$0] < row[$1] })! - r * output.cols == classes[r] { correct += 1 }
            }
            return Double(correct) / Double(max(output.rows, 1))
        }
        let truth = values!.map(Double.init)
        let mean = truth.reduce(0, +) / Double(max(truth.count, 1))
        var residual = 0.0, total = 0.0
        for (i, t) in truth.enumerated() {
            residual += (Double(output.values[i]) - t) * (Double(output.values[i]) - t)
            total += (t - mean) * (t - mean)
        }
        return total > 0 ? 1 - residual / total : 0
    }
}
