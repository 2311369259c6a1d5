import LoomCore

/// `intervals`: base notes C4–B4 (60–71) × 1–12 semitones up × play style (UP, DOWN, UNISON),
/// each 8 beats (4.0 s): UP and DOWN alternate the two notes 4 times, UNISON plays both 8 times.
struct IntervalsConcept: TonalConcept {
    let name = ConceptName.intervals
    let instruments: [Instrument]
    let combinations = 12 * 12 * 3

    static let styles = ["UP", "DOWN", "UNISON"]

    func combination(_ index: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step]) {
        let style = index % 3
        let interval = index / 3 % 12 + 1
        let base = 60 + index / 36
        let upper = base + interval
        let rootName = MusicTheory.sharpNames[base % 12]
        let steps: [Step] = switch style {
        case 0: melody(Array(repeating: [base, upper], count: 4).flatMap { $0 })
        case 1: melody(Array(repeating: [upper, base], count: 4).flatMap { $0 })
        default: Array(repeating: Step(keys: [base, upper], beats: 1), count: 8)
        }
        return ("\(rootName)_\(interval)_\(Self.styles[style])",
                [("root_note_name", .string(rootName)), ("root_note_pitch_class", .int(base % 12)),
                 ("interval", .int(interval)), ("play_style", .int(style)),
                 ("play_style_name", .string(Self.styles[style])), ("midi_note_val", .int(base))],
                steps)
    }
}
