import Foundation

/// Runs a program to completion with a time limit; its output goes to a log file.
enum ChildProcess {
    enum Outcome {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    /// The program's path: `name` itself when it holds a `/`, else the first match on `PATH`.
    static func locate(_ name: String) -> URL? {
        let manager = FileManager.default
        if name.contains("/") {
            return manager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + name
            if manager.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// Starts `executable` with `arguments`, stdin from /dev/null and stdout+stderr into `log`, and
    /// waits at most `timeout` seconds; then sends SIGTERM, and SIGKILL 2 s later, to it and its
    /// process group (Foundation starts the child as a group leader, so helpers it spawned go too).
    static func run(_ executable: URL, arguments: [String], log: URL, timeout: Double) throws -> Outcome {
        guard FileManager.default.createFile(atPath: log.path, contents: nil),
              let output = FileHandle(forWritingAtPath: log.path)
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? output.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try withSignalsUnblocked { try process.run() }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            let pid = process.processIdentifier
            let target = getpgid(pid) == pid ? -pid : pid  // the whole group when the child leads one
            kill(target, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(target, SIGKILL)
                finished.wait()
            }
            return .timedOut
        }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .signalled(process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }

    /// Runs `body` with no signal blocked on this thread, so a child started in it does not inherit
    /// the worker thread's blocked SIGTERM and SIGINT (it could then not be stopped politely).
    static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// The last non-empty line of a log file, shortened and with control bytes escaped, for error messages.
    static func lastLine(of log: URL) -> String? {
        guard let data = try? Data(contentsOf: log) else { return nil }
        let text = String(decoding: data.suffix(4096), as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return (trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed).terminalSafe
    }
}
