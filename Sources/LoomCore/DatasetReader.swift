import Foundation

/// A finished dataset folder, as a stage reads it: its `dataset.json` and its manifest. The one
/// place that opens a dataset folder (stages, `merge`, `validate`).
public struct DatasetReader: Sendable {
    /// The dataset folder.
    public let folder: URL
    /// The generator that made it (`dataset.json`'s `generator`).
    public let generator: String
    /// `dataset.json` as written.
    public let info: JSONValue

    /// Opens `folder`, which must hold a finished dataset (with `manifest.jsonl`) made by `generator`
    /// (any generator when nil); errors are usage errors that end with `hint`, how to make it.
    public init(folder: URL, generator expected: String?, hint: String) throws {
        let (generator, info) = try Self.info(of: folder, hint: hint)
        if let expected, generator != expected {
            throw LoomError.usage("\(folder.path) was made by generator '\(generator)', not \(expected); \(hint)")
        }
        let manifest = folder.appendingPathComponent(DatasetRun.manifestName)
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw LoomError.usage("\(folder.path) is unfinished (no manifest.jsonl); rerun its generate step, or loom merge its shards")
        }
        self.folder = folder
        self.generator = generator
        self.info = info
    }

    /// The generator's name and the whole `dataset.json` of `folder`, finished or not.
    public static func info(of folder: URL, hint: String) throws -> (generator: String, info: JSONValue) {
        let infoURL = folder.appendingPathComponent(DatasetRun.infoName)
        guard let text = try? String(contentsOf: infoURL, encoding: .utf8) else {
            throw LoomError.usage("\(folder.path) is not a dataset folder (no dataset.json); \(hint)")
        }
        guard let info = try? JSONValue.parse(text), case .string(let generator)? = info["generator"] else {
            throw LoomError.unreadable(path: infoURL.path, reason: "not a loom dataset.json")
        }
        return (generator, info)
    }

    /// The samples, in index order (read from `manifest.jsonl` on each call).
    public func records() throws -> [ManifestRecord] {
        let manifest = folder.appendingPathComponent(DatasetRun.manifestName)
        let records = try ManifestRecord.readAll(manifest)
        guard records.map(\.index) == Array(0..<records.count) else {
            throw LoomError.unreadable(path: manifest.path, reason: "the records are not indices 0..<\(records.count) in order; run loom validate")
        }
        return records
    }

    /// The resolved config's value for `key` in `dataset.json`.
    public func config(_ key: String) -> JSONValue? { info["config"]?[key] }

    /// The seed it was generated with, if `dataset.json` records one.
    public var seed: Int? {
        if case .int(let seed)? = info["seed"] { return seed }
        return nil
    }

    /// The URL of a path relative to the dataset folder.
    public func url(_ relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }
}
