import Foundation

/// A JSON value that keeps object key order and whether a number was written as an integer.
///
/// Used for manifest lines, whose bytes must be the same on every run, and for reading them back
/// without Foundation turning `2.0` into `2`.
public indirect enum JSONValue: Sendable, Equatable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent.
    case int(Int)
    /// A number written with a fraction or exponent, or too large for `Int`.
    case double(Double)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object's key-value pairs, in the order written.
    case object([(String, JSONValue)])

    /// Equal when the same case holds equal values (objects compare keys in order).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// Compact JSON text with no spaces; doubles in Swift's shortest round-trip form, always with a `.` or exponent.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += Self.format(d)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// A double as JSON: non-finite values become `null`.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let s = d.description
        // Bytes, not `contains(_: String)`: with Foundation imported that is NSString's search, 30x slower.
        return s.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") } ? s : s + ".0"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Parses JSON text.
    public static func parse(_ text: String) throws -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.atEnd else { throw JSONParser.Failure.unexpected(parser.position) }
        return value
    }
}

struct JSONParser {
    enum Failure: Error { case unexpected(Int) }
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    mutating func expect(_ literal: String) throws {
        for byte in literal.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw Failure.unexpected(position) }
            position += 1
        }
    }

    mutating func value() throws -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw Failure.unexpected(position) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(String, JSONValue)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(":")
                members.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw Failure.unexpected(position) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect("}")
                return .object(members)
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw Failure.unexpected(position) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect("]")
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default:
            return try number()
        }
    }

    mutating func number() throws -> JSONValue {
        let start = position
        var isInteger = true
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { isInteger = false }
            guard (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || !isInteger && (c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) else { break }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw Failure.unexpected(start) }
        return .double(d)
    }

    mutating func string() throws -> String {
        try expect("\"")
        var out = [UInt8]()
        while position < bytes.count {
            let c = bytes[position]
            position += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if c != UInt8(ascii: "\\") { out.append(c); continue }
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count,
                      let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(code)
                else { throw Failure.unexpected(position) }
                position += 4
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        throw Failure.unexpected(position)
    }
}

extension JSONValue {
    /// Indented JSON text (two spaces), for files people read, such as `dataset.json`.
    public var prettyText: String {
        var out = ""
        writePretty(to: &out, indent: 0)
        return out + "\n"
    }

    func writePretty(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch self {
        case .array(let items) where !items.isEmpty:
            if items.allSatisfy({ if case .array = $0 { false } else if case .object = $0 { false } else { true } }) {
                write(to: &out)
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.writePretty(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += ": "
                value.writePretty(to: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        default:
            write(to: &out)
        }
    }

    /// Encodes any `Encodable` value with sorted keys, keeping int/double distinctions.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return try parse(String(decoding: data, as: UTF8.self))
    }

    /// The first place where two values differ, as `path: a vs b`; nil if they are equal.
    public static func firstDifference(_ a: JSONValue, _ b: JSONValue, path: String = "") -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for (key, value) in x {
                let sub = path.isEmpty ? key : path + "." + key
                guard let other = b[key] else { return "\(sub) is missing now" }
                if let diff = firstDifference(value, other, path: sub) { return diff }
            }
            for (key, _) in y where a[key] == nil {
                return "\(path.isEmpty ? key : path + "." + key) is new"
            }
            return nil
        default:
            return a == b ? nil : "\(path.isEmpty ? "value" : path): \(a.text) in the folder, \(b.text) now"
        }
    }
}
