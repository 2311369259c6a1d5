import Foundation
import Synchronization

/// An external program (`ExternalProgram`, persistent mode) that stays running and takes requests
/// over a line protocol, so its start-up (an interpreter, imports, a loaded model) is paid once per
/// run instead of once per call.
///
/// loom writes the path of each call's `request.json` as one line on the program's stdin; the
/// program answers with one line on stdout, `ok` once it wrote the output, or `error <message>`.
/// Other stdout lines and all of stderr go to the log. End of stdin means: exit.
final class ProgramServer: @unchecked Sendable {
    /// How one call ended.
    enum Answer {
        case ok
        case failed(String)
        case timedOut
        case exited(Subprocess.Outcome)
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let log: FileHandle
    let logURL: URL
    private var pending = Data()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments`, its stderr into `logURL`.
    init(executable: URL, arguments: [String], logURL: URL) throws {
        log = try Subprocess.logHandle(logURL)
        self.logURL = logURL
        // A program that died must not take loom down with SIGPIPE when the next request is written.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = log
        let finished = self.finished
        process.terminationHandler = { _ in finished.signal() }
        try Subprocess.withSignalsUnblocked { try process.run() }
    }

    deinit {
        stop()
        try? log.close()
        try? FileManager.default.removeItem(at: logURL)
    }

    /// Sends one request and waits at most `timeout` seconds for its answer.
    func call(request: URL, timeout: Double) -> Answer {
        let line = Array((request.path + "\n").utf8)
        let written = line.withUnsafeBytes { write(input.fileHandleForWriting.fileDescriptor, $0.baseAddress, $0.count) }
        if written != line.count { return .exited(waitForExit()) }
        let deadline = Date().addingTimeInterval(timeout)
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces)
                pending.removeSubrange(pending.startIndex...newline)
                if text == "ok" { return .ok }
                if text == "error" || text.hasPrefix("error ") { return .failed(String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces)) }
                log.write(Data((text + "\n").utf8))
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timedOut }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return .exited(waitForExit()) }
            pending.append(contentsOf: chunk[0..<count])
        }
    }

    /// Waits (at most 5 s) for the program to end by itself, then reports how it ended.
    private func waitForExit() -> Subprocess.Outcome {
        if finished.wait(timeout: .now() + 5) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        return Subprocess.outcome(of: process)
    }

    /// Closes stdin (the program's cue to exit), then after 2 s sends SIGTERM and, 2 s later,
    /// SIGKILL to it and its process group.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + 2) == .success { return }
        Subprocess.stop(process, finished: finished)
    }
}

/// The running servers of one persistent program: a call takes an idle one or starts a new
/// one (so parallel runs each get their own), and gives it back when the call succeeded. A server
/// whose call failed is stopped and dropped.
final class ProgramServers: Sendable {
    private let idle = Mutex<[ProgramServer]>([])

    /// An idle server, or a new one from `start`.
    func take(start: () throws -> ProgramServer) rethrows -> ProgramServer {
        if let server = idle.withLock({ $0.popLast() }) { return server }
        return try start()
    }

    /// Keeps `server` for the next call.
    func giveBack(_ server: ProgramServer) {
        idle.withLock { $0.append(server) }
    }
}
