import Foundation
import LoomCore

/// A General MIDI program as the reference's `instruments.csv` names it.
public struct Instrument: Sendable, Equatable {
    /// The program number, 0–127.
    public let program: Int
    /// The reference's name (not the SoundFont's preset name), e.g. `Choir "Aah"`.
    public let name: String
    /// The reference's category, e.g. "Ensemble Timbres".
    public let category: String
    /// Why the tonal concepts leave it out ("atonal", "ambiguous_overtones", "highly_articulate"),
    /// or empty when they use it.
    public let excludedBecause: String

    /// Whether the tonal concepts use it (92 programs).
    public var isTonal: Bool { excludedBecause.isEmpty }
}

/// The 128 programs of `assets/syntheory/instruments.csv`.
public struct InstrumentTable: Sendable {
    /// Indexed by program number.
    public let all: [Instrument]

    /// The 92 programs every tonal concept uses, in program order.
    public var tonal: [Instrument] { all.filter(\.isTonal) }

    /// Loads the shipped table.
    public static func load() throws -> InstrumentTable {
        try InstrumentTable(url: AssetLocator.url("syntheory/instruments.csv"))
    }

    /// Reads a table with columns `program,name,category,excluded_because` holding programs 0–127 once each.
    public init(url: URL) throws {
        let rows = try AssetTable(url: url, columns: ["program", "name", "category", "excluded_because"]).rows
        var byProgram = [Instrument?](repeating: nil, count: 128)
        for row in rows {
            guard let program = Int(row[0]), (0...127).contains(program), byProgram[program] == nil else {
                throw SynTheoryError.badAsset(path: url.path, reason: "program '\(row[0])' is not a new number in 0-127")
            }
            byProgram[program] = Instrument(program: program, name: row[1], category: row[2], excludedBecause: row[3])
        }
        let present = byProgram.compactMap { $0 }
        guard present.count == 128 else {
            throw SynTheoryError.badAsset(path: url.path, reason: "it lists \(present.count) programs, not all 128")
        }
        all = present
    }
}

/// A small CSV asset with a fixed header.
struct AssetTable {
    let rows: [[String]]

    init(url: URL, columns: [String]) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8), let table = CSVTable.parse(text) else {
            throw SynTheoryError.badAsset(path: url.path, reason: "it cannot be read as CSV")
        }
        guard table.header == columns else {
            throw SynTheoryError.badAsset(path: url.path, reason: "its columns are not \(columns.joined(separator: ","))")
        }
        rows = table.rows
    }
}
