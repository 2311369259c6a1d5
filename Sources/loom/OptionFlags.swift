import ArgumentParser
import Foundation
import LoomCore

/// A generator's or stage's own options on the command line: the flags its `ConfigOptions`
/// declaration names, `--config FILE` and `--set key=value`. Flags override `--set`, which overrides
/// the file; what none of them gives keeps its default at the chosen scale.
struct OptionFlags<Options: ConfigOptions>: ParsableArguments {
    @OptionGroup var file: ConfigFile

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "One option as key=value, the value in YAML (e.g. --set rows=40, --set 'heads=[linear, fourier]'); repeatable; overrides --config, and flags override it.",
        valueName: "key=value"))
    var assignments: [String] = []

    /// The command's own flags, parsed by `OptionLayer` from the options' declaration.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The command's own options, listed above.", valueName: "option"),
              completion: .custom(Self.complete))
    var flags: [String] = []

    /// The file's, the assignments' and the flags' layers, in the order they are laid over the defaults.
    func layers(owner: String) throws -> [OptionLayer] {
        let fileLayer = try file.path.map { try OptionLayer(file: URL(fileURLWithPath: $0)) } ?? .empty
        return [fileLayer, try OptionLayer(assignments: assignments), try OptionLayer(flags: flags, for: Options.self, owner: owner)]
    }

    /// The options at `scale`, every layer laid over the defaults.
    func resolve(owner: String, scale: Scale) throws -> Options {
        try Options.resolve(scale: scale, layers: layers(owner: owner), owner: owner)
    }

    /// Shell completion: an enum option's values after its flag, the options' flags otherwise.
    @Sendable static func complete(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let keys = Options.optionKeys
        if index > 0, index <= words.count, let option = keys.first(where: { $0.flag == words[index - 1] }), !option.isSwitch {
            return (option.choices ?? []).filter { $0.hasPrefix(prefix) }
        }
        return keys.flatMap { $0.isSwitch ? [$0.flag, "--no-" + $0.flag.dropFirst(2)] : [$0.flag] }.filter { $0.hasPrefix(prefix) }
    }

    /// The options section of a command's help, generated from the declaration.
    static func help(owner: String) -> String {
        """
        OPTIONS OF \(owner.uppercased()) (each also a key in --config FILE or --set key=value, in snake_case; \
        defaults at --scale quick, and paper where it differs):
        \(Options.helpText)
        """
    }
}
