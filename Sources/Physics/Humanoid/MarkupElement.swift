/// A minimal XML element tree, enough for URDF: elements and attributes; text, comments,
/// processing instructions and DOCTYPEs are skipped.
struct MarkupElement {
    var name: String
    var attributes: [String: String] = [:]
    var children: [MarkupElement] = []

    /// The first child element called `name`.
    func child(_ name: String) -> MarkupElement? { children.first { $0.name == name } }

    /// A required attribute.
    func attribute(_ key: String) throws -> String {
        guard let value = attributes[key] else { throw URDFReader.URDFProblem("<\(name)> has no '\(key)' attribute") }
        return value
    }

    /// Parses a document and returns its root element.
    static func parse(_ text: String) throws -> MarkupElement {
        let bytes = Array(text.utf8)
        var i = 0
        var stack: [MarkupElement] = [MarkupElement(name: "#document")]
        func fail(_ message: String) -> URDFReader.URDFProblem {
            let line = bytes[..<min(i, bytes.count)].filter { $0 == UInt8(ascii: "\n") }.count + 1
            return URDFReader.URDFProblem("malformed XML at line \(line): \(message)")
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func skip(to terminator: String) throws {
            let t = Array(terminator.utf8)
            while i + t.count <= bytes.count {
                if Array(bytes[i..<(i + t.count)]) == t { i += t.count; return }
                i += 1
            }
            throw fail("unterminated markup, expected \(terminator)")
        }
        func name() -> String {
            let start = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/"),
                  bytes[i] != UInt8(ascii: "=") { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if text.utf8.count > i + 3, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-") {
                try skip(to: "-->"); continue
            }
            if bytes[i + 1] == UInt8(ascii: "?") { try skip(to: "?>"); continue }
            if bytes[i + 1] == UInt8(ascii: "!") { try skip(to: ">"); continue }
            if bytes[i + 1] == UInt8(ascii: "/") {
                i += 2
                let closing = name()
                try skip(to: ">")
                guard stack.count > 1, stack.last!.name == closing else { throw fail("unexpected </\(closing)>") }
                let done = stack.removeLast()
                stack[stack.count - 1].children.append(done)
                continue
            }
            i += 1
            var element = MarkupElement(name: name())
            while true {
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count else { throw fail("unterminated <\(element.name)>") }
                if bytes[i] == UInt8(ascii: "/") {
                    try skip(to: ">")
                    stack[stack.count - 1].children.append(element)
                    break
                }
                if bytes[i] == UInt8(ascii: ">") {
                    i += 1
                    stack.append(element)
                    break
                }
                let key = name()
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw fail("attribute '\(key)' has no value") }
                i += 1
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                    throw fail("attribute '\(key)' is not quoted")
                }
                let quote = bytes[i]
                i += 1
                let start = i
                while i < bytes.count, bytes[i] != quote { i += 1 }
                guard i < bytes.count else { throw fail("unterminated value of '\(key)'") }
                element.attributes[key] = String(decoding: bytes[start..<i], as: UTF8.self)
                i += 1
            }
        }
        guard stack.count == 1, let root = stack[0].children.first else { throw fail("unclosed elements or no root element") }
        return root
    }
}
