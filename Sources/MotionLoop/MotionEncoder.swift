import Learn
import LoomCore
import MotionCorrection

/// The frozen motion encoder of the metrics (the stand-in for the T2M evaluator): an MLP action
/// classifier trained once on every real training window, whose last hidden layer (ReLU) is the embedding.
///
/// Input: the z-normalised features of every `stride`-th frame. It is kept as a `StateDict` and
/// rebuilt where it is used, so it crosses threads.
public struct MotionEncoder: Sendable {
    public let frames: Int
    public let width: Int
    public let classes: Int
    /// Every `stride`-th frame is read.
    public let stride: Int
    public let hidden: [Int]
    let featureMean: [Float]
    let featureStd: [Float]
    public let state: StateDict
    /// The classifier's accuracy on the windows it was trained on.
    public let trainingAccuracy: Double

    /// Values of one input row.
    var inputSize: Int { (frames + stride - 1) / stride * width }
    /// Values of one embedding.
    public var embeddingSize: Int { hidden.last! }

    /// Trains the encoder on `windows` (labels set) for `epochs` with Adam, from `random`.
    public init(training windows: MotionBatch, classes: Int, mean: [Double], std: [Double], hidden: [Int] = [128, 64],
                stride: Int = 2, epochs: Int = 40, random: inout RandomStream) throws {
        frames = windows.frames
        width = windows.width
        self.classes = classes
        self.stride = stride
        self.hidden = hidden
        featureMean = mean.map(Float.init)
        featureStd = std.map(Float.init)
        var initial = random.substream("init")
        let classifier = Self.network(inputs: (frames + stride - 1) / stride * width, hidden: hidden, classes: classes, random: &initial)
        let x = Self.inputs(windows, stride: stride, mean: featureMean, std: featureStd)
        var shuffle = random.substream("shuffle")
        try classifier.train(inputs: x, labels: windows.labels, epochs: epochs, batchSize: 32,
                             optimizer: Adam(parameters: classifier.parameters, learningRate: 1e-3, weightDecay: 1e-4), shuffle: &shuffle)
        state = StateDict(parameters: classifier.parameters)
        let predicted = Self.argmax(classifier.logits(x))
        trainingAccuracy = Double(zip(predicted, windows.labels).filter { $0 == $1 }.count) / Double(max(windows.count, 1))
    }

    static func network(inputs: Int, hidden: [Int], classes: Int, random: inout RandomStream) -> Classifier {
        let body = Sequential.mlp(sizes: [inputs] + hidden, random: &random)
        return Classifier(body: body, head: LinearHead(inputs: hidden.last!, bins: classes, random: &random))
    }

    static func inputs(_ windows: MotionBatch, stride: Int, mean: [Float], std: [Float]) -> Matrix {
        let kept = Array(Swift.stride(from: 0, to: windows.frames, by: stride)), w = windows.width
        var out = Matrix(rows: windows.count, cols: kept.count * w)
        for i in 0..<windows.count {
            for (f, frame) in kept.enumerated() {
                for c in 0..<w {
                    let v = Float(windows.values[(i * windows.frames + frame) * w + c])
                    out.values[(i * kept.count + f) * w + c] = (v - mean[c]) / std[c]
                }
            }
        }
        return out
    }

    static func argmax(_ logits: Matrix) -> [Int] {
        (0..<logits.rows).map { r in (0..<logits.cols).max { logits[r, $0] < logits[r, $1] }! }
    }

    /// The embeddings (count × embeddingSize) and predicted actions of `windows`.
    public func embed(_ windows: MotionBatch) -> (embeddings: Matrix, predicted: [Int]) {
        var unused = RandomStream(seed: 0, dataset: "loop/motion/encoder", index: 0)
        let classifier = Self.network(inputs: inputSize, hidden: hidden, classes: classes, random: &unused)
        try! state.load(into: classifier.parameters)  // the state came from this very network
        let features = classifier.body.forward(Self.inputs(windows, stride: stride, mean: featureMean, std: featureStd))
        return (features, Self.argmax(classifier.head.forward(features)))
    }
}
