import ArgumentParser
import Foundation
import LoomCore
import Media
import SynTheory

/// `loom generate syntheory`.
struct GenerateSynTheory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syntheory",
        abstract: "SynTheory's seven music-theory concepts as MIDI, FluidSynth audio and the original info.csv.",
        discussion: """
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
    )

    @Option(help: "tempos, time_signatures, notes, intervals, scales, chords, chord_progressions, or all.",
            completion: .list(ConceptName.allCases.map(\.rawValue) + ["all"]))
    var concept: String

    @Option(help: "Tonal concepts: General MIDI programs to play, comma-separated (default: the original's 92; quick: 0,24,40,52,73,81).")
    var instruments: String?

    @Option(name: .customLong("click-configs"),
            help: "Rhythm concepts: click configurations, comma-separated (default: default,woodblock_dark,woodblock_light,taiko,synth_drum).")
    var clickConfigs: String?

    @Flag(inversion: .prefixedNo,
          help: "One instrument (or click configuration) per label combination, in turn (default: on at quick, off at paper).")
    var stratified: Bool?

    @Option(help: "Rhythm concepts: 4-second crops per rendered click track (default 5 tempos / 10 time_signatures; quick 1 / 2).")
    var crops: Int?

    @Option(help: "Keep only the first N rows of each concept.")
    var limit: Int?

    @Option(help: "SoundFont file (default \(Synthesizer.defaultSoundFont), Debian package timgm6mb-soundfont).",
            completion: .file(extensions: ["sf2", "sf3"]))
    var soundfont: String?

    @Option(name: .customLong("audio-format"),
            help: "wav (32-bit float WAV, default at paper), pcm16 (16-bit WAV), flac (24-bit FLAC) or flac16 (16-bit FLAC, default at quick).",
            completion: .list(AudioFormat.allCases.map(\.rawValue)))
    var audioFormat: String?

    @Flag(name: .customLong("full-renders"), inversion: .prefixedNo,
          help: "Rhythm concepts: also keep each click file's full 20 s / 30 s render that the crops are cut from (default: on at paper, off at quick).")
    var fullRenders: Bool?

    @Flag(name: .customLong("midi-only"), help: "Write MIDI files and info.csv only (audio columns stay empty).")
    var midiOnly = false

    @Flag(name: .customLong("safe-names"), help: "File names without # and \" (C# becomes Cs, quotes are dropped).")
    var safeNames = false

    @Option(help: "Dataset folder name under --out (default: the concept's name; not with --concept all).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let concepts = concept == "all" ? ConceptName.allCases.map(\.rawValue) : [concept]
        if concepts.count > 1, name != nil { throw LoomError.usage("--name needs a single --concept, not all") }
        for concept in concepts {
            let options = SynTheoryOptions(
                concept: concept, instruments: try instruments.map { try CommaList.numbers($0, flag: "--instruments", example: "0,24,40") },
                clickConfigs: clickConfigs.map(CommaList.items),
                stratified: stratified, crops: crops, limit: limit, soundfont: soundfont, audioFormat: audioFormat,
                midiOnly: midiOnly ? true : nil, safeNames: safeNames ? true : nil, fullRenders: fullRenders)
            try GeneratorRunner.run(SynTheoryEntry.self, options: options, folder: name, context: common.context())
        }
    }
}

/// The SynTheory generator in the registry.
enum SynTheoryEntry: GeneratorEntry {
    static let summary = "SynTheory music-theory concepts (tempos, time signatures, notes, intervals, scales, chords, progressions) as MIDI + FluidSynth audio."

    static func make(options: SynTheoryOptions, scale: Scale) throws -> SynTheoryGenerator {
        do {
            return try SynTheoryGenerator(options: options, scale: scale)
        } catch let error as ConfigValueError {
            throw LoomError.option("syntheory", error)
        }
    }

    static func make(config: SynTheoryOptions, scale: Scale) throws -> SynTheoryGenerator {
        try make(options: config, scale: scale)
    }

    static func folderName(for generator: SynTheoryGenerator) -> String {
        generator.config.concept ?? "syntheory"
    }
}
