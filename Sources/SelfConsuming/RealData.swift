import Foundation
import LoomCore

/// Real data for a loop from a dataset folder that `loom generate` wrote.
public enum RealData {
    /// The folder's `samples.npy` (rows × d, float64) as points; the folder must hold a finished
    /// dataset (`dataset.json` and `manifest.jsonl`).
    public static func points(inDataset folder: URL) throws -> PointBatch {
        let reader: DatasetReader
        do {
            reader = try DatasetReader(folder: folder, generator: nil,
                                       hint: "generate it first, e.g. with `loom generate mixtures --dataset normal2d`")
        } catch let error as LoomError where error.isUsageError {
            throw LoomError.usage("real_data: \(error.description)")
        }
        let array = try Npy.read(reader.url("samples.npy"))
        guard array.shape.count == 2, array.shape[0] >= 1, array.shape[1] >= 1, array.descr == Double.npyDescr else {
            throw LoomError.usage("real_data: \(folder.path)/samples.npy must be a float64 array of rows × dimensions, not \(array.descr) \(array.shape)")
        }
        let values = try array.values(as: Double.self)
        guard values.allSatisfy(\.isFinite) else {
            throw LoomError.usage("real_data: \(folder.path)/samples.npy holds non-finite values")
        }
        return PointBatch(values: values, dimension: array.shape[1])
    }
}
