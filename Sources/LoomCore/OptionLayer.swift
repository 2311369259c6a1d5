import Foundation
import Yams

/// Option values given in one place (a config file, `--set`, flags, a stored config), each with
/// where it came from, to lay over a `ConfigOptions`' defaults.
public struct OptionLayer: Sendable {
    /// Where a value was given, for the error that names it.
    public enum Source: Sendable {
        /// A YAML file, at a line, under a key prefix such as `steps.0.options`.
        case file(path: String, line: Int?, prefix: String)
        /// A command-line flag.
        case flag(String)
        /// `--set key=value`.
        case assignment
        /// A stored `dataset.json`.
        case stored(path: String)
        /// Nobody: the default was left as it is.
        case defaultValue(owner: String)

        /// The error for a bad `key` given here.
        func error(key: String, message: String) -> LoomError {
            switch self {
            case .file(let path, let line, let prefix):
                return .config(file: path, key: prefix.isEmpty ? key : prefix + "." + key, line: line, message: message)
            case .flag(let flag):
                let sub = key.split(separator: ".").dropFirst()
                return .usage("\(flag)\(sub.isEmpty ? "" : " (" + sub.joined(separator: ".") + ")"): \(message)")
            case .assignment:
                return .usage("--set \(key): \(message)")
            case .stored(let path):
                return .unreadable(path: path, reason: "its config key '\(key)': \(message)")
            case .defaultValue(let owner):
                return .option(owner, ConfigValueError(key, message))
            }
        }
    }

    /// A value for a key, before it is checked against the option's type.
    struct Entry: Sendable {
        let key: String
        let value: LayerValue
        let source: Source
    }

    var entries: [Entry]

    /// No values.
    public static let empty = OptionLayer(entries: [])

    /// The mapping `node` of a YAML file (the whole file, or a pipeline step's `options`).
    public init(node: Node, file: String, prefix: String = "") throws {
        guard let mapping = node.mapping else {
            throw LoomError.config(file: file, key: prefix, line: node.mark?.line, message: "expected a mapping of options")
        }
        entries = mapping.map { key, value in
            Entry(key: key.string ?? "?", value: .yaml(value), source: .file(path: file, line: key.mark?.line, prefix: prefix))
        }
    }

    /// The options a YAML file holds at its top level.
    public init(file url: URL) throws {
        let document = try ConfigDocument(contentsOf: url)
        try self.init(node: document.root, file: document.file)
    }

    /// A stored config object (`dataset.json`'s `config`).
    public init(stored config: JSONValue, path: String) throws {
        guard case .object(let members) = config else {
            throw LoomError.unreadable(path: path, reason: "its config is not an object")
        }
        entries = members.map { Entry(key: $0.0, value: .json($0.1), source: .stored(path: path)) }
    }

    /// `key=value` assignments; a value is read as YAML (`--set rows=40`, `--set 'heads=[linear]'`).
    public init(assignments: [String]) throws {
        entries = try assignments.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw LoomError.usage("--set '\(text)' is not key=value (e.g. --set rows=40)")
            }
            let key = String(text[..<equals]), value = String(text[text.index(after: equals)...])
            return Entry(key: key, value: .text(value), source: .assignment)
        }
    }

    /// Command-line flags for `O` (`--count 4`, `--count=4`, `--depth`, `--no-depth`); an unknown
    /// flag is a usage error naming the known ones.
    public init<O: ConfigOptions>(flags arguments: [String], for type: O.Type, owner: String) throws {
        let keys = O.optionKeys
        var byFlag = Dictionary(keys.map { (String($0.flag.dropFirst(2)), $0) }, uniquingKeysWith: { a, _ in a })
        for (alias, key) in O.flagAliases { byFlag[alias] = keys.first { $0.key == key } }
        entries = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--") else {
                throw LoomError.usage("\(owner): unexpected argument '\(argument.terminalSafe)'")
            }
            var name = String(argument.dropFirst(2)), inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            var negated = false
            var option = byFlag[name]
            if option == nil, name.hasPrefix("no-"), let positive = byFlag[String(name.dropFirst(3))], positive.isSwitch {
                option = positive
                negated = true
            }
            guard let option else {
                let known = keys.map(\.flag)
                let near = known.min { Self.distance($0, "--" + name) < Self.distance($1, "--" + name) }
                let hint = near.map { Self.distance($0, "--" + name) <= 2 ? " (did you mean \($0)?)" : "" } ?? ""
                throw LoomError.usage("\(owner): unknown option '--\(name.terminalSafe)'\(hint); expected one of \(known.joined(separator: ", "))")
            }
            let flag = "--" + name
            let value: LayerValue
            if option.isSwitch {
                if let inline {
                    guard let b = Bool(inline) else { throw LoomError.usage("\(flag): expected true or false, not '\(inline.terminalSafe)'") }
                    value = .json(.bool(negated ? !b : b))
                } else {
                    value = .json(.bool(!negated))
                }
            } else if let inline {
                value = .text(inline)
            } else {
                guard i + 1 < arguments.count else { throw LoomError.usage("\(flag) needs a value") }
                i += 1
                value = .text(arguments[i])
            }
            entries.append(Entry(key: option.key, value: value, source: .flag(flag)))
            i += 1
        }
    }

    private init(entries: [Entry]) { self.entries = entries }

    /// Whether the layer gives `key`.
    public func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// Throws for the first key that is not an option of `O`.
    public func checkKeys<O: ConfigOptions>(_ type: O.Type) throws {
        let keys = O.optionKeys.map(\.key)
        if let entry = entries.first(where: { !keys.contains($0.key) }) { throw Self.unknown(entry, keys: keys) }
    }

    /// The error for an entry whose key is none of `keys`.
    static func unknown(_ entry: Entry, keys: [String]) -> LoomError {
        entry.source.error(key: entry.key, message: "unknown key; expected one of \(keys.sorted().joined(separator: ", "))")
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }
}

/// A value as given: a YAML node, flag text, or JSON.
enum LayerValue: @unchecked Sendable {
    case yaml(Node)
    case text(String)
    case json(JSONValue)

    /// The value as JSON, shaped like the option's default where the text allows: a string option
    /// keeps `007` as text, a list option splits `a,b` into items (the one list parser).
    func coerced(like template: JSONValue) -> JSONValue {
        switch self {
        case .json(let value):
            return value
        case .yaml(let node):
            if case .string = template, let scalar = node.scalar { return .string(scalar.string) }
            return Self.json(node)
        case .text(let text):
            switch template {
            case .string:
                return .string(text)
            case .array where !text.hasPrefix("["):
                return .array(CommaList.items(text).map(Self.scalar))
            default:
                if let node = try? Yams.compose(yaml: text) { return Self.json(node) }
                return .string(text)
            }
        }
    }

    /// A plain scalar typed as YAML types it.
    static func scalar(_ text: String) -> JSONValue {
        guard let node = try? Yams.compose(yaml: text), node.scalar != nil else { return .string(text) }
        return json(node)
    }

    /// A YAML node as JSON, scalars typed by YAML's resolver (`8` int, `8.5` float, `true`, `null`).
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map(JSONValue.int) ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .object(mapping.map { ($0.key.string ?? "?", json($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}
