import Foundation

/// RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted, quotes doubled, CRLF-free
/// (`\n` line ends, as pandas writes them).
public struct CSVTable: Sendable {
    /// The column names, written as the first line.
    public let header: [String]
    /// The rows appended so far, one field per column each.
    public private(set) var rows: [[String]] = []

    /// An empty table with these columns.
    public init(header: [String]) {
        self.header = header
    }

    /// Appends a row; it must have one field per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
        rows.append(row)
    }

    /// The table as text.
    public var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    /// Writes the table atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    /// A field, quoted where RFC 4180 needs it.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses CSV text (RFC 4180) into a header and rows.
    public static func parse(_ text: String) -> CSVTable? {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return nil }
        var table = CSVTable(header: header)
        for row in records.dropFirst() where row.count == header.count { table.append(row) }
        return table
    }
}
