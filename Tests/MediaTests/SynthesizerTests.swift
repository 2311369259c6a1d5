import Foundation
import Testing
@testable import Media

@Suite struct SynthesizerTests {
    /// `key` played on `program` for one second at 120 BPM, as the reference's tonal tracks are laid out.
    static func note(program: Int, key: Int, channel: Int = 2, beats: Int = 2) -> MIDIFile {
        var track = MIDITrack()
        track.append(.trackName("test"))
        track.append(.timeSignature(4, 4))
        track.append(.tempo(bpm: 120))
        track.append(.programChange(channel: channel, program: program))
        track.append(.noteOn(channel: channel, key: key, velocity: 64))
        track.append(.noteOff(channel: channel, key: key, velocity: 64), after: 480 * beats)
        return MIDIFile(tracks: [track])
    }

    @Test func rendersExactlyTheFramesAsked() throws {
        let synth = try Synthesizer(soundFont: Synthesizer.defaultSoundFont)
        var audio: [Float] = []
        try synth.render(Self.note(program: 0, key: 60), frames: 44_100, into: &audio)
        #expect(audio.count == 88_200)
        let peak = audio.map(abs).max() ?? 0
        #expect(peak > 1e-3 && peak < 1)
        // Both channels carry sound.
        #expect(stride(from: 0, to: audio.count, by: 2).contains { audio[$0] != 0 })
        #expect(stride(from: 1, to: audio.count, by: 2).contains { audio[$0] != 0 })
    }

    @Test func everyClipRendersTheSameWhateverCameBefore() throws {
        let synth = try Synthesizer(soundFont: Synthesizer.defaultSoundFont)
        let clip = Self.note(program: 48, key: 64)
        var first: [Float] = [], again: [Float] = [], other: [Float] = []
        try synth.render(clip, frames: 30_001, into: &first)
        // Chorus-heavy pads, drums and a different length in between.
        for (program, channel) in [(88, 2), (0, 9), (50, 3)] {
            try synth.render(Self.note(program: program, key: 40, channel: channel), frames: 50_017, into: &other)
        }
        try synth.render(clip, frames: 30_001, into: &again)
        let sameOnOneSynth = first == again
        #expect(sameOnOneSynth)
        let fresh = try Synthesizer(soundFont: Synthesizer.defaultSoundFont)
        var separate: [Float] = []
        try fresh.render(clip, frames: 30_001, into: &separate)
        let sameOnAnother = first == separate
        #expect(sameOnAnother)
    }

    @Test func nothingRingsOverFromTheClipBefore() throws {
        let synth = try Synthesizer(soundFont: Synthesizer.defaultSoundFont)
        var audio: [Float] = []
        // Cut off while the note still sounds, with reverb at full send.
        var loud = Self.note(program: 19, key: 60, beats: 8)
        loud.tracks[0].events.insert(MIDITrackEvent(0, .controlChange(channel: 2, controller: 91, value: 127)), at: 4)
        try synth.render(loud, frames: 44_100, into: &audio)
        #expect(audio.contains { $0 != 0 })
        try synth.render(MIDIFile(tracks: [MIDITrack()]), frames: 10_000, into: &audio)
        // FluidSynth's reverb idles at a tiny offset (about 3e-8), so "nothing" is what a new synthesizer gives.
        var idle: [Float] = []
        try Synthesizer(soundFont: Synthesizer.defaultSoundFont).render(MIDIFile(tracks: [MIDITrack()]), frames: 10_000, into: &idle)
        let same = audio == idle
        #expect(same)
        #expect((audio.map(abs).max() ?? 1) < 1e-6)
    }

    @Test func reverbSendMatchesTheOriginalRendererByDefault() throws {
        let dry = try Synthesizer(soundFont: Synthesizer.defaultSoundFont, reverbSend: 0)
        let wet = try Synthesizer(soundFont: Synthesizer.defaultSoundFont)
        #expect(wet.reverbSend == 40)
        var a: [Float] = [], b: [Float] = []
        try dry.render(Self.note(program: 0, key: 60), frames: 44_100, into: &a)
        try wet.render(Self.note(program: 0, key: 60), frames: 44_100, into: &b)
        let reverbChangesTheSound = a != b
        #expect(reverbChangesTheSound)
        // An explicit CC91 in the file wins over the default: 40 written out equals the default.
        var explicit = Self.note(program: 0, key: 60)
        explicit.tracks[0].events.insert(MIDITrackEvent(0, .controlChange(channel: 2, controller: 91, value: 40)), at: 4)
        var c: [Float] = []
        try dry.render(explicit, frames: 44_100, into: &c)
        let explicitEqualsDefault = c == b
        #expect(explicitEqualsDefault)
    }

    @Test func missingOrWrongSoundFontsNameTheDebianPackage() throws {
        #expect {
            _ = try Synthesizer(soundFont: "/nonexistent/TimGM6mb.sf2")
        } throws: { error in
            let text = "\(error)"
            return text.contains("does not exist") && text.contains("timgm6mb-soundfont")
                && (error as? AudioError)?.isUsageError == true
        }
        let bogus = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-soundfont-\(getpid()).sf2")
        try Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8).write(to: bogus)
        defer { try? FileManager.default.removeItem(at: bogus) }
        #expect {
            _ = try Synthesizer(soundFont: bogus.path)
        } throws: { "\($0)".contains("is not a SoundFont") && "\($0)".contains("timgm6mb-soundfont") }
    }
}
