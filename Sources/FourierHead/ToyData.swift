import Foundation
import Learn
import LoomCore

/// One toy dataset read from a folder written by `loom generate mixtures` (reference §2.1-2.2).
public struct ToyData: Sendable {
    /// The dataset folder.
    public let folder: URL
    /// The toy's name (`gaussian`, `gmm2`, `beta` or `gmm`).
    public let dataset: String
    /// The seed the dataset was generated with (from `dataset.json`).
    public let dataSeed: Int
    /// Bin indices of the two features as floats (the original's MLP input), one row per training row.
    public let trainInputs: Matrix
    /// The class (bin index) of each training row.
    public let trainLabels: [Int]
    /// Bin indices of the two features of each test row, as floats.
    public let testInputs: Matrix
    /// The class (bin index) of each test row.
    public let testLabels: [Int]
    /// The true PMF of each test row, row-major (test rows × bins).
    public let truePMFs: [Double]
    /// The number of bins m (classes).
    public let bins: Int

    /// Reads and checks the folder; `dataset` is the toy it must hold.
    public init(folder: URL, dataset: String) throws {
        self.folder = folder
        self.dataset = dataset
        let reader: DatasetReader
        do {
            reader = try DatasetReader(folder: folder, generator: "mixtures", hint: "give a `loom generate mixtures` folder")
        } catch let error as LoomError where error.isUsageError {
            throw FourierHeadError.dataset(error.description)
        }
        guard case .string(let kind)? = reader.config("dataset"), kind == dataset else {
            let found = reader.config("dataset").map { $0.text } ?? "nothing"
            throw FourierHeadError.dataset("\(folder.path) holds mixtures dataset \(found), not \(dataset)")
        }
        dataSeed = reader.seed ?? -1

        func array(_ name: String, rank: Int) throws -> NpyArray {
            let url = folder.appendingPathComponent(name)
            let array: NpyArray
            do {
                array = try Npy.read(url)
            } catch LoomError.unreadable(let path, let reason) {
                throw Self.damaged(path, reason)
            }
            guard array.shape.count == rank else {
                throw Self.damaged(url.path, "expected \(rank) dimensions, found shape \(array.shape)")
            }
            return array
        }
        func integers(_ array: NpyArray, _ name: String) throws -> [Int] {
            do { return try array.values(as: Int64.self).map { Int($0) } } catch {
                throw Self.damaged(folder.appendingPathComponent(name).path, "expected int64 values")
            }
        }
        let trainX = try array("train_inputs.npy", rank: 2), trainY = try array("train_labels.npy", rank: 1)
        let testX = try array("test_inputs.npy", rank: 2), testY = try array("test_labels.npy", rank: 1)
        let truth = try array("true_pmfs.npy", rank: 2)
        bins = truth.shape[1]
        guard trainX.shape == [trainY.shape[0], 2], testX.shape == [testY.shape[0], 2], truth.shape[0] == testY.shape[0],
              trainY.shape[0] > 0, testY.shape[0] > 0, bins >= 2 else {
            throw Self.damaged(folder.path, "array shapes do not fit together (train \(trainX.shape), \(trainY.shape); test \(testX.shape), \(testY.shape); true_pmfs \(truth.shape))")
        }
        trainInputs = Matrix(rows: trainY.shape[0], cols: 2, values: try integers(trainX, "train_inputs.npy").map(Float.init))
        testInputs = Matrix(rows: testY.shape[0], cols: 2, values: try integers(testX, "test_inputs.npy").map(Float.init))
        trainLabels = try integers(trainY, "train_labels.npy")
        testLabels = try integers(testY, "test_labels.npy")
        do { truePMFs = try truth.values(as: Double.self) } catch {
            throw Self.damaged(folder.appendingPathComponent("true_pmfs.npy").path, "expected float64 values")
        }
        let m = bins
        guard (trainLabels + testLabels).allSatisfy({ $0 >= 0 && $0 < m }) else {
            throw Self.damaged(folder.path, "labels outside 0..<\(m)")
        }
    }

    /// A damaged dataset file: the core's error, saying how to make the file again.
    static func damaged(_ path: String, _ reason: String) -> LoomError {
        .unreadable(path: path, reason: reason + "; regenerate the dataset with `loom generate mixtures`")
    }
}
