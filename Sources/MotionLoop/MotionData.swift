import Foundation
import LoomCore
import MotionCorrection

/// The windows of a finished mocap dataset (`loom generate mocap`), as the motion loop reads them:
/// every training and test window's features with its action label, and the training mean and std.
public struct MotionData: Sendable {
    /// The dataset folder.
    public let folder: URL
    /// Action names; a window's label is an index into them.
    public let actions: [String]
    /// Every training window (labels set).
    public let train: MotionBatch
    /// Every test window (labels set).
    public let test: MotionBatch
    /// Per-value mean and standard deviation of the training features (`mean.npy`, `std.npy`), one per feature column.
    public let mean: [Double]
    public let std: [Double]
    /// Frames per second.
    public let fps: Int

    public var frames: Int { train.frames }
    public var width: Int { train.width }

    /// Reads `folder`, which must hold a finished mocap dataset.
    public static func load(folder: URL) throws -> MotionData {
        let reader = try DatasetReader(folder: folder, generator: "mocap", hint: "make it with `loom generate mocap` (pipelines/default.yaml's mocap-full step)")
        let records = try reader.records()
        let actions = Array(Set(records.compactMap { $0.labels.string("action") })).sorted()
        var train: [Double] = [], test: [Double] = [], trainLabels: [Int] = [], testLabels: [Int] = []
        var shape: [Int] = []
        for record in records {
            let path = String(format: "windows/%05d/features.npy", record.index)
            let array = try Npy.read(reader.url(path))
            guard array.shape.count == 2, shape.isEmpty || array.shape == shape else {
                throw LoomError.usage("\(reader.url(path).path) has shape \(array.shape), expected \(shape.isEmpty ? "frames × width" : "\(shape)"); regenerate the mocap dataset")
            }
            shape = array.shape
            let values = try array.values(as: Float.self).map(Double.init)
            guard let action = record.labels.string("action"), let label = actions.firstIndex(of: action) else {
                throw LoomError.usage("window \(record.index) of \(folder.path) has no action label; regenerate the mocap dataset")
            }
            if record.labels.string("split") == "test" { test += values; testLabels.append(label) } else { train += values; trainLabels.append(label) }
        }
        guard !trainLabels.isEmpty, !testLabels.isEmpty else {
            throw LoomError.usage("\(folder.path) needs training and test windows (it has \(trainLabels.count) and \(testLabels.count))")
        }
        guard case .int(let fps)? = reader.config("fps"), fps > 0 else {
            throw LoomError.usage("\(folder.path)/dataset.json has no fps; regenerate the mocap dataset")
        }
        let mean = try Npy.read(reader.url("mean.npy")).values(as: Float.self).map(Double.init)
        let std = try Npy.read(reader.url("std.npy")).values(as: Float.self).map(Double.init)
        guard mean.count == shape[1], std.count == shape[1] else {
            throw LoomError.usage("\(folder.path)/mean.npy and std.npy must hold \(shape[1]) values; regenerate the mocap dataset")
        }
        return MotionData(folder: folder, actions: actions,
                          train: MotionBatch(values: train, frames: shape[0], width: shape[1], labels: trainLabels),
                          test: MotionBatch(values: test, frames: shape[0], width: shape[1], labels: testLabels),
                          mean: mean, std: std, fps: fps)
    }

    /// A fixed random subset of `n` training windows (the paper's fixed n-subsets, one for every seed
    /// and arm), and up to `heldOut` of the other training windows (a fixed random choice) as the
    /// evaluation's reference.
    public func split(_ n: Int, heldOut: Int, seed: UInt64) throws -> (real: MotionBatch, heldOut: MotionBatch) {
        guard n < train.count else {
            throw LoomError.usage("n = \(n) leaves none of the \(train.count) training windows of \(folder.path) to evaluate on; choose n < \(train.count)")
        }
        var random = RandomStream(seed: seed, dataset: "loop/motion/subset", index: 0)
        let order = random.permutation(train.count)
        return (train.gathering(order.prefix(n).sorted()), train.gathering(order.dropFirst(n).prefix(heldOut).sorted()))
    }
}

extension MotionBatch {
    /// The windows at `indices`, in that order, with their labels.
    func gathering(_ indices: some Collection<Int>) -> MotionBatch {
        MotionBatch(values: indices.flatMap { self[$0] }, frames: frames, width: width,
                    labels: labels.isEmpty ? [] : indices.map { labels[$0] })
    }
}
