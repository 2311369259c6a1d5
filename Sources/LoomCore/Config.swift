import Foundation
import Yams

/// Options decoded from a config file: every key must be one of `CodingKeys`, and `validate()`
/// checks the values.
public protocol ConfigOptions: Codable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable where CodingKeys.RawValue == String
    /// Throws `ConfigValueError` for an out-of-range value.
    func validate() throws
}

extension ConfigOptions {
    public func validate() throws {}
}

/// A bad value found by `validate()`: the key it belongs to and what is wrong.
public struct ConfigValueError: Error, Sendable {
    public let key: String
    public let message: String

    public init(_ key: String, _ message: String) {
        self.key = key
        self.message = message
    }
}

/// A YAML document and the file it came from, for errors that name the file, the key and the line.
public struct ConfigDocument {
    public let file: String
    public let root: Node

    /// Parses YAML text.
    public init(text: String, file: String) throws {
        self.file = file
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw LoomError.config(file: file, key: "", line: nil, message: "the file is empty")
            }
            root = node
        } catch let error as LoomError {
            throw error
        } catch let error as YamlError {
            throw LoomError.config(file: file, key: "", line: Self.line(of: error), message: "malformed YAML (\(Self.summary(of: error)))")
        }
    }

    /// Reads and parses a YAML file.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LoomError.usage("cannot read config \(url.path): \(SystemError.reason(error))")
        }
        try self.init(text: text, file: url.path)
    }

    /// Decodes the mapping at `path` (or the root) into `T`, rejecting unknown keys and bad values.
    public func decode<T: ConfigOptions>(_ type: T.Type, at node: Node? = nil, keyPrefix: String = "") throws -> T {
        let node = node ?? root
        let prefix = keyPrefix.isEmpty ? "" : keyPrefix + "."
        guard let mapping = node.mapping else {
            throw LoomError.config(file: file, key: keyPrefix, line: node.mark?.line, message: "expected a mapping of options")
        }
        let allowed = Set(T.CodingKeys.allCases.map(\.rawValue))
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !allowed.contains(name) {
                throw LoomError.config(file: file, key: prefix + name, line: key.mark?.line,
                                       message: "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
        let value: T
        do {
            value = try YAMLDecoder().decode(T.self, from: node)
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error)
            throw LoomError.config(file: file, key: prefix + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."),
                                   line: Self.locate(path, in: node)?.mark?.line ?? node.mark?.line, message: message)
        }
        do {
            try value.validate()
        } catch let error as ConfigValueError {
            let path = error.key.split(separator: ".").map(String.init)
            let line = Self.locate(path.map { AnyKey($0) }, in: node)?.mark?.line ?? node.mark?.line
            throw LoomError.config(file: file, key: prefix + error.key, line: line, message: error.message)
        }
        return value
    }

    /// The node at a coding path, if present.
    static func locate(_ path: [any CodingKey], in node: Node) -> Node? {
        var current = node
        for key in path {
            if let i = key.intValue, let seq = current.sequence, i < seq.count {
                current = seq[i]
            } else if let mapping = current.mapping, let found = mapping.first(where: { $0.key.string == key.stringValue }) {
                // Point at the key for a missing or wrong value: that is the line a person edits.
                current = found.value
                if key.stringValue == path.last?.stringValue, found.value.mark == nil { return found.key }
            } else {
                return nil
            }
        }
        return current
    }

    static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath, "expected \(friendly(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "missing value, expected \(friendly(type))")
        case .keyNotFound(let key, let context):
            return (context.codingPath + [key], "required key is missing")
        case .dataCorrupted(let context):
            return (context.codingPath, context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    static func friendly(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "a mapping" : name
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}

/// A coding key made from a string or an int.
public struct AnyKey: CodingKey, Sendable {
    public let stringValue: String
    public let intValue: Int?
    public init(_ string: String) { stringValue = string; intValue = Int(string) }
    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}
