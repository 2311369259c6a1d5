import Foundation
import LoomCore
import Media
import Testing
import TestSupport
@testable import SynTheory

/// The quick scale of all seven concepts, generated once (2 threads) for the tests that read it back.
enum QuickFixture {
    struct Failure: Error, Sendable { let message: String }

    static let out: Result<URL, Failure> = {
        let out = scratchFolder("quick")
        // About 200 MB of 16-bit FLAC: removed when the test process exits.
        atexit { try? FileManager.default.removeItem(at: scratchURL("quick")) }
        do {
            for concept in ConceptName.allCases {
                try generate(SynTheoryOptions().with { $0.concept = ConceptChoice(concept) }, into: out.appendingPathComponent(concept.rawValue))
            }
            return .success(out)
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }()

    static func folder(_ concept: ConceptName) throws -> URL {
        try out.get().appendingPathComponent(concept.rawValue)
    }
}

/// The reference's info.csv columns (tests/dataset/test_*.py and the concept scripts), then ours.
let referenceColumns: [ConceptName: [String]] = [
    .tempos: ["row_id", "bpm", "click_config_name", "midi_program_num", "midi_file_path", "synth_file_path",
              "offset_file_path", "offset_time", "synth_soundfont", "is_silent"],
    .timeSignatures: ["row_id", "time_signature", "time_signature_beats", "time_signature_subdivision", "is_compound", "bpm",
                      "click_config_name", "midi_program_num", "midi_file_path", "synth_file_path", "offset_file_path",
                      "offset_time", "synth_soundfont", "reverb_level", "is_silent"],
    .notes: ["row_id", "root_note_name", "root_note_pitch_class", "octave", "root_note_is_accidental", "register",
             "midi_note_val", "midi_program_num", "midi_program_name", "midi_category", "midi_file_path", "synth_file_path",
             "synth_soundfont", "is_silent"],
    .intervals: ["row_id", "root_note_name", "root_note_pitch_class", "interval", "play_style", "play_style_name",
                 "midi_note_val", "midi_program_num", "midi_program_name", "midi_category", "midi_file_path",
                 "synth_file_path", "synth_soundfont", "is_silent"],
    .scales: ["row_id", "root_note_name", "mode", "play_style", "play_style_name", "midi_program_num", "midi_program_name",
              "midi_category", "midi_file_path", "synth_file_path", "synth_soundfont", "is_silent"],
    .chords: ["row_id", "root_note_name", "chord_type", "inversion", "root_note_is_accidental", "root_note_pitch_class",
              "midi_program_num", "midi_program_name", "midi_category", "midi_file_path", "synth_file_path",
              "synth_soundfont", "is_silent"],
    .chordProgressions: ["row_id", "key_note_name", "key_note_pitch_class", "chord_progression", "midi_program_num",
                         "midi_program_name", "midi_category", "midi_file_path", "synth_file_path", "synth_soundfont",
                         "is_silent"],
]

/// What a tonal row must play, worked out from its info.csv labels alone (independently of the
/// generator's code): steps of (keys, ticks).
func expectedSteps(_ row: [String: String], _ concept: ConceptName) throws -> [(keys: [Int], ticks: Int)] {
    let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    let modes: [String: [Int]] = [
        "ionian": [0, 2, 4, 5, 7, 9, 11], "dorian": [0, 2, 3, 5, 7, 9, 10], "phrygian": [0, 1, 3, 5, 7, 8, 10],
        "lydian": [0, 2, 4, 6, 7, 9, 11], "mixolydian": [0, 2, 4, 5, 7, 9, 10], "aeolian": [0, 2, 3, 5, 7, 8, 10],
        "locrian": [0, 1, 3, 5, 6, 8, 10],
    ]
    func tonic(_ pc: Int) -> Int { pc < 6 ? 60 + pc : 60 - (12 - pc) }
    func int(_ key: String) throws -> Int { try #require(Int(row[key] ?? "")) }
    switch concept {
    case .notes:
        return Array(repeating: ([try int("midi_note_val")], 960), count: 4)
    case .intervals:
        let base = try int("midi_note_val"), upper = base + (try int("interval"))
        switch row["play_style_name"] {
        case "UP": return (0..<8).map { ([$0 % 2 == 0 ? base : upper], 480) }
        case "DOWN": return (0..<8).map { ([$0 % 2 == 0 ? upper : base], 480) }
        default: return Array(repeating: ([base, upper], 480), count: 8)
        }
    case .scales:
        let pc = try #require(names.firstIndex(of: row["root_note_name"] ?? ""))
        let keys = try #require(modes[row["mode"] ?? ""]).map { tonic(pc) + $0 } + [tonic(pc) + 12]
        return (row["play_style_name"] == "DOWN" ? keys.reversed() : keys).map { ([$0], 480) }
    case .chords:
        let root = try int("root_note_pitch_class")
        // Root-position tones: the tonic rule for major/minor/dim; for aug the harmonic minor's III a
        // minor third below (so its window is that key's).
        let tones: [Int] = switch row["chord_type"] {
        case "major": [0, 4, 7].map { tonic(root) + $0 }
        case "minor": [0, 3, 7].map { tonic(root) + $0 }
        case "dim": [0, 3, 6].map { tonic(root) + $0 }
        default: [3, 7, 11].map { tonic((root + 9) % 12) + $0 }
        }
        let voiced: [Int] = switch row["inversion"] {
        case "5": tones
        case "6": [tones[1], tones[2], tones[0] + 12]
        default: [tones[2], tones[0] + 12, tones[1] + 12]
        }
        return Array(repeating: (voiced, 960), count: 4)
    case .chordProgressions:
        // "ionian-(1, 4, 5, 1)"
        let label = try #require(row["chord_progression"])
        let parts = label.split(separator: "-", maxSplits: 1)
        let offsets = try #require(modes[String(parts[0])])
        let degrees = parts[1].dropFirst().dropLast().split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let base = tonic(try int("key_note_pitch_class"))
        return degrees.map { d in ([0, 2, 4].map { base + offsets[(d - 1 + $0) % 7] }, 960) }
    default:
        Issue.record("not a tonal concept")
        return []
    }
}

/// The click configurations as the reference's `metronome_configs.py` defines them.
let referenceClicks: [String: (channel: Int, program: Int, down: Int, off: Int)] = [
    "default": (9, 0, 37, 31), "woodblock_dark": (2, 115, 37, 31), "woodblock_light": (2, 115, 52, 48),
    "taiko": (2, 116, 52, 48), "synth_drum": (2, 118, 52, 48),
]

@Suite struct QuickDatasetTests {
    @Test(arguments: ConceptName.allCases)
    func everyMIDIFilePlaysWhatItsRowSays(concept: ConceptName) throws {
        let folder = try QuickFixture.folder(concept)
        let info = try InfoTable(folder.appendingPathComponent("info.csv"))
        #expect(info.header == referenceColumns[concept]! + ["peak_amplitude"])
        let quickRows = [ConceptName.tempos: 161, .timeSignatures: 48, .notes: 108, .intervals: 432, .scales: 168,
                         .chords: 144, .chordProgressions: 228][concept]!
        #expect(info.rows.count == quickRows)
        for row in info.rows {
            let path = try #require(row["midi_file_path"])
            let midi = try MIDIFile(contentsOf: folder.appendingPathComponent(path))
            #expect(midi.format == 1 && midi.ticksPerQuarter == 480 && midi.tracks.count == 1)
            let events = midi.tracks[0].events
            #expect(events.prefix(4).allSatisfy { $0.delta == 0 } && events.last?.event == .endOfTrack)
            if concept.isRhythm {
                try checkClicks(row, concept, events, path)
            } else {
                #expect(events.prefix(4).map(\.event) == [
                    .trackName(row["midi_program_name"]!), .timeSignature(4, 4), .tempo(microsecondsPerQuarter: 500_000),
                    .programChange(channel: 2, program: Int(row["midi_program_num"]!)!),
                ], "\(path)")
                var tick = 0
                var expected: [PlayedNote] = []
                for step in try expectedSteps(row, concept) {
                    expected += step.keys.map { PlayedNote(start: tick, end: tick + step.ticks, key: $0, velocity: 64, channel: 2) }
                    tick += step.ticks
                }
                #expect(playedNotes(midi.tracks[0]) == expected, "\(path)")
                #expect(!events.contains { if case .controlChange = $0.event { true } else { false } })
                #expect(midi.lengthInFrames(sampleRate: 44_100) == 176_400)
            }
        }
    }

