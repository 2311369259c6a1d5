import Foundation
import Yams

/// A YAML document and the file it came from, for errors that name the file, the key and the line.
public struct ConfigDocument {
    /// The file's path as errors name it.
    public let file: String
    /// The parsed YAML tree, with line marks for errors.
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
