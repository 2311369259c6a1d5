import Foundation

/// An output folder that one command owns part of: a dataset (`dataset.json`), a loop experiment or a
/// sweep (`config.json`). Opening it creates it, takes the lock of the part this process writes,
/// checks the config a first run wrote (naming the first difference) or writes it, and removes the
/// temporaries that killed runs left. A rerun with the same config resumes.
public struct RunFolder: Sendable {
    /// The folder.
    public let url: URL
    /// The lock this process holds while it writes; released when the last copy is gone.
    public let lock: FolderLock

    /// The files that say what kind of output a folder holds.
    public static let configFiles = ["dataset.json", "config.json"]

    /// Opens `url` to write `purpose` (e.g. "shard 0/3"), locking `lockName`. `config` is written to
    /// `configFile`, or compared with the one there; the top-level keys in `ignoring` (the loom version,
    /// options that cannot change the outputs; dotted paths reach inside) are left out of the comparison.
    public init(_ url: URL, configFile: String, config: JSONValue, lockName: String, purpose: String,
                ignoring: Set<String> = ["loom_version"]) throws {
        try Self.refuseOtherKind(url, configFile: configFile)
        try Self.refuseFileInTheWay(url)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw LoomError.unwritable(path: url.path, reason: SystemError.reason(error))
        }
        guard access(url.path, W_OK) == 0 else {
            throw LoomError.unwritable(path: url.path, reason: "permission denied")
        }
        lock = try FolderLock(folder: url, name: lockName, purpose: purpose)
        self.url = url
        let configURL = url.appendingPathComponent(configFile)
        if FileManager.default.fileExists(atPath: configURL.path) {
            guard let text = try? String(contentsOf: configURL, encoding: .utf8), let old = try? JSONValue.parse(text) else {
                throw LoomError.configMismatch(folder: url.path, difference: "its \(configFile) is unreadable")
            }
            if let difference = JSONValue.firstDifference(Self.strip(old, ignoring), Self.strip(config, ignoring)) {
                throw LoomError.configMismatch(folder: url.path, difference: difference)
            }
        } else {
            try AtomicFile.write(Data(config.prettyText.utf8), to: configURL)
        }
        AtomicFile.removeStrayTemporaries(in: url)
    }

    /// Why `name` cannot name an output folder under `--out` (it must stay inside it: a relative path
    /// such as `mixtures-gaussian` or `fourier-data/gaussian-1`), or nil when it can.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return "must be a relative folder inside --out (no '..', '.', leading '/' or empty parts)"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return "contains control characters" }
        return nil
    }

    /// Refuses a path where a file stands in place of the folder or one of its parents.
    static func refuseFileInTheWay(_ url: URL) throws {
        var current = url.standardizedFileURL
        while current.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue {
                    throw LoomError.unwritable(path: url.path, reason: "\(current.path) is a file, not a folder")
                }
                return
            }
            current.deleteLastPathComponent()
        }
    }

    /// Refuses a folder that holds another kind of output (a loop run into a dataset folder, or the reverse).
    static func refuseOtherKind(_ url: URL, configFile: String) throws {
        for other in configFiles where other != configFile {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(other).path) {
                let kind = other == "dataset.json" ? "a dataset" : "a stage's output (loop or sweep)"
                throw LoomError.usage("\(url.path) holds \(kind) (it has \(other)); write into another folder")
            }
        }
    }

    /// `config` without the keys in `paths` (dotted: `options.timeout`).
    static func strip(_ config: JSONValue, _ paths: Set<String>) -> JSONValue {
        guard case .object(let members) = config else { return config }
        return .object(members.compactMap { key, value in
            if paths.contains(key) { return nil }
            let inner = Set(paths.compactMap { $0.hasPrefix(key + ".") ? String($0.dropFirst(key.count + 1)) : nil })
            return (key, inner.isEmpty ? value : strip(value, inner))
        })
    }
}
