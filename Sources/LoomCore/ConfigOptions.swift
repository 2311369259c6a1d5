import Foundation

/// A generator's or stage's options: one `Codable` struct of `@Setting` properties whose initial
/// values are the quick-scale defaults; the resolved, typed config every consumer reads.
///
/// Flags, a config file, `--set key=value`, a pipeline step and a stored `dataset.json` all become
/// `OptionLayer`s laid over `defaults(for:)` and decoded into this one type (`resolve`). A property
/// `forceMin` is the key `force_min` and the flag `--force-min`.
public protocol ConfigOptions: Codable, Sendable, Equatable {
    /// The quick-scale defaults.
    init()
    /// The defaults at a scale (the quick ones, with the paper scale's sizes where they differ).
    static func defaults(for scale: Scale) -> Self
    /// Throws `ConfigValueError` for an out-of-range value or a contradiction between values.
    func validate() throws
    /// Fills the defaults that depend on other options at `scale` (e.g. SynTheory's instruments
    /// depend on the concept); called after `validate`.
    func completed(for scale: Scale) throws -> Self
    /// Older or shorter flag names, flag → key (e.g. `contact-sheet` → `contact_sheet_clips`).
    static var flagAliases: [String: String] { get }
}

extension ConfigOptions {
    /// The quick-scale defaults at every scale, unless the options override it.
    public static func defaults(for scale: Scale) -> Self { Self() }
    /// Accepts every value, unless the options override it.
    public func validate() throws {}
    /// Leaves the options as they are, unless the options override it.
    public func completed(for scale: Scale) throws -> Self { self }
    /// No aliases, unless the options declare some.
    public static var flagAliases: [String: String] { [:] }
}

/// A bad value found by `validate()`: the key it belongs to and what is wrong.
public struct ConfigValueError: Error, Sendable {
    /// The snake_case key the bad value belongs to.
    public let key: String
    /// What is wrong with the value, as one line.
    public let message: String

    /// A bad value of `key` and what is wrong with it.
    public init(_ key: String, _ message: String) {
        self.key = key
        self.message = message
    }
}

/// One option as `--help` and the resolver see it.
public struct OptionKey: Sendable {
    /// The key in a config file or `--set` (snake_case).
    public let key: String
    /// The Swift property's name.
    let property: String
    /// The one-line help `--help` prints.
    public let help: String
    /// The default at the quick scale.
    public let quick: JSONValue
    /// The default at the paper scale.
    public let paper: JSONValue
    /// The allowed values of an enum option.
    public let choices: [String]?
    /// Whether the value is a list (flag text `a,b` is split into items).
    public let isList: Bool
    /// The value's placeholder in `--help`.
    public let valueName: String

    /// The flag, `--` + the key in kebab-case.
    public var flag: String { "--" + key.replacingOccurrences(of: "_", with: "-") }
    /// Whether the option is a switch (`--x` / `--no-x`).
    public var isSwitch: Bool { valueName == "switch" }
}

