import Foundation
import LoomCore

/// Helpers shared by the test targets (not part of the `loom` product).
public enum TestSupport {
    /// Runs a program found on `PATH` with arguments (through `/usr/bin/env`, so a missing program
    /// exits 127); nil when it cannot be started at all.
    public static func run(_ program: String, _ arguments: [String], directory: URL? = nil) -> Subprocess.Captured? {
        try? Subprocess.capture(Subprocess.env, [program] + arguments, directory: directory)
    }

    /// Runs a Python 3 script with arguments (interoperability checks with numpy, scipy and others).
    public static func runPython(_ script: String, _ arguments: String...) -> Subprocess.Captured {
        run("python3", ["-c", script] + arguments)
            ?? .notStarted("python3")
    }

    /// Every regular file below `url`, as relative path → bytes.
    public static func folderContents(_ url: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: url.path)
        while let relative = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = url.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    /// The labels of `labels` that the dataset card in `folder` (its `README.md`) does not list in
    /// its data dictionary, or lists without a meaning; a missing card lists them all.
    public static func labelsMissingFromCard(in folder: URL, labels: [String]) -> [String] {
        let card = (try? String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        let rows = card.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }
        return labels.filter { label in
            guard let row = rows.first(where: { $0.hasPrefix("| `\(label)` |") }) else { return true }
            return row.hasSuffix("|  |")
        }
    }

    /// A fresh, unique folder under the system's temporary directory (not created).
    public static func scratchFolder(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("loom-\(label)-\(getpid())-\(UUID().uuidString)")
    }
}
