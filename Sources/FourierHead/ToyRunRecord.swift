import Foundation
import Learn
import LoomCore

/// What a finished run leaves besides its `pmfs_<seed>.npy`: its metrics, final loss and wall time, in
/// `<sweep>/.runs/<dataset>/<head>/<gamma>/<N>/<seed>.json`, written after the PMFs.
///
/// A run with its record is done: a rerun (resume) or another shard skips it, and the sweep's tables are
/// always made from these files, so a merge of shards writes the bytes one process writes.
enum ToyRunRecord {
    static let folder = ".runs"

    static func url(_ spec: ToyRunSpec, in sweep: URL) -> URL {
        sweep.appendingPathComponent("\(folder)/\(spec.folder)/\(spec.seed).json")
    }

    static func pmfsURL(_ spec: ToyRunSpec, in sweep: URL) -> URL {
        sweep.appendingPathComponent("\(spec.folder)/pmfs_\(spec.seed).npy")
    }

    /// Whether the run finished (its record is there).
    static func isFinished(_ spec: ToyRunSpec, in sweep: URL) -> Bool {
        FileManager.default.fileExists(atPath: url(spec, in: sweep).path)
    }

    /// Writes the run's PMFs, then its record.
    static func write(_ result: ToyRunResult, in sweep: URL) throws {
        try Npy.write(result.pmfs.values, shape: [result.pmfs.rows, result.pmfs.cols], to: pmfsURL(result.spec, in: sweep))
        let json = JSONValue.object([
            ("kl", .double(result.klDivergence)), ("mse", .double(result.mse)), ("mse_argmax", .double(result.mseArgmax)),
            ("final_loss", .double(result.finalLoss)), ("seconds", .double(result.seconds)),
        ])
        try AtomicFile.write(Data(json.prettyText.utf8), to: url(result.spec, in: sweep))
    }

    /// Reads a finished run back; the smoothness is recomputed from the saved PMFs.
    static func read(_ spec: ToyRunSpec, in sweep: URL, smoothness: Smoothness) throws -> ToyRunResult {
        let recordURL = url(spec, in: sweep), npyURL = pmfsURL(spec, in: sweep)
        func number(_ json: JSONValue, _ key: String) throws -> Double {
            switch json[key] {
            case .double(let v)?: return v
            case .int(let v)?: return Double(v)
            default: throw LoomError.unreadable(path: recordURL.path, reason: "'\(key)' is missing; delete the file to rerun the run")
            }
        }
        let json: JSONValue
        let array: NpyArray
        do {
            json = try JSONValue.parse(String(contentsOf: recordURL, encoding: .utf8))
            array = try Npy.read(npyURL)
        } catch let error as any UserFacingError {
            throw error
        } catch {
            throw LoomError.unreadable(path: recordURL.path, reason: SystemError.reason(error))
        }
        guard array.shape.count == 2 else {
            throw LoomError.unreadable(path: npyURL.path, reason: "expected a 2-D array, got shape \(array.shape)")
        }
        let pmfs = Matrix(rows: array.shape[0], cols: array.shape[1], values: try array.values(as: Float.self))
        return ToyRunResult(spec: spec, pmfs: pmfs, klDivergence: try number(json, "kl"), mse: try number(json, "mse"),
                            mseArgmax: try number(json, "mse_argmax"), smoothness: smoothness.values(pmfs),
                            finalLoss: try number(json, "final_loss"), seconds: try number(json, "seconds"))
    }
}
