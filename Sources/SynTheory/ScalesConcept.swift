import LoomCore

/// `scales`: 12 roots × 7 modes × UP/DOWN, the 7 tones and the octave, 1 beat each (4.0 s).
/// The tonic follows the placement rule (C ionian is 60…72, F# ionian 54…66).
struct ScalesConcept: TonalConcept {
    let name = ConceptName.scales
    let instruments: [Instrument]
    let combinations = 12 * 7 * 2

    static let styles = ["UP", "DOWN"]

    func combination(_ index: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step]) {
        let style = index % 2
        let mode = Mode.scaleModes[index / 2 % 7]
        let root = index / 14
        let rootName = MusicTheory.sharpNames[root]
        let tonic = MusicTheory.tonicNote(pitchClass: root)
        let up = (mode.intervals + [12]).map { tonic + $0 }
        return ("\(rootName)_\(mode.rawValue)_\(Self.styles[style])",
                [("root_note_name", .string(rootName)), ("mode", .string(mode.rawValue)),
                 ("play_style", .int(style)), ("play_style_name", .string(Self.styles[style]))],
                melody(style == 0 ? up : up.reversed()))
    }
}
