import CFluidSynth
import Foundation

/// An offline FluidSynth synthesizer with one SoundFont loaded: renders MIDI to interleaved
/// stereo float frames, as fast as the CPU allows (no audio driver, no player).
///
/// Make one per thread and reuse it: loading the SoundFont is the expensive part (tens of ms).
/// Every clip is rendered by a fresh FluidSynth voice engine that borrows the loaded SoundFont
/// (under a tenth of a millisecond to set up). `fluid_synth_system_reset` is not enough between clips:
/// in libfluidsynth 2.3 it leaves a sounding voice's release and a residue in the reverb's
/// delay lines, so a clip would depend on what the thread rendered before it. With a fresh engine
/// every clip renders the same samples whatever came before, on any thread.
public final class Synthesizer {
    /// The Debian `timgm6mb-soundfont` SoundFont, byte-identical to the one the original SynTheory used.
    public static let defaultSoundFont = "/usr/share/sounds/sf2/TimGM6mb.sf2"

    /// Output frames per second (Hz).
    public let sampleRate: Int
    /// The reverb send (CC91) every channel starts each clip with. 40 is the default of rustysynth,
    /// the original's renderer; FluidSynth's own default is 0.
    public let reverbSend: Int

    private let settings: OpaquePointer
    /// The engine that loaded the SoundFont and owns it.
    private let owner: OpaquePointer
    private let soundFont: OpaquePointer

    /// Loads `soundFont`.
    /// - Parameters:
    ///   - gain: FluidSynth's master gain (its default is 0.2).
    ///   - reverbSend: CC91 set on all 16 channels at the start of every clip (0–127).
    public init(soundFont path: String, sampleRate: Int = 44_100, gain: Double = 0.2, reverbSend: Int = 40) throws {
        try Self.checkSoundFont(path)
        guard (0...127).contains(reverbSend) else { throw AudioError.invalidMIDI("reverb send \(reverbSend) is outside 0-127") }
        _ = Self.quietLogs
        guard let settings = new_fluid_settings() else { throw AudioError.synthesizer(call: "new_fluid_settings") }
        fluid_settings_setnum(settings, "synth.sample-rate", Double(sampleRate))
        fluid_settings_setnum(settings, "synth.gain", gain)
        // rustysynth's (the original renderer's) polyphony; it also makes a fresh engine 10x cheaper than 256.
        fluid_settings_setint(settings, "synth.polyphony", 64)
        fluid_settings_setint(settings, "synth.reverb.active", 1)
        fluid_settings_setint(settings, "synth.chorus.active", 1)
        fluid_settings_setint(settings, "synth.threadsafe-api", 0)
        fluid_settings_setint(settings, "synth.cpu-cores", 1)
        fluid_settings_setint(settings, "synth.lock-memory", 0)
        guard let owner = new_fluid_synth(settings) else {
            delete_fluid_settings(settings)
            throw AudioError.synthesizer(call: "new_fluid_synth")
        }
        guard fluid_synth_sfload(owner, path, 1) != FLUID_FAILED, let font = fluid_synth_get_sfont(owner, 0) else {
            delete_fluid_synth(owner)
            delete_fluid_settings(settings)
            throw AudioError.soundFont(path: path, reason: "could not be loaded")
        }
        self.settings = settings
        self.owner = owner
        self.soundFont = font
        self.sampleRate = sampleRate
        self.reverbSend = reverbSend
    }

    deinit {
        delete_fluid_synth(owner)
        delete_fluid_settings(settings)
    }

