import LoomCore

/// What a probe predicts for each SynTheory concept: the original's target column
/// (`CONCEPT_LABELS`, first entry) and whether it is a class or a value.
public struct ProbeConcept: Sendable, Equatable {
    /// The concept, as SynTheory's `dataset.json` names it.
    public let name: String
    /// The `info.csv` column the probe predicts.
    public let target: String
    /// True for tempo: regression scored by R² on the extrapolation split.
    public let isRegression: Bool
    /// The column holding the 4-second clip a row is probed on.
    public let clipColumn: String

    /// The seven concepts in the paper's Table 2 order.
    public static let all: [ProbeConcept] = [
        .init(name: "notes", target: "root_note_pitch_class", isRegression: false, clipColumn: "synth_file_path"),
        .init(name: "intervals", target: "interval", isRegression: false, clipColumn: "synth_file_path"),
        .init(name: "scales", target: "mode", isRegression: false, clipColumn: "synth_file_path"),
        .init(name: "chords", target: "chord_type", isRegression: false, clipColumn: "synth_file_path"),
        .init(name: "chord_progressions", target: "chord_progression", isRegression: false, clipColumn: "synth_file_path"),
        .init(name: "tempos", target: "bpm", isRegression: true, clipColumn: "offset_file_path"),
        .init(name: "time_signatures", target: "time_signature", isRegression: false, clipColumn: "offset_file_path"),
    ]

    /// The concept called `name`.
    public static func named(_ name: String) throws -> ProbeConcept {
        guard let concept = all.first(where: { $0.name == name }) else {
            throw LoomError.usage("unknown concept '\(name)'; expected one of \(all.map(\.name).joined(separator: ", "))")
        }
        return concept
    }
}
