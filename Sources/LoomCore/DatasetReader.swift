import Foundation

/// A finished dataset folder, as a stage reads it: its `dataset.json` and its manifest records.
public struct DatasetReader: Sendable {
    /// The dataset folder.
    public let folder: URL
    /// The generator that made it (`dataset.json`'s `generator`).
    public let generator: String
    /// `dataset.json` as written.
    public let info: JSONValue
    /// The samples, in index order.
    public let records: [ManifestRecord]

    /// Opens `folder`, which must hold a finished dataset made by `generator`; errors say how to make it.
    public init(folder: URL, generator expected: String, hint: String) throws {
        let infoURL = folder.appendingPathComponent(DatasetRun.infoName)
        guard let text = try? String(contentsOf: infoURL, encoding: .utf8) else {
            throw LoomError.usage("\(folder.path) is not a dataset folder (no dataset.json); \(hint)")
        }
        guard let info = try? JSONValue.parse(text), case .string(let generator)? = info["generator"] else {
            throw LoomError.unreadable(path: infoURL.path, reason: "not a loom dataset.json")
        }
        guard generator == expected else {
            throw LoomError.usage("\(folder.path) holds a \(generator) dataset, not \(expected); \(hint)")
        }
        let manifest = folder.appendingPathComponent(DatasetRun.manifestName)
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw LoomError.usage("\(folder.path) is unfinished (no manifest.jsonl); rerun its generate step, or loom merge its shards")
        }
        let records = try ManifestRecord.readAll(manifest)
        guard records.map(\.index) == Array(0..<records.count) else {
            throw LoomError.unreadable(path: manifest.path, reason: "the records are not indices 0..<\(records.count) in order; run loom validate")
        }
        self.folder = folder
        self.generator = generator
        self.info = info
        self.records = records
    }

    /// The resolved config's value for `key` in `dataset.json`.
    public func config(_ key: String) -> JSONValue? { info["config"]?[key] }

    /// The URL of a path relative to the dataset folder.
    public func url(_ relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }
}