    func checkClicks(_ row: [String: String], _ concept: ConceptName, _ events: [MIDITrackEvent], _ path: String) throws {
        let config = try #require(referenceClicks[row["click_config_name"] ?? ""])
        #expect(Int(row["midi_program_num"]!) == config.program)
        let bpm = try #require(Int(row["bpm"] ?? ""))
        let meter = concept == .tempos ? (4, 4) : (Int(row["time_signature_beats"]!)!, Int(row["time_signature_subdivision"]!)!)
        let compound = meter.0 % 3 == 0 && meter.1 != 4
        let reverb = concept == .tempos ? 0 : [0, 63, 127][Int(row["reverb_level"]!)!]
        if concept == .timeSignatures {
            #expect(row["time_signature"] == "(\(meter.0), \(meter.1))" && row["is_compound"] == (compound ? "1" : "0") && bpm == 120)
        }
        #expect(events.prefix(5).map(\.event) == [
            .trackName("click"), .timeSignature(meter.0, meter.1), .tempo(microsecondsPerQuarter: Int((60e6 / Double(bpm)).rounded())),
            .programChange(channel: config.channel, program: config.program),
            .controlChange(channel: config.channel, controller: 91, value: reverb),
        ], "\(path)")
        let unit = concept == .tempos ? 480 : compound ? 240 : 1920 / meter.1
        let count = concept == .tempos ? bpm / 3 + 1 : meter.1 * 15 + 1
        let expected = (0..<count).map { i in
            PlayedNote(start: i * unit, end: (i + 1) * unit, key: i % meter.0 == 0 ? config.down : config.off,
                       velocity: i % meter.0 == 0 ? 100 : 75, channel: config.channel)
        }
        let track = MIDITrack(events)
        #expect(playedNotes(track) == expected, "\(path)")
    }

    @Test(arguments: ConceptName.allCases)
    func everyClipHasTheExactLengthAndSound(concept: ConceptName) throws {
        let folder = try QuickFixture.folder(concept)
        let info = try InfoTable(folder.appendingPathComponent("info.csv"))
        for row in info.rows {
            let clip = try #require(row[concept.isRhythm ? "offset_file_path" : "synth_file_path"])
            let audio = try SoundFile.read(folder.appendingPathComponent(clip).path)
            #expect(audio.frames == 176_400 && audio.channels == 2 && audio.sampleRate == 44_100, "\(clip)")
            #expect(audio.format == AudioFormat.flac16.sndfileFormat, "\(clip): the quick scale stores 16-bit FLAC")
            let peak = audio.samples.reduce(Float(0)) { max($0, abs($1)) }
            #expect(peak > 1e-4, "\(clip) is (nearly) silent")
            #expect(row["is_silent"] == "False")
            #expect(row["peak_amplitude"].flatMap(Double.init) == Double(String(peak)))
            #expect(row["synth_soundfont"] == "TimGM6mb.sf2")
            // The quick scale keeps the crops only, not the full renders they are cut from.
            if concept.isRhythm { #expect(row["synth_file_path"] == "") }
        }
        if concept.isRhythm { #expect(!filesBelow(folder).contains { $0.hasSuffix(".flac") && !$0.contains("_offset_") }) }
    }

    /// The card names the concept, the SoundFont's licence and the meaning of every info.csv column.
    @Test(arguments: ConceptName.allCases)
    func cardExplainsEveryColumn(concept: ConceptName) throws {
        let folder = try QuickFixture.folder(concept)
        let card = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(card.contains("# SynTheory `\(concept.rawValue)` (SynthLoom)") && card.contains("GPL-2") && card.contains("ISMIR 2024"))
        let info = try InfoTable(folder.appendingPathComponent("info.csv"))
        #expect(TestSupport.labelsMissingFromCard(in: folder, labels: info.header) == [])
    }

    @Test(arguments: [ConceptName.tempos, .timeSignatures])
    func cropsAreCutFromTheFullRenderAtTheirOwnOffsets(concept: ConceptName) throws {
        let folder = scratchFolder("full-\(concept.rawValue)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try generate(SynTheoryOptions().with { $0.concept = ConceptChoice(concept); $0.limit = concept == .tempos ? 16 : 12; $0.fullRenders = true }, into: folder)
        let info = try InfoTable(folder.appendingPathComponent("info.csv"))
        let trim = concept == .tempos ? 882_000 : 1_323_000
        var offsetsByFile: [String: [String]] = [:]
        for (i, row) in info.rows.enumerated() {
            let full = try #require(row["synth_file_path"])
            offsetsByFile[full, default: []].append(row["offset_time"] ?? "")
            let seconds = try #require(Double(row["offset_time"] ?? ""))
            let start = Int((seconds * 44_100).rounded())
            #expect(abs(seconds * 44_100 - Double(start)) < 1e-6 && start >= 0 && start <= trim - 176_400)
            #expect(row["offset_file_path"] == full.replacingOccurrences(of: ".flac", with: "_offset_\(Int(row["row_id"]!)! % (concept == .tempos ? 1 : 2)).flac"))
            guard concept == .timeSignatures || i % 8 == 0 else {
                #expect(try SoundFile.info(folder.appendingPathComponent(full).path).frames == trim)
                continue
            }
            let whole = try SoundFile.read(folder.appendingPathComponent(full).path)
            #expect(whole.frames == trim)
            let crop = try SoundFile.read(folder.appendingPathComponent(row["offset_file_path"]!).path)
            let same = crop.samples[...] == whole.samples[(2 * start)..<(2 * (start + 176_400))]
            #expect(same, "\(row["offset_file_path"]!) is not the full render at \(seconds) s")
        }
        if concept == .timeSignatures {
            // Each crop draws its own offset (the original gave every crop of a file the same one).
            #expect(offsetsByFile.values.allSatisfy { Set($0).count == $0.count && $0.count == 2 })
            #expect(offsetsByFile.count == 6)
        }
    }

    @Test func namesKeepTheReferencesSharpsAndQuotes() throws {
        let names = filesBelow(try QuickFixture.folder(.chords))
        #expect(names.contains { $0.contains("#") })
        #expect(names.contains { $0.contains(#"Choir_"Aah""#) })
        let info = try String(contentsOf: try QuickFixture.folder(.chords).appendingPathComponent("info.csv"), encoding: .utf8)
        // RFC 4180, as pandas writes it: the quoted name doubled inside a quoted field.
        #expect(info.contains(#""Choir ""Aah""""#))
    }

    @Test(arguments: [ConceptName.chords, .timeSignatures])
    func validateFindsTheDatasetWhole(concept: ConceptName) throws {
        let folder = try QuickFixture.folder(concept)
        let generator = try SynTheoryGenerator(options: SynTheoryOptions().with { $0.concept = ConceptChoice(concept) }.completed(for: .quick))
        #expect(try DatasetRun.validate(generator, folder: folder) == [])
    }
}
