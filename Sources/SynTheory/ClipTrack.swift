import Media

/// Keys that sound together for a number of beats (one note of a melody, or a block chord).
struct Step: Sendable, Equatable {
    let keys: [Int]
    let beats: Int
}

/// Builds MIDI tracks in the reference's layout (`dataset/music/midi.py`): one track whose first
/// events, all at delta 0, are the track name, the time signature (24 clocks per click, 8 32nds per
/// quarter), the tempo and the program change.
enum ClipTrack {
    static let ticksPerQuarter = 480
    /// Channel, tempo, meter and velocity of every tonal clip.
    static let tonalChannel = 2
    static let tonalBPM = 120
    static let tonalVelocity = 64

    /// The header events. The tempo is `round(60e6 / bpm)` µs per quarter note whatever the meter.
    static func header(name: String, meter: (Int, Int), bpm: Int, program: Int, channel: Int) -> MIDITrack {
        var track = MIDITrack()
        track.append(.trackName(name))
        track.append(.timeSignature(meter.0, meter.1))
        track.append(.tempo(bpm: Double(bpm)))
        track.append(.programChange(channel: channel, program: program))
        return track
    }

    /// A tonal clip: the header (4/4, 120 BPM, channel 2) and the steps back to back. Each step's
    /// note-ons come at delta 0, then its first note-off after the step's length and the others at
    /// delta 0, all at velocity 64 (for one key this is exactly the reference's melody writer).
    static func tonal(name: String, program: Int, steps: [Step]) -> MIDIFile {
        var track = header(name: name, meter: (4, 4), bpm: tonalBPM, program: program, channel: tonalChannel)
        for step in steps {
            for key in step.keys {
                track.append(.noteOn(channel: tonalChannel, key: key, velocity: tonalVelocity))
            }
            for (i, key) in step.keys.enumerated() {
                track.append(.noteOff(channel: tonalChannel, key: key, velocity: tonalVelocity),
                             after: i == 0 ? step.beats * ticksPerQuarter : 0)
            }
        }
        return MIDIFile(ticksPerQuarter: ticksPerQuarter, tracks: [track])
    }

    /// A click track: header named "click", CC91 = `reverbSend` on the click channel, then `count`
    /// legato clicks of `unit` ticks; every `meter.0`-th click (from the first) is a downbeat.
    static func clicks(meter: (Int, Int), bpm: Int, count: Int, unit: Int, config: ClickConfig, reverbSend: Int) -> MIDIFile {
        var track = header(name: "click", meter: meter, bpm: bpm, program: config.program, channel: config.channel)
        track.append(.controlChange(channel: config.channel, controller: MIDIEvent.reverbController, value: reverbSend))
        for beat in 0..<count {
            let downbeat = beat % meter.0 == 0
            let key = downbeat ? config.downbeatKey : config.offbeatKey
            let velocity = downbeat ? config.downbeatVelocity : config.offbeatVelocity
            track.append(.noteOn(channel: config.channel, key: key, velocity: velocity))
            track.append(.noteOff(channel: config.channel, key: key, velocity: velocity), after: unit)
        }
        return MIDIFile(ticksPerQuarter: ticksPerQuarter, tracks: [track])
    }
}
