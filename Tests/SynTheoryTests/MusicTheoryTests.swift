import Testing
@testable import SynTheory

@Suite struct MusicTheoryTests {
    @Test func tonicsSitAroundMiddleC() {
        #expect((0..<12).map { MusicTheory.tonicNote(pitchClass: $0) } == [60, 61, 62, 63, 64, 65, 54, 55, 56, 57, 58, 59])
    }

    @Test func chordVoicingsMatchTheReference() {
        #expect(ChordQuality.major.notes(root: 0, inversion: .root) == [60, 64, 67])
        #expect(ChordQuality.major.notes(root: 0, inversion: .first) == [64, 67, 72])
        #expect(ChordQuality.major.notes(root: 0, inversion: .second) == [67, 72, 76])
        #expect(ChordQuality.major.notes(root: 6, inversion: .root) == [54, 58, 61])
        #expect(ChordQuality.minor.notes(root: 9, inversion: .root) == [57, 60, 64])
        #expect(ChordQuality.dim.notes(root: 11, inversion: .root) == [59, 62, 65])
        // The augmented quirk: F#, G and G# land an octave above the other qualities.
        #expect(ChordQuality.aug.notes(root: 6, inversion: .root) == [66, 70, 74])
        #expect(ChordQuality.aug.notes(root: 0, inversion: .root) == [60, 64, 68])
    }

    @Test func progressionsAreVoicedInsideTheKeysWindow() {
        let c = [1, 4, 5, 1].map { MusicTheory.triad(tonic: 0, mode: .ionian, degree: $0) }
        #expect(c == [[60, 64, 67], [65, 69, 60], [67, 71, 62], [60, 64, 67]])
        #expect(MusicTheory.triad(tonic: 0, mode: .ionian, degree: 6) == [69, 60, 64])
        #expect(MusicTheory.triad(tonic: 7, mode: .aeolian, degree: 7) == [65, 57, 60])
        #expect(ChordProgressionsConcept.progressions.count == 19)
        #expect(ChordProgressionsConcept.label(ChordProgressionsConcept.progressions[0]) == "ionian-(1, 4, 5, 1)")
        #expect(ChordProgressionsConcept.label(ChordProgressionsConcept.progressions[18]) == "aeolian-(7, 6, 7, 1)")
    }

    @Test func registersFollowTheReferencesBisect() {
        #expect([0, 35, 36, 71, 72, 107].map(NotesConcept.register) == [0, 0, 1, 1, 2, 2])
    }

    @Test func safeNamesDropSharpsAndQuotes() {
        let stem = #"C#_major_6_52_Choir_"Aah""#
        #expect(FileNaming.stem(stem, safe: false) == stem)
        #expect(FileNaming.stem(stem, safe: true) == "Cs_major_6_52_Choir_Aah")
        #expect(FileNaming.stem("3_4_120_bpm_taiko_reverb_level_2", safe: true) == "3_4_120_bpm_taiko_reverb_level_2")
    }
}
