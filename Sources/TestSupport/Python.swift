import Foundation

/// Helpers shared by the test targets (not part of the `loom` product).
public enum TestSupport {
    /// Runs a Python 3 script with arguments and returns its exit status and combined output.
    ///
    /// Used for interoperability checks with numpy and other third-party readers.
    public static func runPython(_ script: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh, unique folder under the system's temporary directory (not created).
    public static func scratchFolder(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("loom-\(label)-\(getpid())-\(UUID().uuidString)")
    }
}
