import LoomCore

/// `chord_progressions`: 12 keys × the reference's 19 four-chord progressions (10 ionian, 9
/// aeolian); each root-position triad (built by the placement rule in the key's mode) sounds for
/// 2 beats (4.0 s).
struct ChordProgressionsConcept: TonalConcept {
    let name = ConceptName.chordProgressions
    let instruments: [Instrument]
    var combinations: Int { 12 * Self.progressions.count }

    /// The reference's `PROGRESSIONS`, in its order: mode and scale degrees.
    static let progressions: [(mode: Mode, degrees: [Int])] = [
        (.ionian, [1, 4, 5, 1]), (.ionian, [1, 4, 6, 5]), (.ionian, [1, 5, 6, 4]), (.ionian, [1, 6, 4, 5]),
        (.ionian, [2, 5, 1, 6]), (.ionian, [4, 1, 5, 6]), (.ionian, [4, 5, 3, 6]), (.ionian, [5, 4, 1, 5]),
        (.ionian, [5, 6, 4, 1]), (.ionian, [6, 4, 1, 5]),
        (.aeolian, [1, 2, 5, 1]), (.aeolian, [1, 3, 4, 1]), (.aeolian, [1, 4, 5, 1]), (.aeolian, [1, 6, 3, 7]),
        (.aeolian, [1, 6, 7, 1]), (.aeolian, [1, 6, 7, 3]), (.aeolian, [1, 7, 6, 4]), (.aeolian, [4, 7, 1, 1]),
        (.aeolian, [7, 6, 7, 1]),
    ]

    /// The `chord_progression` label as Python formats the reference's tuple: "ionian-(1, 4, 5, 1)".
    static func label(_ progression: (mode: Mode, degrees: [Int])) -> String {
        "\(progression.mode.rawValue)-(\(progression.degrees.map(String.init).joined(separator: ", ")))"
    }

    func combination(_ index: Int) -> (stem: String, labels: [(String, LabelValue)], steps: [Step]) {
        let progression = Self.progressions[index % Self.progressions.count]
        let key = index / Self.progressions.count
        let keyName = MusicTheory.sharpNames[key]
        let steps = progression.degrees.map {
            Step(keys: MusicTheory.triad(tonic: key, mode: progression.mode, degree: $0), beats: 2)
        }
        return ("\(keyName)_\(progression.mode.rawValue)_\(progression.degrees.map(String.init).joined(separator: "-"))",
                [("key_note_name", .string(keyName)), ("key_note_pitch_class", .int(key)),
                 ("chord_progression", .string(Self.label(progression)))],
                steps)
    }
}
