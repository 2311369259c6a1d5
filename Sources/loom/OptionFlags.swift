import ArgumentParser
import Foundation
import LoomCore

/// A generator's or stage's own options on the command line: the flags its `ConfigOptions`
/// declaration names, `--config FILE` and `--set key=value`. Flags override `--set`, which overrides
/// the file; what none of them gives keeps its default at the chosen scale.
struct OptionFlags: ParsableArguments {
    @OptionGroup var file: ConfigFile

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "One option as key=value, the value in YAML (e.g. --set rows=40, --set 'heads=[linear, fourier]'); repeatable; overrides --config, and flags override it.",
        valueName: "key=value"))
    var assignments: [String] = []

    /// The command's own flags, parsed by `OptionLayer` from the options' declaration.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var flags: [String] = []

    /// The options at `scale`, every layer laid over the defaults.
    func resolve<O: ConfigOptions>(_ type: O.Type, owner: String, scale: Scale) throws -> O {
        let fileLayer = try file.path.map { try OptionLayer(file: URL(fileURLWithPath: $0)) } ?? .empty
        return try O.resolve(scale: scale, layers: [fileLayer, try OptionLayer(assignments: assignments),
                                                    try OptionLayer(flags: flags, for: type, owner: owner)], owner: owner)
    }

    /// Whether the command line or the config file gives `key`.
    func gives(_ key: String) throws -> Bool {
        let fileLayer = try file.path.map { try OptionLayer(file: URL(fileURLWithPath: $0)) } ?? .empty
        let assigned = try OptionLayer(assignments: assignments)
        return fileLayer.contains(key) || assigned.contains(key)
            || flags.contains { $0 == "--" + key || $0.hasPrefix("--" + key + "=") }
    }

    /// The options section of a command's help, generated from the declaration.
    static func help<O: ConfigOptions>(_ type: O.Type, owner: String) -> String {
        """
        OPTIONS OF \(owner.uppercased()) (each also a key in --config FILE or --set key=value, in snake_case; \
        defaults at --scale quick, and paper where it differs):
        \(O.helpText)
        """
    }
}
