import Foundation

/// One label value of a sample, as it goes into the manifest and the generator's CSV.
public enum LabelValue: Sendable, Equatable, CustomStringConvertible {
    /// An integer label.
    case int(Int)
    /// A real-valued label.
    case double(Double)
    /// A text label.
    case string(String)
    /// A yes/no label.
    case bool(Bool)

    /// The value as a CSV field (Python-style `True`/`False` for booleans, as pandas writes them).
    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .double(let d): JSONValue.format(d)
        case .string(let s): s
        case .bool(let b): b ? "True" : "False"
        }
    }

    var json: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        }
    }

    init?(json: JSONValue) {
        switch json {
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        default: return nil
        }
    }

    /// The value as a number, if it is one.
    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}

/// The labels of one sample, in the generator's order.
public struct Labels: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The key-value pairs, in the order they were set.
    public private(set) var entries: [(key: String, value: LabelValue)]

    /// Labels in literal order.
    public init(dictionaryLiteral elements: (String, LabelValue)...) {
        entries = elements.map { (key: $0.0, value: $0.1) }
    }

    /// Labels in the given order.
    public init(_ entries: [(String, LabelValue)]) {
        self.entries = entries.map { (key: $0.0, value: $0.1) }
    }

    /// Equal when the same keys hold equal values in the same order.
    public static func == (lhs: Labels, rhs: Labels) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// The value for `key`.
    public subscript(key: String) -> LabelValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }

    /// The value for `key` as a double (ints widen).
    public func double(_ key: String) -> Double? { self[key]?.number }

    /// The value for `key` as an int.
    public func int(_ key: String) -> Int? {
        if case .int(let i)? = self[key] { return i }
        return nil
    }

    /// The value for `key` as a string.
    public func string(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }
}

/// A file of a sample: its path relative to the dataset folder, size and SHA-256.
public struct FileEntry: Sendable, Equatable {
    /// The path relative to the dataset folder.
    public let path: String
    /// The size in bytes.
    public let bytes: Int
    /// The SHA-256 digest as 64 lowercase hex digits.
    public let sha256: String

    /// An entry of a path, size and digest.
    public init(path: String, bytes: Int, sha256: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// One line of `manifest.jsonl`: a finished sample.
public struct ManifestRecord: Sendable, Equatable {
    /// The sample index (0-based).
    public let index: Int
    /// The sample's files.
    public let files: [FileEntry]
    /// The sample's labels, in the generator's order.
    public let labels: Labels

    /// A record of a finished sample.
    public init(index: Int, files: [FileEntry], labels: Labels) {
        self.index = index
        self.files = files
        self.labels = labels
    }

    /// The record as one line of compact JSON (no newline).
    public var jsonLine: String {
        JSONValue.object([
            ("index", .int(index)),
            ("files", .array(files.map {
                .object([("path", .string($0.path)), ("bytes", .int($0.bytes)), ("sha256", .string($0.sha256))])
            })),
            ("labels", .object(labels.entries.map { ($0.key, $0.value.json) })),
        ]).text
    }

    /// Parses a manifest line; nil for a malformed (e.g. half-written) line.
    public init?(jsonLine: String) {
        guard let value = try? JSONValue.parse(jsonLine),
              case .int(let index)? = value["index"],
              case .array(let files)? = value["files"],
              case .object(let labels)? = value["labels"]
        else { return nil }
        var entries: [FileEntry] = []
        for file in files {
            guard case .string(let path)? = file["path"], case .int(let bytes)? = file["bytes"],
                  case .string(let sha)? = file["sha256"] else { return nil }
            entries.append(FileEntry(path: path, bytes: bytes, sha256: sha))
        }
        var pairs: [(String, LabelValue)] = []
        for (key, json) in labels {
            guard let value = LabelValue(json: json) else { return nil }
            pairs.append((key, value))
        }
        self.init(index: index, files: entries, labels: Labels(pairs))
    }

    /// Reads every well-formed line of a manifest file.
    public static func readAll(_ url: URL) throws -> [ManifestRecord] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LoomError.unreadable(path: url.path, reason: SystemError.reason(error))
        }
        return text.split(separator: "\n").compactMap { ManifestRecord(jsonLine: String($0)) }
    }
}
