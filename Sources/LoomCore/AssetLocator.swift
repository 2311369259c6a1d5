import Foundation

/// Finds the files SynthLoom ships in `assets/` (e.g. `assets/syntheory/instruments.csv`,
/// `assets/fourier-head/paper_results.csv`).
///
/// Looks only in `$LOOM_ASSETS` when it is set; otherwise in an `assets` folder in or above the
/// executable's folder, the current folder, and the folder this source file was compiled from.
/// So `loom` finds them when run from a checkout, from `.build/release/`, and in tests.
public enum AssetLocator {
    /// The environment variable that names the assets folder.
    public static let environmentKey = "LOOM_ASSETS"

    /// The URL of `relativePath` inside the assets folder.
    /// - Throws: `LoomError.missingAsset` when no assets folder holds it.
    public static func url(_ relativePath: String) throws -> URL {
        let override = ProcessInfo.processInfo.environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 }
        for root in override.map({ [URL(fileURLWithPath: $0)] }) ?? candidates() {
            let url = root.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw LoomError.missingAsset(relativePath, override: override)
    }

    /// Folders that may hold the assets when `$LOOM_ASSETS` is not set, in the order they are tried.
    static func candidates() -> [URL] {
        var roots: [URL] = []
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                roots.append(folder.appendingPathComponent("assets"))
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return roots
    }
}
