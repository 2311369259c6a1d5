import ArgumentParser
import Foundation
import LoomCore

/// The `loom` command: regenerate synthetic datasets and run the stages that consume them.
@main
struct LoomCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Regenerate synthetic research datasets and run the training stages that consume them.",
        discussion: """
            Every dataset is reproducible: the same command with the same --seed gives the same bytes.
            Large runs split with --shard I/N across machines and join with `loom merge`.
            Exit codes: 0 success, 1 failure at run time, 2 bad command or config.
            """,
        version: Loom.version,
        subcommands: [
            Run.self,
            Generate.self,
            Train.self,
            Loop.self,
            Correct.self,
            Probe.self,
            Control.self,
            Merge.self,
            Validate.self,
            List.self,
            Bench.self,
        ]
    )

    /// Parses and runs, printing one clear line for any error.
    static func main() {
        do {
            let arguments = Arguments.joiningNegativeNumbers(Array(CommandLine.arguments.dropFirst()))
            if let unknown = Arguments.unknownSubcommand(arguments, root: Self.self) { throw LoomError.usage(unknown) }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            fail(with: error)
        }
    }

    static func fail(with error: any Error) -> Never {
        if let user = error as? any UserFacingError {
            report(user.description, status: user.isUsageError ? 2 : 1)
        }
        if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }   // the command printed its own report
        let code = exitCode(for: error)
        if code == .success || error is CleanExit {
            Self.exit(withError: error as (any Error)?)
        }
        let isParseError = code == .validationFailure || code.rawValue == 64
        guard isParseError else {
            report(SystemError.reason(error), status: 1)   // never Foundation's localized text
        }
        var message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        report(message + " (see loom --help)", status: 2)
    }

    /// Prints one error line on stderr (a JSON object under `--log-format json`) and exits with `status`.
    static func report(_ message: String, status: Int32) -> Never {
        let line = LogFormat.requested(in: CommandLine.arguments) == .json
            ? JSONValue.object([("event", .string("error")), ("message", .string(message)), ("exit_code", .int(Int(status)))]).text
            : "error: " + message
        FileHandle.standardError.write(Data((line + "\n").utf8))
        Foundation.exit(status)
    }
}
