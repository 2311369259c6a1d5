import Foundation
import LoomCore

/// A corrector that is any program: loom hands it a batch as `.npy` plus a JSON request and reads
/// the corrected batch back.
///
/// Protocol (version 1), one call per synthetic batch:
/// 1. loom makes a fresh folder holding `batch.npy` (float64, shape `[count] + sampleShape`) and
///    `request.json` with `protocol`, `corrector`, `experiment`, `arm`, `seed`, `generation`,
///    `gamma`, `strength` (s = γ/(1+γ)), `random_seed` (for the program's own RNG, so runs repeat),
///    `shape`, `dtype`, `input` and `output` (absolute paths).
/// 2. It runs `command + [path of request.json]` in the current folder, stdin closed, stdout and
///    stderr captured.
/// 3. The program writes `output` (`corrected.npy`, float64 or float32, the same shape) and exits 0.
/// loom stops the run if the program cannot start, exits non-zero, runs past `timeout` seconds
/// (it is killed), or writes a missing, malformed, wrongly shaped or non-finite array.
///
/// Persistent mode (`persistent: true`): the program is started once (per parallel run) with
/// `command` alone and stays running; steps 1 and 3 are the same, but instead of step 2 loom writes
/// the path of `request.json` as one line on its stdin and waits for one line on its stdout: `ok`
/// (output written) or `error <message>`. End of stdin means exit. The same checks apply, per batch:
/// a program that dies, answers `error`, or runs past `timeout` is stopped and the run fails.
public struct ExternalCorrector<Batch: SampleBatch>: Corrector {
    public let name: String
    public let command: [String]
    public let timeout: Double
    /// Whether the program stays running and takes batches over the line protocol.
    public let persistent: Bool
    let executable: URL
    let servers = CorrectorServers()

    public static var protocolVersion: String { "loom-corrector/1" }

    /// Checks that the program exists; `name` defaults to the file name of the command's last word that is not an option.
    public init(command: [String], name: String? = nil, timeout: Double, persistent: Bool = false) throws {
        guard let program = command.first, !program.isEmpty else {
            throw LoomError.usage("the external corrector needs a command, e.g. command: [python3, my_corrector.py]")
        }
        guard timeout > 0, timeout.isFinite else {
            throw LoomError.usage("the corrector timeout must be a positive number of seconds, not \(timeout)")
        }
        let script = command.last { !$0.hasPrefix("-") } ?? program
        self.name = name ?? URL(fileURLWithPath: script).lastPathComponent
        guard let executable = Subprocess.locate(program) else {
            throw LoomError.usage("corrector '\(self.name)': command '\(program)' not found"
                + (program.contains("/") ? " or not executable" : " on PATH") + "; check `command` in the pipeline")
        }
        self.command = command
        self.timeout = timeout
        self.persistent = persistent
        self.executable = executable
    }

