/// One event of a Standard MIDI File track. Channels are 0-based (0–15); data values are 0–127.
public enum MIDIEvent: Sendable, Equatable {
    /// Meta 0x03: the track's name.
    case trackName(String)
    /// Meta 0x58: numerator, denominator (a power of two), MIDI clocks per metronome click and
    /// notated 32nd notes per quarter note.
    case timeSignature(numerator: Int, denominator: Int, clocksPerClick: Int, thirtySecondsPerQuarter: Int)
    /// Meta 0x51: microseconds per quarter note.
    case tempo(microsecondsPerQuarter: Int)
    /// Meta 0x2F: the end of the track.
    case endOfTrack
    /// Any other meta event, kept as bytes.
    case meta(type: UInt8, data: [UInt8])
    /// 0x9n. A note-on with velocity 0 is a note-off to a player; it is kept as written.
    case noteOn(channel: Int, key: Int, velocity: Int)
    /// 0x8n.
    case noteOff(channel: Int, key: Int, velocity: Int)
    /// 0xCn.
    case programChange(channel: Int, program: Int)
    /// 0xBn.
    case controlChange(channel: Int, controller: Int, value: Int)
    /// Any other channel message (aftertouch, pitch bend) or a SysEx event, kept as bytes.
    case other(status: UInt8, data: [UInt8])

    /// The reverb send controller (GM CC91).
    public static let reverbController = 91

    /// The `time_signature` meta with mido's and the reference's defaults (24 clocks, 8 32nds).
    public static func timeSignature(_ numerator: Int, _ denominator: Int) -> MIDIEvent {
        .timeSignature(numerator: numerator, denominator: denominator, clocksPerClick: 24, thirtySecondsPerQuarter: 8)
    }

    /// The tempo meta for `bpm` quarter notes per minute: `round(60e6 / bpm)` µs, as mido's `bpm2tempo`.
    public static func tempo(bpm: Double) -> MIDIEvent {
        .tempo(microsecondsPerQuarter: Int((60_000_000 / bpm).rounded()))
    }
}

/// An event and its delta time in ticks since the previous event of its track.
public struct MIDITrackEvent: Sendable, Equatable {
    /// Ticks since the previous event of the track (0 or more).
    public var delta: Int
    /// The event.
    public var event: MIDIEvent

    /// An event `delta` ticks after the previous one.
    public init(_ delta: Int, _ event: MIDIEvent) {
        self.delta = delta
        self.event = event
    }
}

/// One `MTrk` chunk.
public struct MIDITrack: Sendable, Equatable {
    /// The events in track order.
    public var events: [MIDITrackEvent]

    /// A track of these events.
    public init(_ events: [MIDITrackEvent] = []) {
        self.events = events
    }

    /// Appends an event `delta` ticks after the previous one.
    public mutating func append(_ event: MIDIEvent, after delta: Int = 0) {
        events.append(MIDITrackEvent(delta, event))
    }

    /// The events with absolute times in ticks.
    public var timed: [(tick: Int, event: MIDIEvent)] {
        var tick = 0
        return events.map { tick += $0.delta; return (tick, $0.event) }
    }
}

/// A Standard MIDI File: format, resolution and tracks.
public struct MIDIFile: Sendable, Equatable {
    /// 0, 1 or 2; we write type 1.
    public var format: Int
    /// Ticks per quarter note (we write 480).
    public var ticksPerQuarter: Int
    /// The `MTrk` chunks in file order.
    public var tracks: [MIDITrack]

    /// A file of these tracks (type 1 at 480 ticks per quarter by default).
    public init(format: Int = 1, ticksPerQuarter: Int = 480, tracks: [MIDITrack] = []) {
        self.format = format
        self.ticksPerQuarter = ticksPerQuarter
        self.tracks = tracks
    }
}