    /// Throws a clear error when `path` does not exist or is not a SoundFont (SF2/SF3).
    public static func checkSoundFont(_ path: String) throws {
        _ = quietLogs
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AudioError.soundFont(path: path, reason: "does not exist")
        }
        // Read the RIFF header ourselves first: fluid_is_soundfont prints its own error for other files.
        let header = FileHandle(forReadingAtPath: path).map { handle in
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 12)) ?? Data()
        } ?? Data()
        guard header.count == 12, header.prefix(4) == Data("RIFF".utf8), header.suffix(4) == Data("sfbk".utf8),
              fluid_is_soundfont(path) != 0 else {
            throw AudioError.soundFont(path: path, reason: "is not a SoundFont (no RIFF sfbk header)")
        }
        if let problem = structureProblem(path) {
            throw AudioError.soundFont(path: path, reason: "is broken (\(problem))")
        }
    }

    /// What is wrong with the file's RIFF layout, or nil: its size must match the header and it must hold
    /// the INFO, sdta and pdta lists, each inside the file. Checked here because FluidSynth (and the DLS
    /// loader it falls back to) prints lines of its own for a broken file.
    static func structureProblem(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
        func word(_ at: Int) -> Int {
            Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24
        }
        func tag(_ at: Int) -> String { String(decoding: data[at..<at + 4], as: UTF8.self) }
        guard word(4) + 8 == data.count else { return "the header says \(word(4) + 8) bytes, the file has \(data.count)" }
        var lists: [String] = []
        var at = 12
        while at + 8 <= data.count {
            let size = word(at + 4)
            guard at + 8 + size <= data.count else { return "chunk '\(tag(at))' runs past the end" }
            if tag(at) == "LIST", size >= 4 { lists.append(tag(at + 8)) }
            at += 8 + size + size % 2
        }
        let missing = ["INFO", "sdta", "pdta"].filter { !lists.contains($0) }
        return missing.isEmpty ? nil : "no \(missing.joined(separator: ", ")) list"
    }


    /// FluidSynth's messages (e.g. channels without a preset before the SoundFont is attached) are
    /// not the user's business.
    private static let quietLogs: Void = {
        // Errors too: every failure comes back as our own one-line error (AudioError.soundFont, ...).
        for level in [FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG] { _ = fluid_set_log_function(Int32(level.rawValue), nil, nil) }
    }()

    /// Renders `file` for exactly `frames` frames into `buffer` (interleaved stereo, resized to
    /// `2 * frames`), every event at its frame (events at or after `frames` are dropped).
    /// Rendering stops at `frames`, with no release or reverb tail, as in the original renderer.
    public func render(_ file: MIDIFile, frames: Int, into buffer: inout [Float]) throws {
        try render(file.schedule(sampleRate: sampleRate), frames: frames, into: &buffer)
    }

    /// Renders scheduled events; see `render(_:frames:into:)`.
    public func render(_ events: [ScheduledMIDIEvent], frames: Int, into buffer: inout [Float]) throws {
        precondition(frames >= 0, "frames must not be negative")
        let engine = try Engine(settings: settings, soundFont: soundFont, reverbSend: reverbSend)
        if buffer.count != 2 * frames { buffer = [Float](repeating: 0, count: 2 * frames) }
        try buffer.withUnsafeMutableBufferPointer { out in
            var position = 0
            for item in events where item.frame < frames {
                if item.frame > position {
                    try engine.write(out.baseAddress! + 2 * position, frames: item.frame - position)
                    position = item.frame
                }
                try engine.apply(item.event)
            }
            try engine.write(out.baseAddress! + 2 * position, frames: frames - position)
        }
    }
}

/// One clip's FluidSynth voice engine, borrowing a loaded SoundFont; deleted when released.
private final class Engine {
    let synth: OpaquePointer
    let soundFont: OpaquePointer

    init(settings: OpaquePointer, soundFont: OpaquePointer, reverbSend: Int) throws {
        guard let synth = new_fluid_synth(settings) else { throw AudioError.synthesizer(call: "new_fluid_synth") }
        self.synth = synth
        self.soundFont = soundFont
        try check(fluid_synth_add_sfont(synth, soundFont), "fluid_synth_add_sfont")
        // Channels were created before the SoundFont was there: select their presets again.
        try check(fluid_synth_program_reset(synth), "fluid_synth_program_reset")
        // Linear sample interpolation, as rustysynth (the original's renderer) has; FluidSynth's default is 4th order.
        try check(fluid_synth_set_interp_method(synth, -1, Int32(FLUID_INTERP_LINEAR.rawValue)), "fluid_synth_set_interp_method")
        for channel in 0..<16 {
            try check(fluid_synth_cc(synth, Int32(channel), Int32(MIDIEvent.reverbController), Int32(reverbSend)), "fluid_synth_cc")
        }
    }

    deinit {
        // Detach the SoundFont first: it belongs to the loading engine.
        fluid_synth_remove_sfont(synth, soundFont)
        delete_fluid_synth(synth)
    }

    /// Sends one event to the synthesizer; meta and unsupported events are ignored.
    func apply(_ event: MIDIEvent) throws {
        switch event {
        case .noteOn(let channel, let key, let velocity) where velocity > 0:
            // FLUID_FAILED here only means no preset answers this key; the note is silent, as in any player.
            _ = fluid_synth_noteon(synth, Int32(channel), Int32(key), Int32(velocity))
        case .noteOn(let channel, let key, _), .noteOff(let channel, let key, _):
            _ = fluid_synth_noteoff(synth, Int32(channel), Int32(key))
        case .programChange(let channel, let program):
            _ = fluid_synth_program_change(synth, Int32(channel), Int32(program))
        case .controlChange(let channel, let controller, let value):
            try check(fluid_synth_cc(synth, Int32(channel), Int32(controller), Int32(value)), "fluid_synth_cc")
        default:
            break
        }
    }

    /// Renders `frames` frames, interleaved stereo, at `out`.
    func write(_ out: UnsafeMutablePointer<Float>, frames: Int) throws {
        guard frames > 0 else { return }
        try check(fluid_synth_write_float(synth, Int32(frames), out, 0, 2, out, 1, 2), "fluid_synth_write_float")
    }

    private func check(_ status: Int32, _ call: String) throws {
        if status == FLUID_FAILED { throw AudioError.synthesizer(call: call) }
    }
}