    public func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, random: inout RandomStream) throws -> Batch {
        let manager = FileManager.default
        let folder = try AtomicFile.systemScratchFolder(purpose: "loom-corrector")
        defer { try? manager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("batch.npy")
        let output = folder.appendingPathComponent("corrected.npy")
        let requestURL = folder.appendingPathComponent("request.json")
        let log = folder.appendingPathComponent("corrector.log")
        let shape = [batch.count] + batch.sampleShape
        try Npy.write(batch.values, shape: shape, to: input)
        let request = JSONValue.object([
            ("protocol", .string(Self.protocolVersion)),
            ("corrector", .string(name)),
            ("experiment", .string(context.experiment)),
            ("arm", .string(context.arm)),
            ("seed", .int(Int(truncatingIfNeeded: context.seed))),
            ("generation", .int(context.generation)),
            ("gamma", .double(gamma)),
            ("strength", .double(correctionFraction(gamma: gamma))),
            ("random_seed", .int(Int(random.next() >> 1))),
            ("shape", .array(shape.map { .int($0) })),
            ("dtype", .string("float64")),
            ("input", .string(input.path)),
            ("output", .string(output.path)),
        ])
        try AtomicFile.write(Data(request.prettyText.utf8), to: requestURL)

        let said = persistent ? try callServer(request: requestURL) : try runOnce(request: requestURL, log: log)
        guard manager.fileExists(atPath: output.path) else {
            throw ExternalCorrectorFailure("\(persistent ? "answered ok" : "exited 0") but wrote no corrected.npy (request.json names the output path)\(said)")
        }
        let array: NpyArray
        do {
            array = try Npy.read(output)
        } catch {
            throw ExternalCorrectorFailure("wrote an unreadable corrected.npy: \(SystemError.reason(error))")
        }
        guard array.shape == shape else {
            throw ExternalCorrectorFailure("returned shape \(array.shape), expected \(shape)")
        }
        let values: [Double]
        switch array.descr {
        case "<f8": values = try array.values(as: Double.self)
        case "<f4": values = try array.values(as: Float.self).map(Double.init)
        default: throw ExternalCorrectorFailure("returned dtype \(array.descr); write float64 or float32")
        }
        return Batch(values: values, sampleShape: batch.sampleShape)
    }

    /// Step 2 of the protocol: one process for this batch. Returns the program's last line for messages.
    func runOnce(request: URL, log: URL) throws -> String {
        let outcome: Subprocess.Outcome
        do {
            outcome = try Subprocess.run(executable, arguments: Array(command.dropFirst()) + [request.path], log: log, timeout: timeout)
        } catch {
            throw ExternalCorrectorFailure("cannot start \(command[0]): \(SystemError.reason(error))")
        }
        let said = Subprocess.lastLine(of: log).map { " (last output: \($0))" } ?? ""
        try Self.check(outcome, said: said, timeout: timeout)
        return said
    }

    /// Step 2 in persistent mode: the request goes to a running server; a failed one is stopped.
    func callServer(request: URL) throws -> String {
        let server: CorrectorServer
        do {
            server = try servers.take {
                // Named as a temporary of this process, so that the next run removes it if loom was killed.
                let log = AtomicFile.temporaryPath(for: FileManager.default.temporaryDirectory.appendingPathComponent("loom-corrector.log"))
                return try CorrectorServer(executable: executable, arguments: Array(command.dropFirst()), logURL: log)
            }
        } catch {
            throw ExternalCorrectorFailure("cannot start \(command[0]): \(SystemError.reason(error))")
        }
        let answer = server.call(request: request, timeout: timeout)
        let said = Subprocess.lastLine(of: server.logURL).map { " (last output: \($0))" } ?? ""
        switch answer {
        case .ok:
            servers.giveBack(server)
            return said
        case .failed(let message):
            server.stop()
            throw ExternalCorrectorFailure("answered error: \(message.isEmpty ? "(no message)" : message)\(said)")
        case .timedOut:
            server.stop()
            try Self.check(.timedOut, said: said, timeout: timeout)
        case .exited(let outcome):
            try Self.check(outcome, said: said, timeout: timeout)
        }
        throw ExternalCorrectorFailure("exited with status 0 before answering\(said)")
    }

    /// Throws for a process that timed out, was killed or exited non-zero.
    static func check(_ outcome: Subprocess.Outcome, said: String, timeout: Double) throws {
        switch outcome {
        case .timedOut:
            throw ExternalCorrectorFailure("did not finish within \(seconds(timeout)) s and was killed\(said); raise `timeout` if it needs longer")
        case .signalled(let signal):
            throw ExternalCorrectorFailure("was killed by signal \(signal)\(said)")
        case .exited(let status) where status != 0:
            throw ExternalCorrectorFailure("exited with status \(status)\(said)")
        case .exited:
            break
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Why an external corrector call failed; the engine adds the corrector's name and the generation.
struct ExternalCorrectorFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
