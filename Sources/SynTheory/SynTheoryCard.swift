import LoomCore

extension SynTheoryGenerator {
    /// The dataset card: the concept, its files, the SoundFont's licence and every info.csv column.
    public var card: DatasetCard {
        let concept = conceptName.rawValue
        let audio = midiOnly ? "no audio (MIDI only)"
            : "\(format.rawValue) audio at \(Self.sampleRate) Hz, stereo, \(Self.clipSeconds) s per row, rendered by FluidSynth from \(soundFontName)"
        var files: [DatasetCard.Entry] = [
            .init("`info.csv`", "the original's columns in its order (then `peak_amplitude`), one row per sample, sorted by `row_id`"),
            .init("`*.mid`", "the MIDI file of each rendered clip (480 ticks per quarter note, byte-identical to the files the original writes with mido)"),
        ]
        if !midiOnly {
            files.append(conceptName.isRhythm
                ? .init("`*_offset_<k>.\(format.fileExtension)`", "crop k of a click track: \(Self.clipSeconds) s starting at `offset_time` seconds"
                        + (fullRenders ? "; the full-length render beside it (`synth_file_path`)" : ""))
                : .init("`*.\(format.fileExtension)`", "the clip of each row, \(Self.clipSeconds) s"))
        }
        return DatasetCard(
            title: "SynTheory `\(concept)` (SynthLoom)",
            summary: "The `\(concept)` concept of SynTheory: \(rows.count) of the concept's \(conceptName.paperRows) rows"
                + (config.stratified ? " (stratified: one instrument or click sound per label combination, so no label predicts it)" : "")
                + ", each a MIDI file and \(audio). The columns and file names are the original's, so its probing code reads the folder unchanged.",
            paper: "Megan Wei, Michael Freeman, Chris Donahue, Chen Sun: *Do Music Generation Models Encode Music Theory?* (ISMIR 2024), "
                + "https://arxiv.org/abs/2410.00872; original code https://github.com/brown-palm/syntheory",
            sources: midiOnly ? [] : [
                .init("SoundFont `\(soundFontName)`", soundFontName == "TimGM6mb.sf2"
                      ? "GPL-2 (Tim Brechbill 2004, David Bolton 2010; Debian package `timgm6mb-soundfont`, byte-identical to the original's)"
                      : "the user's SoundFont: its own licence"),
                .init("FluidSynth (the renderer, libfluidsynth)", "LGPL-2.1; the rendered audio carries no licence of its own"),
            ],
            files: files,
            labels: Self.columnMeanings.map { DatasetCard.Entry($0.0, $0.1) },
            notes: [
                "The original renders with rustysynth; FluidSynth is used here (same SoundFont), so levels and reverb tails differ slightly, and no clip is exactly silent (the original reports 88 silent notes, an artefact of rustysynth).",
                "Rhythm crops each draw their own offset from the row's random stream; the original gave every crop of a file the same offset (a bug).",
                "`peak_amplitude` and `is_silent` describe the audio as stored (after encoding).",
            ],
            tags: ["audio", "music", "music-theory", "syntheory"])
    }

    /// What every info.csv column of every concept means (a concept's card lists the ones it has).
    static let columnMeanings: [(String, String)] = [
        ("row_id", "the row's place in the concept's full grid (the original's numbering), ascending"),
        ("root_note_name", "the root note, C, C#, …, B"),
        ("root_note_pitch_class", "the root's pitch class, 0 (C) to 11 (B)"),
        ("key_note_name", "the progression's key (tonic), C, C#, …, B"),
        ("key_note_pitch_class", "the key's pitch class, 0 (C) to 11 (B)"),
        ("octave", "MIDI note ÷ 12, 0 to 8"),
        ("root_note_is_accidental", "whether the root is a sharp"),
        ("register", "0 for MIDI notes 0–35, 1 for 36–71, 2 for 72–107"),
        ("midi_note_val", "the MIDI note number played (notes), or of the lower note (intervals)"),
        ("interval", "the interval above the base note, 1 (minor second) to 12 (octave) semitones"),
        ("play_style", "0 UP, 1 DOWN, 2 UNISON (the two notes together)"),
        ("play_style_name", "UP, DOWN or UNISON"),
        ("mode", "the scale's mode: ionian, dorian, phrygian, lydian, mixolydian, aeolian, locrian"),
        ("chord_type", "the triad's quality: major, minor, aug, dim"),
        ("inversion", "figured bass: 5 root position, 6 first inversion, 64 second inversion"),
        ("chord_progression", "the mode and scale degrees, e.g. `ionian-(1, 4, 5, 1)`"),
        ("bpm", "tempo, beats per minute"),
        ("time_signature", "the meter as the string `(beats, subdivision)`"),
        ("time_signature_beats", "beats per bar"),
        ("time_signature_subdivision", "the note value of one beat: 2, 4 or 8"),
        ("is_compound", "1 when the beats are a multiple of 3 and the beat unit is not a quarter (3/8, 6/8, 9/8, 12/8, as the original), else 0"),
        ("click_config_name", "the click sound (accented downbeat and offbeat percussion)"),
        ("reverb_level", "0, 1 or 2: the click track's reverb send (MIDI CC 91) of 0, 63 or 127"),
        ("midi_program_num", "General MIDI program, 0 to 127"),
        ("midi_program_name", "the General MIDI instrument's name"),
        ("midi_category", "the General MIDI instrument family"),
        ("midi_file_path", "the row's MIDI file, relative to the folder"),
        ("synth_file_path", "the row's audio file, relative to the folder (empty when not written)"),
        ("offset_file_path", "the row's cropped audio file, relative to the folder"),
        ("offset_time", "where the crop starts in the full click track, seconds"),
        ("synth_soundfont", "the SoundFont file the audio was rendered with"),
        ("is_silent", "whether the stored clip's peak is 0"),
        ("peak_amplitude", "the largest absolute sample of the stored clip, 0 to 1 (full scale)"),
    ]
}
