import LoomCore

/// `chords`: 12 roots × major/minor/aug/dim × root position, first and second inversion; the
/// block chord is played 4 times for 2 beats (4.0 s).
struct ChordsConcept: TonalConcept {
    let name = ConceptName.chords
    let instruments: [Instrument]
    let combinations = 12 * 4 * 3

    func combination(_ index: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step]) {
        let inversion = Inversion.allCases[index % 3]
        let quality = ChordQuality.allCases[index / 3 % 4]
        let root = index / 12
        let rootName = MusicTheory.sharpNames[root]
        let chord = quality.notes(root: root, inversion: inversion)
        return ("\(rootName)_\(quality.rawValue)_\(inversion.rawValue)",
                [("root_note_name", .string(rootName)), ("chord_type", .string(quality.rawValue)),
                 ("inversion", .string(inversion.rawValue)), ("root_note_is_accidental", .bool(rootName.hasSuffix("#"))),
                 ("root_note_pitch_class", .int(root))],
                Array(repeating: Step(keys: chord, beats: 2), count: 4))
    }
}
