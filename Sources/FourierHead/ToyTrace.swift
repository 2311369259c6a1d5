import Foundation
import Learn
import LoomCore

/// One run's training, recorded for a step-by-step comparison with another implementation of the
/// same model (`docs/fourier-head/compare_original.py` replays it in the original PyTorch code).
///
/// In its folder: `init/<parameter>.npy` (float32, before the first step); `batches.npy` (int64,
/// epochs × training rows: each epoch's order of training rows, cut into batches in order);
/// `losses.npy` (float64, one per step: cross-entropy plus the regulariser); for each of the
/// checkpoint steps that the run reaches, and for its last step, `step<k>/<parameter>.npy`,
/// `.grad.npy`, `.adam_m.npy`, `.adam_v.npy` (after the update) and `probe_logits.npy` (the head's
/// output on the first `probeRows` test rows); `trace.json` with the run, the steps and the metrics.
public final class ToyTrace {
    /// Steps after which the whole state is written, unless others are given.
    public static let defaultCheckpoints = [1, 10, 1000]
    /// Test rows whose logits are written at each checkpoint.
    public static let probeRows = 32

    /// The folder the trace is written into.
    public let folder: URL
    /// Steps (from 1) after which the whole state is written.
    public let checkpoints: [Int]
    private let probe: Matrix
    private let lastStep: Int
    private var losses: [Double] = []
    private var order: [Int64] = []

    /// A trace of a run on `data` under `schedule`, written into `folder`, with the whole state after
    /// each step of `checkpoints` (numbered from 1) and after the last.
    public init(folder: URL, data: ToyData, schedule: ToySchedule, checkpoints: [Int] = ToyTrace.defaultCheckpoints) {
        self.folder = folder
        self.checkpoints = checkpoints
        let rows = min(Self.probeRows, data.testInputs.rows)
        probe = data.testInputs.gathering(rows: 0..<rows)
        let perEpoch = (data.trainInputs.rows + schedule.batchSize - 1) / schedule.batchSize
        lastStep = perEpoch * schedule.epochs
    }

    /// Writes the initial parameters.
    func start(_ classifier: Classifier) throws {
        for parameter in classifier.parameters {
            try write(parameter.value, "init/\(parameter.name).npy")
        }
    }

    /// Records one step; at a checkpoint, writes the state after it.
    func step(_ step: Int, rows: ArraySlice<Int>, loss: Double, classifier: Classifier, optimizer: Adam) throws {
        losses.append(loss)
        order += rows.map(Int64.init)
        guard checkpoints.contains(step) || step == lastStep else { return }
        for (i, parameter) in classifier.parameters.enumerated() {
            let base = "step\(step)/\(parameter.name)"
            let (first, second) = optimizer.moments(of: i)
            try write(parameter.value, base + ".npy")
            try write(parameter.gradient, base + ".grad.npy")
            try write(Matrix(rows: parameter.value.rows, cols: parameter.value.cols, values: first), base + ".adam_m.npy")
            try write(Matrix(rows: parameter.value.rows, cols: parameter.value.cols, values: second), base + ".adam_v.npy")
        }
        try write(classifier.logits(probe), "step\(step)/probe_logits.npy")
    }

    /// Writes the batch order, the losses and `trace.json`.
    func finish(_ result: ToyRunResult, trainRows: Int) throws {
        try Npy.write(order, shape: [order.count / trainRows, trainRows], to: folder.appendingPathComponent("batches.npy"))
        try Npy.write(losses, shape: [losses.count], to: folder.appendingPathComponent("losses.npy"))
        let steps = checkpoints.filter { $0 < lastStep }.sorted() + [lastStep]
        let summary = JSONValue.object([
            ("run", .string(result.spec.label)),
            ("steps", .int(losses.count)),
            ("checkpoints", .array(steps.map { .int($0) })),
            ("probe_rows", .int(probe.rows)),
            ("KL divergence", .double(result.klDivergence)),
            ("MSE", .double(result.mse)),
            ("MSE_argmax", .double(result.mseArgmax)),
        ])
        try AtomicFile.write(Data(summary.prettyText.utf8), to: folder.appendingPathComponent("trace.json"))
        try Npy.write(result.pmfs.values, shape: [result.pmfs.rows, result.pmfs.cols],
                      to: folder.appendingPathComponent("pmfs.npy"))
    }

    private func write(_ matrix: Matrix, _ path: String) throws {
        try Npy.write(matrix.values, shape: [matrix.rows, matrix.cols], to: folder.appendingPathComponent(path))
    }
}
