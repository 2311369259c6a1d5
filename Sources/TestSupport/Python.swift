import Foundation

/// What a finished child process printed and how it exited.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Whether it exited with status 0.
    public var succeeded: Bool { status == 0 }
}

/// Helpers shared by the test targets (not part of the `loom` product).
public enum TestSupport {
    /// Runs a program found on `PATH` with arguments; nil when it cannot be started.
    public static func run(_ program: String, _ arguments: [String]) -> ProcessResult? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        guard (try? process.run()) != nil else { return nil }
        // Read stderr on another thread so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a Python 3 script with arguments (interoperability checks with numpy, scipy and others).
    public static func runPython(_ script: String, _ arguments: String...) -> ProcessResult {
        run("python3", ["-c", script] + arguments)
            ?? ProcessResult(status: -1, stdout: "", stderr: "python3 could not be started")
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
