import Foundation
import Learn
import LoomCore

/// The handcrafted features of one concept on disk: `<kind>.npy` (float32, rows × dimensions)
/// for mel, mfcc, chroma and aggregate, `rows.csv` (index, row_id, clip, target) beside them,
/// and `features.json` naming the dataset version they were computed from.
public enum FeatureStore {
    static let stampName = "features.json"

    /// The features of `table`, read from `folder` when they were computed from the same manifest,
    /// else extracted on `jobs` threads and written there.
    public static func load(_ table: SynTheoryTable, folder: URL, jobs: Int, progress: ProgressStyle) throws -> [ClipFeatures.Kind: Matrix] {
        let n = table.rows.count
        let stamp = JSONValue.object([
            ("dataset", .string(table.folder.path)), ("manifest_sha256", .string(table.manifestHash)), ("rows", .int(n)),
            ("extractor", .string("librosa 0.11 defaults at 22050 Hz mono, peak-normalised; chroma tuning 0; moments of orders 0-2")),
        ])
        let stampURL = folder.appendingPathComponent(stampName)
        if let text = try? String(contentsOf: stampURL, encoding: .utf8), let old = try? JSONValue.parse(text),
           old["manifest_sha256"] == stamp["manifest_sha256"] {
            var out: [ClipFeatures.Kind: Matrix] = [:]
            for kind in ClipFeatures.Kind.allCases {
                let array = try Npy.read(folder.appendingPathComponent("\(kind.rawValue).npy"))
                guard array.shape == [n, kind.dimensions] else {
                    throw LoomError.runtime("\(folder.path)/\(kind.rawValue).npy is \(array.shape), expected [\(n), \(kind.dimensions)]; remove \(folder.path) to recompute")
                }
                out[kind] = Matrix(rows: n, cols: kind.dimensions, values: try array.values(as: Float.self))
            }
            ProgressReporter.note("features \(table.concept.name): reused \(folder.path)", style: progress)
            return out
        }
        let matrices = try FeatureExtraction.extract(table, jobs: jobs, progress: progress)
        var out: [ClipFeatures.Kind: Matrix] = [:]
        for kind in ClipFeatures.Kind.allCases {
            let values = matrices[kind]!
            try Npy.write(values, shape: [n, kind.dimensions], to: folder.appendingPathComponent("\(kind.rawValue).npy"))
            out[kind] = Matrix(rows: n, cols: kind.dimensions, values: values)
        }
        var index = CSVTable(header: ["index", "row_id", "clip", table.concept.target])
        for (i, row) in table.rows.enumerated() { index.append([String(i), String(row.rowID), row.clip, row.target]) }
        try index.write(to: folder.appendingPathComponent("rows.csv"))
        try AtomicFile.write(Data(stamp.prettyText.utf8), to: stampURL)
        return out
    }
}
