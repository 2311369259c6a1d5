import LoomCore

/// `notes`: MIDI notes 0–107 (C0–B8), each played 4 times for 2 beats (4.0 s).
struct NotesConcept: TonalConcept {
    let name = ConceptName.notes
    let instruments: [Instrument]
    let combinations = 108

    /// 0 for notes 0–35, 1 for 36–71, 2 for 72–107 (the reference's `bisect((3, 6, 9), note // 12)`).
    static func register(of note: Int) -> Int {
        [3, 6, 9].filter { $0 <= note / 12 }.count
    }

    func combination(_ note: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step]) {
        let pitchClass = note % 12
        let noteName = MusicTheory.sharpNames[pitchClass]
        let register = Self.register(of: note)
        return ("\(note)_\(register)_\(noteName)",
                [("root_note_name", .string(noteName)), ("root_note_pitch_class", .int(pitchClass)),
                 ("octave", .int(note / 12)), ("root_note_is_accidental", .bool(noteName.hasSuffix("#"))),
                 ("register", .int(register)), ("midi_note_val", .int(note))],
                melody([note, note, note, note], beats: 2))
    }
}
