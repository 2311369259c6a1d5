/// Pitch names, modes, the tonic placement rule and triads, as the reference's
/// `dataset/music/constants.py` and `transforms.py` define them.
public enum MusicTheory {
    /// Pitch class → name, sharps only ("C", "C#", …, "B").
    public static let sharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    /// The MIDI note of a key's tonic, placed so that middle C is equidistant from every key
    /// centre: C–F (pitch classes 0–5) give 60–65, F#–B (6–11) give 54–59.
    public static func tonicNote(pitchClass: Int) -> Int {
        pitchClass <= 5 ? 60 + pitchClass : 48 + pitchClass
    }

    /// The triad on `degree` (1–7) of `mode` in the key of `tonic` (a pitch class), voiced as the
    /// reference does: each chord tone is `tonicNote + mode offset`, with no octave wrap, so every
    /// tone lies in [tonic, tonic + 11] before the inversion moves tones up an octave.
    public static func triad(tonic: Int, mode: Mode, degree: Int, inversion: Inversion = .root) -> [Int] {
        precondition((1...7).contains(degree), "degree must be 1-7")
        let base = tonicNote(pitchClass: tonic)
        let offsets = mode.intervals
        let tones = [0, 2, 4].map { base + offsets[(degree - 1 + $0) % 7] }
        switch inversion {
        case .root: return tones
        case .first: return [tones[1], tones[2], tones[0] + 12]
        case .second: return [tones[2], tones[0] + 12, tones[1] + 12]
        }
    }
}

/// The reference's mode interval tables (semitones above the tonic).
public enum Mode: String, CaseIterable, Sendable {
    /// The seven diatonic modes, then harmonic minor and its fifth mode (phrygian dominant).
    case ionian, dorian, phrygian, lydian, mixolydian, aeolian, locrian, harmonicMinor, phrygianDominant

    /// The seven modes the scales concept uses, in the reference's order.
    public static let scaleModes: [Mode] = [.ionian, .dorian, .phrygian, .lydian, .mixolydian, .aeolian, .locrian]

    /// The mode's scale degrees in semitones above the tonic (0-11).
    public var intervals: [Int] {
        switch self {
        case .ionian: [0, 2, 4, 5, 7, 9, 11]
        case .dorian: [0, 2, 3, 5, 7, 9, 10]
        case .phrygian: [0, 1, 3, 5, 7, 8, 10]
        case .lydian: [0, 2, 4, 6, 7, 9, 11]
        case .mixolydian: [0, 2, 4, 5, 7, 9, 10]
        case .aeolian: [0, 2, 3, 5, 7, 8, 10]
        case .locrian: [0, 1, 3, 5, 6, 8, 10]
        case .harmonicMinor: [0, 2, 3, 5, 7, 8, 11]
        case .phrygianDominant: [0, 1, 4, 5, 7, 8, 10]
        }
    }
}

/// A triad's inversion, named by its figured bass as the reference's labels and file names do.
public enum Inversion: String, CaseIterable, Sendable {
    /// Root position, "5".
    case root = "5"
    /// First inversion, "6": the root moves up an octave.
    case first = "6"
    /// Second inversion, "64": root and third move up an octave.
    case second = "64"
}

/// The four triad qualities of the chords concept, in the reference's order.
public enum ChordQuality: String, CaseIterable, Sendable {
    /// Major, minor, augmented and diminished triads.
    case major, minor, aug, dim

    /// The triad on `root` (a pitch class): major, minor and diminished are degree 1 of ionian,
    /// aeolian and locrian; augmented is degree 3 of the harmonic minor a minor third below, so
    /// F#, G and G# augmented land an octave above the other qualities (the reference's quirk, kept).
    public func notes(root: Int, inversion: Inversion) -> [Int] {
        switch self {
        case .major: MusicTheory.triad(tonic: root, mode: .ionian, degree: 1, inversion: inversion)
        case .minor: MusicTheory.triad(tonic: root, mode: .aeolian, degree: 1, inversion: inversion)
        case .dim: MusicTheory.triad(tonic: root, mode: .locrian, degree: 1, inversion: inversion)
        case .aug: MusicTheory.triad(tonic: (root + 9) % 12, mode: .harmonicMinor, degree: 3, inversion: inversion)
        }
    }
}
