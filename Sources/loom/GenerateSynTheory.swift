import LoomCore
import SynTheory

/// `loom generate syntheory`.
enum SynTheoryEntry: GeneratorEntry {
    static let summary = "SynTheory music-theory concepts (tempos, time signatures, notes, intervals, scales, chords, progressions) as MIDI + FluidSynth audio."
    static let abstract = "SynTheory's seven music-theory concepts as MIDI, FluidSynth audio and the original info.csv."
    static let discussion = """
        Concepts (rows at --scale paper, as the original): tempos 4,025; time_signatures 1,200; \
        notes 9,936; intervals 39,744; scales 15,456; chords 13,248; chord_progressions 20,976. \
        --scale quick keeps every label value but plays each label combination with one of 6 \
        instruments (or one click configuration, with 1 crop for tempos and 2 for \
        time_signatures), in turn: 1,289 rows in all.

        Output, one folder per concept (<out>/<concept>/): info.csv with the original's columns \
        in its order plus peak_amplitude; the .mid and audio files beside it with the original's \
        names (which contain # and "; --safe-names avoids them); dataset.json and manifest.jsonl. \
        Tonal clips are 4.0 s (176,400 frames at 44.1 kHz, stereo). tempos and time_signatures \
        render each click track once, cut it to 20 s or 30 s (<stem>.wav) and cut 4.0 s crops \
        (<stem>_offset_<k>.wav) whose start is drawn from the row's own random stream.

        MIDI files are byte-identical to the original's. Audio is rendered in process by \
        libfluidsynth, one synthesizer per worker thread, with reverb send 40 on every channel \
        as the original's renderer has; the SoundFont defaults to Debian's timgm6mb-soundfont, \
        the original's SoundFont. See docs/syntheory.md.
        """

    static func make(options: SynTheoryOptions) throws -> SynTheoryGenerator {
        do {
            return try SynTheoryGenerator(options: options)
        } catch let error as ConfigValueError {
            throw LoomError.option("syntheory", error)
        }
    }

    static func folderName(for options: SynTheoryOptions) -> String { options.concept.rawValue }

    /// `concept: all` makes the seven concepts, each completed for the scale and checked.
    static func expand(_ options: SynTheoryOptions, scale: Scale) throws -> [SynTheoryOptions] {
        guard options.concept == .all else { return [options] }
        return try ConceptName.allCases.map { name in
            let one = options.with { $0.concept = ConceptChoice(name) }
            do {
                try one.validate()
            } catch let error as ConfigValueError {
                throw LoomError.option("syntheory (\(name.rawValue))", error)
            }
            return try one.completed(for: scale)
        }
    }
}
