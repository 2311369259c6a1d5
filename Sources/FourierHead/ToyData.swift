import Foundation
import Learn
import LoomCore

/// One toy dataset read from a folder written by `loom generate mixtures` (reference §2.1-2.2).
public struct ToyData: Sendable {
    public let folder: URL
    public let dataset: String
    /// The seed the dataset was generated with (from `dataset.json`).
    public let dataSeed: Int
    /// Bin indices of the two features as floats (the original's MLP input), one row per training row.
    public let trainInputs: Matrix
    public let trainLabels: [Int]
    public let testInputs: Matrix
    public let testLabels: [Int]
    /// The true PMF of each test row, row-major (test rows × bins).
    public let truePMFs: [Double]
    public let bins: Int

    /// Reads and checks the folder; `dataset` is the toy it must hold.
    public init(folder: URL, dataset: String) throws {
        self.folder = folder
        self.dataset = dataset
        let info = folder.appendingPathComponent("dataset.json")
        guard let text = try? String(contentsOf: info, encoding: .utf8) else {
            throw FourierHeadError.dataset("no dataset in \(folder.path) (missing dataset.json)")
        }
        guard let json = try? JSONValue.parse(text), case .string(let generator)? = json["generator"] else {
            throw FourierHeadError.unreadable(path: info.path, reason: "dataset.json is malformed")
        }
        guard generator == "mixtures" else {
            throw FourierHeadError.dataset("\(folder.path) was made by generator '\(generator)', not mixtures; give a `loom generate mixtures` folder")
        }
        guard case .string(let kind)? = json["config"]?["dataset"], kind == dataset else {
            let found = json["config"]?["dataset"].map { $0.text } ?? "nothing"
            throw FourierHeadError.dataset("\(folder.path) holds mixtures dataset \(found), not \(dataset)")
        }
        if case .int(let seed)? = json["seed"] { dataSeed = seed } else { dataSeed = -1 }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.jsonl").path) else {
            throw FourierHeadError.dataset("\(folder.path) is not a finished dataset (no manifest.jsonl): run its loom generate command again to finish it, or loom merge its shards")
        }

        func array(_ name: String, rank: Int) throws -> NpyArray {
            let url = folder.appendingPathComponent(name)
            let array: NpyArray
            do {
                array = try Npy.read(url)
            } catch {
                throw FourierHeadError.unreadable(path: url.path, reason: SystemError.reason(error))
            }
            guard array.shape.count == rank else {
                throw FourierHeadError.unreadable(path: url.path, reason: "expected \(rank) dimensions, found shape \(array.shape)")
            }
            return array
        }
        func integers(_ array: NpyArray, _ name: String) throws -> [Int] {
            do { return try array.values(as: Int64.self).map { Int($0) } } catch {
                throw FourierHeadError.unreadable(path: folder.appendingPathComponent(name).path, reason: "expected int64 values")
            }
        }
        let trainX = try array("train_inputs.npy", rank: 2), trainY = try array("train_labels.npy", rank: 1)
        let testX = try array("test_inputs.npy", rank: 2), testY = try array("test_labels.npy", rank: 1)
        let truth = try array("true_pmfs.npy", rank: 2)
        bins = truth.shape[1]
        guard trainX.shape == [trainY.shape[0], 2], testX.shape == [testY.shape[0], 2], truth.shape[0] == testY.shape[0],
              trainY.shape[0] > 0, testY.shape[0] > 0, bins >= 2 else {
            throw FourierHeadError.unreadable(path: folder.path, reason: "array shapes do not fit together (train \(trainX.shape), \(trainY.shape); test \(testX.shape), \(testY.shape); true_pmfs \(truth.shape))")
        }
        trainInputs = Matrix(rows: trainY.shape[0], cols: 2, values: try integers(trainX, "train_inputs.npy").map(Float.init))
        testInputs = Matrix(rows: testY.shape[0], cols: 2, values: try integers(testX, "test_inputs.npy").map(Float.init))
        trainLabels = try integers(trainY, "train_labels.npy")
        testLabels = try integers(testY, "test_labels.npy")
        do { truePMFs = try truth.values(as: Double.self) } catch {
            throw FourierHeadError.unreadable(path: folder.appendingPathComponent("true_pmfs.npy").path, reason: "expected float64 values")
        }
        let m = bins
        guard (trainLabels + testLabels).allSatisfy({ $0 >= 0 && $0 < m }) else {
            throw FourierHeadError.unreadable(path: folder.path, reason: "labels outside 0..<\(m)")
        }
    }
}
