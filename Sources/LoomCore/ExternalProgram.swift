import Foundation

/// Any program that loom hands work to over its `.npy` + JSON child-process protocol (the external
/// correctors' and extractors', docs/self-consuming.md): loom writes the inputs and `request.json`
/// into a fresh folder, the program writes the outputs that the request names.
///
/// One call runs `command + [path of request.json]` with stdin closed and its output logged, and
/// waits at most `timeout` seconds (then SIGTERM, SIGKILL 2 s later, to its process group).
/// Persistent mode starts `command` alone once (per parallel caller) and keeps it running: loom
/// writes the path of each `request.json` as one line on its stdin and waits at most `timeout`
/// seconds for one line on its stdout, `ok` (outputs written) or `error <message>`; end of stdin
/// means exit. A program that cannot start, exits non-zero, dies, answers `error` or runs past
/// `timeout` fails the call with an `ExternalProgramFailure`.
public struct ExternalProgram: Sendable {
    /// The program's name in messages.
    public let name: String
    /// The program and its arguments.
    public let command: [String]
    /// Seconds one call may take before the program is killed.
    public let timeout: Double
    /// Whether the program stays running and takes calls over the line protocol.
    public let persistent: Bool
    let executable: URL
    let servers = ProgramServers()

    /// Checks that the program exists; `name` defaults to the file name of the command's last word
    /// that is not an option. `role` (e.g. `corrector`) names the kind of program in messages.
    /// - Throws: `ExternalProgramFailure` for an empty command, a bad timeout or a missing program.
    public init(command: [String], name: String? = nil, timeout: Double, persistent: Bool, role: String) throws {
        guard let program = command.first, !program.isEmpty else {
            throw ExternalProgramFailure("the external \(role) needs a command, e.g. command: [python3, my_\(role).py]")
        }
        guard timeout > 0, timeout.isFinite else {
            throw ExternalProgramFailure("the \(role) timeout must be a positive number of seconds, not \(timeout)")
        }
        let script = command.last { !$0.hasPrefix("-") } ?? program
        self.name = name ?? URL(fileURLWithPath: script).lastPathComponent
        guard let executable = Subprocess.locate(program) else {
            throw ExternalProgramFailure("\(role) '\(self.name)': command '\(program)' not found"
                + (program.contains("/") ? " or not executable" : " on PATH") + "; check `command` in the pipeline")
        }
        self.command = command
        self.timeout = timeout
        self.persistent = persistent
        self.executable = executable
    }

    /// Writes `request` as `folder/request.json` and runs the program on it. Returns the program's
    /// last line of output as ` (last output: …)`, or an empty string, for the caller's messages.
    public func call(_ request: JSONValue, in folder: URL) throws -> String {
        let requestURL = folder.appendingPathComponent("request.json")
        try AtomicFile.write(Data(request.prettyText.utf8), to: requestURL)
        return persistent ? try callServer(request: requestURL) : try runOnce(request: requestURL, log: folder.appendingPathComponent("program.log"))
    }

    /// The `.npy` the program wrote at `url` after a successful call (`said` from `call`).
    /// - Throws: `ExternalProgramFailure` when it is missing or unreadable.
    public func output(_ url: URL, said: String) throws -> NpyArray {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ExternalProgramFailure("\(persistent ? "answered ok" : "exited 0") but wrote no \(url.lastPathComponent) (request.json names the output path)\(said)")
        }
        do {
            return try Npy.read(url)
        } catch {
            throw ExternalProgramFailure("wrote an unreadable \(url.lastPathComponent): \(SystemError.reason(error))")
        }
    }

    /// One process for this call.
    func runOnce(request: URL, log: URL) throws -> String {
        let outcome: Subprocess.Outcome
        do {
            outcome = try Subprocess.run(executable, arguments: Array(command.dropFirst()) + [request.path], log: log, timeout: timeout)
        } catch {
            throw ExternalProgramFailure("cannot start \(command[0]): \(SystemError.reason(error))")
        }
        let said = Subprocess.lastLine(of: log).map { " (last output: \($0))" } ?? ""
        try check(outcome, said: said)
        return said
    }

    /// The call goes to a running server; a failed one is stopped.
    func callServer(request: URL) throws -> String {
        let server: ProgramServer
        do {
            server = try servers.take {
                // Named as a temporary of this process, so that the next run removes it if loom was killed.
                let log = AtomicFile.temporaryPath(for: FileManager.default.temporaryDirectory.appendingPathComponent("loom-program.log"))
                return try ProgramServer(executable: executable, arguments: Array(command.dropFirst()), logURL: log)
            }
        } catch {
            throw ExternalProgramFailure("cannot start \(command[0]): \(SystemError.reason(error))")
        }
        let answer = server.call(request: request, timeout: timeout)
        let said = Subprocess.lastLine(of: server.logURL).map { " (last output: \($0))" } ?? ""
        switch answer {
        case .ok:
            servers.giveBack(server)
            return said
        case .failed(let message):
            server.stop()
            throw ExternalProgramFailure("answered error: \(message.isEmpty ? "(no message)" : message)\(said)")
        case .timedOut:
            server.stop()
            try check(.timedOut, said: said)
        case .exited(let outcome):
            try check(outcome, said: said)
        }
        throw ExternalProgramFailure("exited with status 0 before answering\(said)")
    }

    /// Throws for a process that timed out, was killed or exited non-zero.
    func check(_ outcome: Subprocess.Outcome, said: String) throws {
        switch outcome {
        case .timedOut:
            let limit = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            throw ExternalProgramFailure("did not finish within \(limit) s and was killed\(said); raise `timeout` if it needs longer")
        case .signalled(let signal):
            throw ExternalProgramFailure("was killed by signal \(signal)\(said)")
        case .exited(let status) where status != 0:
            throw ExternalProgramFailure("exited with status \(status)\(said)")
        case .exited:
            break
        }
    }
}

/// Why an external program's call failed, one line; the caller adds what the call was for.
public struct ExternalProgramFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
