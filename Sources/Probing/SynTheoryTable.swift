import Foundation
import LoomCore

/// A finished SynTheory dataset as the probes see it, read through its manifest: one row per
/// sample with its clip and target value.
public struct SynTheoryTable: Sendable {
    /// One probed row.
    public struct Row: Sendable, Equatable {
        /// The original's `row_id`.
        public let rowID: Int
        /// The 4-second clip, relative to the dataset folder.
        public let clip: String
        /// The target as `info.csv` writes it (a class name or number).
        public let target: String
        /// The target as a number, for regression (tempo).
        public let value: Double?
    }

    public let folder: URL
    public let concept: ProbeConcept
    public let rows: [Row]
    /// The manifest's SHA-256: features computed from another version of the dataset are not reused.
    public let manifestHash: String

    /// Reads `folder`, which must be a finished SynTheory dataset with audio.
    public init(folder: URL) throws {
        let hint = "make it with `loom generate syntheory --concept <concept>`"
        let reader: DatasetReader
        do {
            reader = try DatasetReader(folder: folder, generator: "syntheory", hint: hint)
        } catch let error as LoomError {
            throw LoomError.usage(error.description)
        }
        guard case .string(let name)? = reader.config("concept") else {
            throw LoomError.usage("\(folder.path)/dataset.json names no concept; regenerate it")
        }
        let concept = try ProbeConcept.named(name)
        if case .bool(true)? = reader.config("midi_only") {
            throw LoomError.usage("\(folder.path) holds MIDI only; probes need audio: generate it without --midi-only")
        }
        var rows: [Row] = []
        for record in try reader.records() {
            guard let rowID = record.labels.int("row_id"),
                  let clip = record.labels.string(concept.clipColumn), !clip.isEmpty,
                  let target = record.labels[concept.target]
            else {
                throw LoomError.usage("\(folder.path): sample \(record.index) lacks row_id, \(concept.clipColumn) or \(concept.target); regenerate the dataset")
            }
            rows.append(Row(rowID: rowID, clip: clip, target: target.description, value: target.number))
        }
        guard rows.count >= 20 else {
            throw LoomError.usage("\(folder.path) has \(rows.count) rows; a 70/15/15 probe needs at least 20")
        }
        self.folder = folder
        self.concept = concept
        self.rows = rows
        manifestHash = try SHA256.hex(ofFile: folder.appendingPathComponent("manifest.jsonl").path).hex
    }
}
