import Foundation
import LoomCore
import Media
import Testing
@testable import SynTheory

@Suite struct GridTests {
    static func generator(_ concept: ConceptName, scale: Scale, _ options: SynTheoryOptions = .init()) throws -> SynTheoryGenerator {
        var options = options
        options.concept = ConceptChoice(concept)
        options.midiOnly = true
        if scale == .paper { options.stratified = false }
        return try SynTheoryGenerator(options: options.completed(for: scale))
    }

    @Test func paperCountsEqualTheReference() throws {
        var total = 0
        for concept in ConceptName.allCases {
            let count = try Self.generator(concept, scale: .paper).sampleCount
            #expect(count == concept.paperRows, "\(concept.rawValue)")
            total += count
        }
        #expect(total == 104_585)
        #expect([4_025, 1_200, 9_936, 39_744, 15_456, 13_248, 20_976] == ConceptName.allCases.map(\.paperRows))
    }

    @Test func instrumentTablesMatchTheReference() throws {
        let table = try InstrumentTable.load()
        #expect(table.all.count == 128)
        let tonal = table.tonal.map(\.program)
        let expected = Array(0...7) + Array(10...13) + Array(15...20) + Array(24...30) + Array(32...46)
            + Array(48...54) + Array(56...76) + Array(79...85) + Array(87...95) + Array(104...111)
        #expect(tonal == expected && tonal.count == 92)
        #expect(Set(table.tonal.map(\.category)).count == 13)
        #expect(table.all[52].name == #"Choir "Aah""# && table.all[52].category == "Ensemble Timbres")
        let clicks = try ClickConfig.load()
        #expect(clicks.map(\.name) == ["default", "woodblock_dark", "woodblock_light", "taiko", "synth_drum"])
        #expect(clicks[0] == ClickConfig(name: "default", channel: 9, program: 0, downbeatKey: 37, offbeatKey: 31,
                                         downbeatVelocity: 100, offbeatVelocity: 75))
        #expect(clicks.dropFirst().allSatisfy { $0.channel == 2 } && clicks.map(\.program) == [0, 115, 115, 116, 118])
    }

    @Test func paperRowsFollowTheReferencesLoops() throws {
        let notes = try Self.generator(.notes, scale: .paper)
        // note outer, instrument inner: row 91 is note 0 on the last tonal program (111), row 92 note 1 on program 0.
        #expect(notes.position(of: 91) == (0, 91, 0) && notes.position(of: 92) == (1, 0, 0))
        #expect(notes.concept.row(combination: 0, variant: 91).stem == "0_0_C_111_Shanai")
        let intervals = try Self.generator(.intervals, scale: .paper)
        // base, then interval, then play style, then instrument
        #expect(intervals.concept.row(combination: 1, variant: 0).stem == "C_1_DOWN_0_Acoustic_Grand_Piano")
        #expect(intervals.concept.row(combination: 3, variant: 0).stem == "C_2_UP_0_Acoustic_Grand_Piano")
        #expect(intervals.concept.row(combination: 36, variant: 0).stem == "C#_1_UP_0_Acoustic_Grand_Piano")
        let chords = try Self.generator(.chords, scale: .paper)
        #expect(chords.concept.row(combination: 1, variant: 0).stem == "C_major_6_0_Acoustic_Grand_Piano")
        #expect(chords.concept.row(combination: 3, variant: 0).stem == "C_minor_5_0_Acoustic_Grand_Piano")
        let tempos = try Self.generator(.tempos, scale: .paper)
        // bpm, then click configuration, then 5 crops: row_id = base + i, the base advancing by 5
        #expect(tempos.position(of: 7) == (0, 1, 2))
        #expect(tempos.concept.row(combination: 0, variant: 1).stem == "50_bpm_woodblock_dark")
        let meters = try Self.generator(.timeSignatures, scale: .paper)
        // meter, then reverb level, then click configuration, then 10 crops
        #expect(meters.position(of: 50) == (1, 0, 0))
        #expect(meters.concept.row(combination: 1, variant: 0).stem == "2_2_120_bpm_default_reverb_level_1")
    }

    @Test func stratifiedRowsKeepEveryCombinationOnceAndUseEveryVariant() throws {
        for concept in ConceptName.allCases {
            let generator = try Self.generator(concept, scale: .quick)
            let positions = generator.rows.map(generator.position)
            let combinations = Set(positions.map(\.combination))
            #expect(combinations.count == generator.concept.combinations)
            #expect(positions.count == generator.concept.combinations * generator.concept.crops)
            #expect(Set(positions.map(\.variant)).count == generator.concept.variants)
            #expect(generator.rows == generator.rows.sorted())
        }
        let notes = try Self.generator(.notes, scale: .quick)
        // Instruments are not tied to pitch classes: each pitch class meets several instruments.
        let pairs = Set(notes.rows.map(notes.position).map { "\($0.combination % 12)-\($0.variant)" })
        #expect(pairs.count > 40)
    }

    @Test func limitKeepsTheFirstRows() throws {
        let all = try Self.generator(.chords, scale: .quick)
        let some = try Self.generator(.chords, scale: .quick, SynTheoryOptions().with { $0.limit = 7 })
        #expect(some.rows == Array(all.rows.prefix(7)))
    }

    @Test func badOptionsSayWhatIsWrong() throws {
        func message(_ assignments: [String]) -> String {
            do {
                let options = try SynTheoryOptions.resolve(scale: .quick, layers: [try OptionLayer(assignments: assignments)], owner: "syntheory")
                _ = try SynTheoryGenerator(options: options)
                return ""
            } catch let error as ConfigValueError {
                return "\(error.key): \(error.message)"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(["concept=melodies"]).contains("unknown concept 'melodies'; expected one of tempos, time_signatures"))
        #expect(message(["concept=notes", "instruments=[0, 128]"]).hasSuffix("instruments: program number 128 is outside 0-127"))
        #expect(message(["concept=notes", "instruments=[-1]"]).hasSuffix("instruments: program number -1 is outside 0-127"))
        #expect(message(["concept=tempos", "click_configs=[cowbell]"]).contains("unknown click configuration 'cowbell'"))
        #expect(message(["concept=notes", "audio_format=mp3"]).contains("expected one of wav, pcm16, flac, flac16"))
        #expect(message(["concept=notes", "crops=3"]).contains("only tempos and time_signatures are cropped"))
        #expect(message(["concept=chords", "full_renders=true"]).contains("only tempos and time_signatures have full renders"))
        let missing = message(["concept=notes", "soundfont=/nowhere/font.sf2"])
        #expect(missing.contains("/nowhere/font.sf2 does not exist") && missing.contains("timgm6mb-soundfont"))
        // MIDI only needs no SoundFont.
        #expect(message(["concept=notes", "soundfont=/nowhere/font.sf2", "midi_only=true"]).isEmpty)
    }
}
