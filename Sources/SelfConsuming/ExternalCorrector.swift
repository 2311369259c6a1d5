import Foundation
import LoomCore

/// A corrector that is any program (an `ExternalProgram`): loom hands it a batch as `.npy` plus a
/// JSON request and reads the corrected batch back.
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
    /// The program, spoken to over LoomCore's `.npy` + JSON protocol.
    public let program: ExternalProgram
    /// The program's name.
    public var name: String { program.name }

    /// The protocol tag written as `protocol` in every `request.json`.
    public static var protocolVersion: String { "loom-corrector/1" }

    /// Checks that the program exists; `name` defaults to the file name of the command's last word that is not an option.
    public init(command: [String], name: String? = nil, timeout: Double, persistent: Bool = false) throws {
        do {
            program = try ExternalProgram(command: command, name: name, timeout: timeout, persistent: persistent, role: "corrector")
        } catch let error as ExternalProgramFailure {
            throw LoomError.usage(error.description)
        }
    }

    /// Writes the batch as `batch.npy` and a `request.json` (γ, strength s, a random seed), runs the program, and reads `corrected.npy` back.
    public func correct(_ batch: Batch, gamma: Double, context: CorrectionContext, random: inout RandomStream) throws -> Batch {
        let folder = try AtomicFile.systemScratchFolder(purpose: "loom-corrector")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("batch.npy")
        let output = folder.appendingPathComponent("corrected.npy")
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
        let array = try program.output(output, said: try program.call(request, in: folder))
        guard array.shape == shape else {
            throw ExternalProgramFailure("returned shape \(array.shape), expected \(shape)")
        }
        guard let values = try array.doubles() else {
            throw ExternalProgramFailure("returned dtype \(array.descr); write float64 or float32")
        }
        return Batch(values: values, sampleShape: batch.sampleShape)
    }
}
