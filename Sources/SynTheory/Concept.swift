import LoomCore
import Media

/// The seven SynTheory concepts, as the dataset folders and `--concept` name them.
public enum ConceptName: String, CaseIterable, Codable, Sendable {
    case tempos
    case timeSignatures = "time_signatures"
    case notes
    case intervals
    case scales
    case chords
    case chordProgressions = "chord_progressions"

    /// Rows of the reference's dataset (104,585 in all).
    public var paperRows: Int {
        switch self {
        case .tempos: 4_025
        case .timeSignatures: 1_200
        case .notes: 9_936
        case .intervals: 39_744
        case .scales: 15_456
        case .chords: 13_248
        case .chordProgressions: 20_976
        }
    }

    /// Whether rows are 4-second crops of longer click renders (tempos, time_signatures).
    public var isRhythm: Bool { self == .tempos || self == .timeSignatures }

    /// Crops per rendered click file at quick scale: 1 for tempos (whose 161 tempos each need a
    /// 20-second render), 2 for time_signatures; 1 otherwise.
    public var quickCrops: Int { self == .timeSignatures ? 2 : 1 }

    /// Crops per rendered click file in the reference (5 for tempos, 10 for time_signatures; 1 otherwise).
    public var paperCrops: Int {
        switch self {
        case .tempos: 5
        case .timeSignatures: 10
        default: 1
        }
    }
}

/// What one grid cell (a label combination with one instrument or click configuration) is:
/// its file stem, its MIDI, and its info.csv columns around the path columns.
struct RowSpec: Sendable {
    /// The reference's file name without extension, e.g. `C_major_6_0_Acoustic_Grand_Piano`.
    let stem: String
    let midi: MIDIFile
    /// Columns between `row_id` and `midi_file_path`.
    let leading: [(String, LabelValue)]
    /// Columns between `synth_soundfont` and `is_silent`.
    var trailing: [(String, LabelValue)] = []
}

/// One concept's grid in the reference's row order: label combinations (outer loops), then
/// variants (instruments, or click configurations), then crops of each render (rhythm concepts).
/// Row `r` is combination `r / (variants * crops)`, variant `r / crops % variants`, crop `r % crops`.
protocol Concept: Sendable {
    var name: ConceptName { get }
    var combinations: Int { get }
    var variants: Int { get }
    /// Crops per rendered file; 1 for tonal concepts, whose clip is the whole render.
    var crops: Int { get }
    /// The length the render is cut to (rhythm concepts: 20 s or 30 s); nil renders the MIDI's
    /// own length (4.0 s for every tonal clip).
    var trimSeconds: Double? { get }
    func row(combination: Int, variant: Int) -> RowSpec
}

extension Concept {
    var crops: Int { 1 }
    var trimSeconds: Double? { nil }
    var rowCount: Int { combinations * variants * crops }
}

/// A tonal concept: every label combination is played by every instrument, on channel 2 at 120 BPM.
protocol TonalConcept: Concept {
    var instruments: [Instrument] { get }
    /// The combination's file stem prefix, label columns and what it plays.
    func combination(_ index: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step])
}

extension TonalConcept {
    var variants: Int { instruments.count }

    func row(combination index: Int, variant: Int) -> RowSpec {
        let instrument = instruments[variant]
        let (stem, labels, steps) = combination(index)
        return RowSpec(
            stem: "\(stem)_\(instrument.program)_\(instrument.name.replacingOccurrences(of: " ", with: "_"))",
            midi: ClipTrack.tonal(name: instrument.name, program: instrument.program, steps: steps),
            leading: labels + [("midi_program_num", .int(instrument.program)),
                               ("midi_program_name", .string(instrument.name)),
                               ("midi_category", .string(instrument.category))])
    }
}

/// Steps of `notes` one after another, `beats` each.
func melody(_ notes: [Int], beats: Int = 1) -> [Step] {
    notes.map { Step(keys: [$0], beats: beats) }
}
