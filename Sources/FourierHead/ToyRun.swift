import Foundation
import Learn
import LoomCore

/// The head of one run, with the original's folder names.
public enum ToyHead: Hashable, Sendable {
    /// One linear layer to the bins.
    case linear
    /// A Gaussian mixture head of this many components.
    case gmm(components: Int)
    /// A Fourier head of N frequencies and regularisation weight γ.
    case fourier(frequencies: Int, gamma: Double)

    /// The head's folder name (`linear`, `gmm` or `fourier`).
    public var name: String {
        switch self {
        case .linear: "linear"
        case .gmm: "gmm"
        case .fourier: "fourier"
        }
    }

    /// γ as Python's `str(float)` writes it ("0.0", "1e-06"), as the original's folders do.
    public var gammaFolder: String {
        if case .fourier(_, let gamma) = self { return gamma.description }
        return "0.0"
    }

    /// N, or 0 for heads without frequencies (the original's `--n_freqs` default).
    public var frequencies: Int {
        if case .fourier(let n, _) = self { return n }
        return 0
    }

    /// γ, or 0 for heads without a regulariser.
    public var gamma: Double {
        if case .fourier(_, let gamma) = self { return gamma }
        return 0
    }

    /// The GMM head's components for a dataset, as the original's `run_exps_gmm.sh`: 1 for gaussian, else 2.
    public static func gmm(for dataset: String) -> ToyHead {
        .gmm(components: dataset == "gaussian" ? 1 : 2)
    }
}

/// One training run of the sweep: a dataset, a head and a seed.
public struct ToyRunSpec: Hashable, Sendable {
    /// The toy dataset's name.
    public let dataset: String
    /// The head trained.
    public let head: ToyHead
    /// The run seed (data and initialisation).
    public let seed: Int

    /// A run of this head on this dataset and seed.
    public init(dataset: String, head: ToyHead, seed: Int) {
        self.dataset = dataset
        self.head = head
        self.seed = seed
    }

    /// `<dataset>/<head>/<gamma>/<N>`, the original's output layout.
    public var folder: String { "\(dataset)/\(head.name)/\(head.gammaFolder)/\(head.frequencies)" }

    /// The folder and seed, for progress and errors.
    public var label: String { "\(folder) seed \(seed)" }
}

/// What one run leaves: the final-epoch test PMFs and their metrics.
public struct ToyRunResult: Sendable {
    /// The run this is the result of.
    public let spec: ToyRunSpec
    /// softmax of the head's output on every test row (float32, test rows × bins).
    public let pmfs: Matrix
    /// KL(true ‖ model) averaged over test rows (nats).
    public let klDivergence: Double
    /// Squared error of the expected bin's centre ("MSE").
    public let mse: Double
    /// Squared error of the argmax bin's centre ("MSE_argmax").
    public let mseArgmax: Double
    /// s(y) of every test PMF.
    public let smoothness: [Double]
    /// Mean training loss of the last epoch.
    public let finalLoss: Double
    /// Wall-clock time of the run (s); not part of the reproducible results.
    public let seconds: Double
}

/// Training settings shared by every run of a sweep.
public struct ToySchedule: Sendable {
    /// Passes over the training rows.
    public var epochs: Int
    /// Training rows per minibatch.
    public var batchSize: Int
    /// Adam's learning rate.
    public var learningRate: Double

    /// A schedule; the defaults are the paper's.
    public init(epochs: Int = 500, batchSize: Int = 32, learningRate: Double = 1e-3) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
    }
}

/// One run of the toy experiment (reference §2.3-2.5): MLP 2→64→32→head(m) on the bin indices as floats,
/// Adam, shuffled mini-batches, evaluated once after the last epoch.
public enum ToyTraining {
    /// Builds the model for a run. Initialisation draws from the run seed's own stream (body first, then
    /// head), so the same seed gives every head the same MLP start; the original left torch unseeded.
    public static func model(for spec: ToyRunSpec, bins: Int) throws -> Classifier {
        var random = RandomStream(seed: UInt64(spec.seed), dataset: "fourier-toy/init", index: 0)
        let body = Sequential.mlp(sizes: [2, 64, 32], random: &random)
        let head: any Head = switch spec.head {
        case .linear: LinearHead(inputs: 32, bins: bins, random: &random)
        case .gmm(let k): try GMMHead(inputs: 32, bins: bins, components: k, random: &random)
        case .fourier(let n, let gamma):
            try FourierHeadLayer(inputs: 32, bins: .uniform(bins), frequencies: n, gamma: gamma, random: &random)
        }
        return Classifier(body: body, head: head)
    }

    /// Trains and evaluates one run; `epochDone` is called after every epoch (for progress). With a
    /// `trace`, the run's steps are recorded into it.
    public static func run(_ spec: ToyRunSpec, data: ToyData, schedule: ToySchedule, smoothness: Smoothness,
                           trace: ToyTrace? = nil, epochDone: () -> Void = {}) throws -> ToyRunResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let classifier = try model(for: spec, bins: data.bins)
        let optimizer = Adam(parameters: classifier.parameters, learningRate: Float(schedule.learningRate))
        var shuffle = RandomStream(seed: UInt64(spec.seed), dataset: "fourier-toy/shuffle", index: 0)
        var finalLoss = Double.nan
        try trace?.start(classifier)
        do {
            try classifier.train(inputs: data.trainInputs, labels: data.trainLabels, epochs: schedule.epochs,
                                 batchSize: schedule.batchSize, optimizer: optimizer, shuffle: &shuffle,
                                 epochDone: { _, loss in
                                     finalLoss = loss
                                     epochDone()
                                 },
                                 stepDone: { step, rows, loss in
                                     try trace?.step(step, rows: rows, loss: loss, classifier: classifier, optimizer: optimizer)
                                 })
        } catch let error as LearnError {
            throw FourierHeadError.runFailed(run: spec.label, reason: error.description)
        }
        let logits = classifier.logits(data.testInputs)
        let pmfs = Categorical.softmax(logits)
        let result = ToyRunResult(
            spec: spec, pmfs: pmfs,
            klDivergence: ToyMetrics.klDivergence(truth: data.truePMFs, model: pmfs),
            mse: ToyMetrics.squaredError(predicted: ToyMetrics.expectedBins(pmfs), labels: data.testLabels, bins: data.bins),
            mseArgmax: ToyMetrics.squaredError(predicted: Categorical.argmax(logits), labels: data.testLabels, bins: data.bins),
            smoothness: smoothness.values(pmfs),
            finalLoss: finalLoss,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        try trace?.finish(result, trainRows: data.trainInputs.rows)
        return result
    }
}
