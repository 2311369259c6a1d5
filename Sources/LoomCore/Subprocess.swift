import Foundation

/// The one way loom (and its tests and benches) runs another program: find it, start it with no
/// blocked signals, capture or log its output, stop it and its process group, and say how it ended.
public enum Subprocess {
    /// How a program ended.
    public enum Outcome: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal (this number) killed it.
        case signalled(Int32)
        /// It ran past its time limit and was stopped.
        case timedOut
    }

    /// What a finished program printed and how it exited.
    public struct Captured: Sendable {
        /// The exit status (or the signal number, for a program killed by a signal).
        public let status: Int32
        /// Everything it wrote to stdout, as UTF-8 (invalid bytes replaced).
        public let stdout: String
        /// Everything it wrote to stderr, as UTF-8 (invalid bytes replaced).
        public let stderr: String

        /// The result for a program that could not be started: status -1 and a line saying so.
        public static func notStarted(_ program: String) -> Captured {
            Captured(status: -1, stdout: "", stderr: "\(program) could not be started")
        }

        /// Whether it exited with status 0.
        public var succeeded: Bool { status == 0 }
    }

    /// `/usr/bin/env`, to start a program by its name on `PATH`.
    public static let env = URL(fileURLWithPath: "/usr/bin/env")

    /// The program's path: `name` itself when it holds a `/`, else the first match on `PATH`.
    public static func locate(_ name: String) -> URL? {
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

    /// Runs `executable` to completion with stdin from /dev/null and returns what it printed. Stdout
    /// and stderr are read at the same time, so a chatty program never blocks on a full pipe.
    ///
    /// - Parameters:
    ///   - directory: its working directory (default: this process's).
    ///   - environment: variables added to (or replacing) this process's environment.
    ///   - killAfter: seconds after which it is sent SIGKILL (for tests of killed runs).
    /// - Throws: the error of `Process.run` when it cannot be started.
    public static func capture(_ executable: URL, _ arguments: [String], directory: URL? = nil,
                               environment: [String: String] = [:], killAfter: Double? = nil) throws -> Captured {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try withSignalsUnblocked { try process.run() }
        let stdout = Drain(out.fileHandleForReading), stderr = Drain(err.fileHandleForReading)
        if let killAfter {
            Thread.sleep(forTimeInterval: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        let outData = stdout.wait(), errData = stderr.wait()
        process.waitUntilExit()
        return Captured(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                        stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `executable` with stdin from /dev/null and stdout+stderr into `log`, and waits at most
    /// `timeout` seconds; then stops it and its process group (see `stop`).
    /// - Throws: `LoomError.unwritable` when `log` cannot be created; `Process.run`'s error when the
    ///   program cannot be started.
    public static func run(_ executable: URL, arguments: [String], log: URL, timeout: Double) throws -> Outcome {
        let output = try logHandle(log)
        defer { try? output.close() }
        let finished = DispatchSemaphore(value: 0)
        let process = try start(executable, arguments: arguments, stdout: output, stderr: output) { _ in finished.signal() }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            stop(process, finished: finished)
            return .timedOut
        }
        return outcome(of: process)
    }

    /// Starts `executable` with stdin from /dev/null and its output into the given files, without
    /// waiting; `ended` is called when it ends.
    /// - Throws: `Process.run`'s error when the program cannot be started.
    public static func start(_ executable: URL, arguments: [String], stdout: FileHandle, stderr: FileHandle,
                             ended: (@Sendable (Process) -> Void)? = nil) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        process.terminationHandler = ended
        try withSignalsUnblocked { try process.run() }
        return process
    }

    /// A new, empty log file at `url`, open for writing.
    /// - Throws: `LoomError.unwritable` when it cannot be created.
    public static func logHandle(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path)
        else { throw LoomError.unwritable(path: url.path, reason: "cannot create the program's log") }
        return handle
    }

    /// Sends SIGTERM, and SIGKILL 2 s later, to `process` and its process group (Foundation starts a
    /// child as a group leader, so helpers it spawned go too); returns once it has ended.
    /// `finished` is signalled by the process's termination handler.
    public static func stop(_ process: Process, finished: DispatchSemaphore) {
        let pid = process.processIdentifier
        let target = getpgid(pid) == pid ? -pid : pid  // the whole group when the child leads one
        kill(target, SIGTERM)
        if finished.wait(timeout: .now() + 2) == .timedOut {
            kill(target, SIGKILL)
            finished.wait()
        }
    }

    /// How a process that has ended ended.
    public static func outcome(of process: Process) -> Outcome {
        switch process.terminationReason {
        case .uncaughtSignal: .signalled(process.terminationStatus)
        default: .exited(process.terminationStatus)
        }
    }

    /// Runs `body` with no signal blocked on this thread, so a child started in it does not inherit
    /// a worker thread's blocked SIGTERM and SIGINT (it could then not be stopped politely).
    public static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// The last non-empty line of a log file, shortened and with control bytes escaped, for error messages.
    public static func lastLine(of log: URL) -> String? {
        guard let data = try? Data(contentsOf: log) else { return nil }
        let text = String(decoding: data.suffix(4096), as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return (trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed).terminalSafe
    }
}

/// Reads a pipe to its end on its own thread.
private final class Drain: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read only after `wait`.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the pipe held, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