extension ConfigOptions {
    /// A copy with some options changed: `MixturesOptions().with { $0.rows = 40 }`.
    public func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }

    /// Every option in declaration order, with its help and defaults.
    public static var optionKeys: [OptionKey] {
        let quick = Self.shownDefaults(.quick), paper = Self.shownDefaults(.paper)
        let quickValues = (try? quick.propertyValues()) ?? [:], paperValues = (try? paper.propertyValues()) ?? [:]
        return Mirror(reflecting: quick).children.compactMap { child in
            guard let label = child.label, label.hasPrefix("_"), let setting = child.value as? any SettingDescription else { return nil }
            let property = String(label.dropFirst())
            return OptionKey(key: snakeCase(property), property: property, help: setting.help,
                             quick: quickValues[property] ?? .null, paper: paperValues[property] ?? .null,
                             choices: setting.choices, isList: setting.isList, valueName: setting.valueName)
        }
    }

    /// The defaults at `scale` as `--help` shows them: completed where they depend on each other.
    static func shownDefaults(_ scale: Scale) -> Self {
        let defaults = Self.defaults(for: scale)
        return (try? defaults.completed(for: scale)) ?? defaults
    }

    /// The options as a JSON object with snake_case keys in declaration order, as `dataset.json` stores them.
    public var json: JSONValue {
        get throws {
            let values = try propertyValues()
            return .object(Self.optionKeys.map { ($0.key, values[$0.property] ?? .null) })
        }
    }

    /// The value of each property, by property name.
    func propertyValues() throws -> [String: JSONValue] {
        guard case .object(let members) = try JSONValue.encode(self) else { return [:] }
        return Dictionary(members, uniquingKeysWith: { a, _ in a })
    }

    /// The options at `scale`: the defaults with each layer laid over the previous ones, decoded and
    /// validated; a bad key or value is an error that names where it was given.
    public static func resolve(scale: Scale, layers: [OptionLayer], owner: String) throws -> Self {
        let keys = optionKeys
        var values = try defaults(for: scale).propertyValues()
        var sources: [String: OptionLayer.Source] = [:]
        let byKey = Dictionary(keys.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for layer in layers {
            for entry in layer.entries {
                guard let option = byKey[entry.key] else { throw OptionLayer.unknown(entry, keys: keys.map(\.key)) }
                let value = entry.value.coerced(like: option.isList ? .array([]) : option.quick)
                if let choices = option.choices, case .string(let name) = value, !choices.contains(name) {
                    throw entry.source.error(key: entry.key, message: "unknown \(option.key) '\(name.terminalSafe)'; expected one of \(choices.joined(separator: ", "))")
                }
                values[option.property] = value
                sources[option.key] = entry.source
            }
        }
        let object = JSONValue.object(keys.map { ($0.property, values[$0.property] ?? .null) })
        let options: Self
        do {
            options = try JSONDecoder().decode(Self.self, from: Data(object.text.utf8))
        } catch let error as DecodingError {
            let (path, message) = ConfigDocument.describe(error)
            let property = path.first?.stringValue ?? ""
            let key = keys.first { $0.property == property }?.key ?? property
            let rest = path.dropFirst().map { $0.intValue.map(String.init) ?? $0.stringValue }
            throw (sources[key] ?? .defaultValue(owner: owner)).error(key: ([key] + rest).joined(separator: "."), message: message)
        }
        do {
            try options.validate()
        } catch let error as ConfigValueError {
            let key = String(error.key.split(separator: ".").first ?? "")
            throw (sources[key] ?? .defaultValue(owner: owner)).error(key: error.key, message: error.message)
        }
        return try options.completed(for: scale)
    }

    /// The options section of `--help`: each flag, its values, help and defaults per scale, wrapped
    /// to 80 columns.
    public static var helpText: String {
        let column = 32, width = 78
        return optionKeys.map { option -> String in
            let name = "  " + (option.isSwitch ? "\(option.flag), --no-\(option.flag.dropFirst(2))" : "\(option.flag) <\(option.valueName)>")
            var help = option.help
            if let choices = option.choices { help += " One of: \(choices.joined(separator: ", "))." }
            help += " " + option.defaultsText
            var lines: [String] = []
            var line = name.count < column - 1 ? name + String(repeating: " ", count: column - name.count) : name
            if line.count > column { lines.append(line); line = String(repeating: " ", count: column) }
            var empty = true
            for word in help.split(separator: " ") {
                if !empty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = String(repeating: " ", count: column)
                    empty = true
                }
                line += (empty ? "" : " ") + word
                empty = false
            }
            lines.append(line)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `forceMin` → `force_min`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out += "_" }
            out += character.lowercased()
        }
        return out
    }
}

extension OptionKey {
    /// `(default 4; paper scale 12000)`.
    var defaultsText: String {
        func show(_ value: JSONValue) -> String {
            switch value {
            case .null: return "none"
            case .bool(let b): return b ? "on" : "off"
            case .string(let s): return s
            case .array(let items): return items.map(show).joined(separator: ",")
            default: return value.text
            }
        }
        let quickText = show(quick), paperText = show(paper)
        return quickText == paperText ? "(default \(quickText))" : "(default \(quickText); paper scale \(paperText))"
    }
}

extension LoomError {
    /// A bad option of a generator or stage, as a usage error naming the option.
    public static func option(_ owner: String, _ error: ConfigValueError) -> LoomError {
        .usage("\(owner) option '\(error.key)': \(error.message)")
    }
}
