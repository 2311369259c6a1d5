import ArgumentParser
import Foundation
import LoomCore

/// Fixes up the command line before argument-parser sees it, for the two cases its own messages
/// get wrong: a negative number after an option, and an unknown subcommand followed by options.
enum Arguments {
    /// `--rows -3` becomes `--rows=-3`, so that the option's own check reports the value.
    static func joiningNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if let last = result.last, last.hasPrefix("--"), !last.contains("="),
               argument.count > 1, argument.hasPrefix("-"), Double(argument) != nil {
                result[result.count - 1] = last + "=" + argument
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// A usage error naming an unknown subcommand, e.g. `loom generate nosuch`, or nil.
    static func unknownSubcommand(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? "loom"]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-") else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == argument || $0.configuration.aliases.contains(argument) }) else {
                if argument == "help" { return nil }
                let names = subcommands.map { $0._commandName }
                return "\(path.joined(separator: " ")): unknown command '\(argument)'; expected one of \(names.joined(separator: ", "))"
            }
            command = next
            path.append(argument)
        }
        return nil
    }
}
