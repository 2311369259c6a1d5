/// A MIDI event placed at an audio frame.
public struct ScheduledMIDIEvent: Sendable, Equatable {
    /// The audio frame the event takes effect at (0-based, at the render's sample rate).
    public let frame: Int
    /// The event.
    public let event: MIDIEvent
}

extension MIDIFile {
    /// Every track's events merged in time order (ties keep track order, then file order), placed at
    /// frames of `sampleRate` through the file's tempo map (120 BPM until the first tempo event).
    /// Frames are rounded to the nearest one.
    public func schedule(sampleRate: Int) -> [ScheduledMIDIEvent] {
        var merged: [(tick: Int, track: Int, order: Int, event: MIDIEvent)] = []
        for (t, track) in tracks.enumerated() {
            for (i, item) in track.timed.enumerated() { merged.append((item.tick, t, i, item.event)) }
        }
        merged.sort { ($0.tick, $0.track, $0.order) < ($1.tick, $1.track, $1.order) }
        // Elapsed time is kept exactly as µs × ticks-per-quarter; frames are rounded from it.
        var elapsed = 0, lastTick = 0, tempo = 500_000
        let scale = Double(sampleRate) / (Double(ticksPerQuarter) * 1_000_000)
        return merged.map { item in
            elapsed += (item.tick - lastTick) * tempo
            lastTick = item.tick
            if case .tempo(let microseconds) = item.event { tempo = microseconds }
            return ScheduledMIDIEvent(frame: Int((Double(elapsed) * scale).rounded()), event: item.event)
        }
    }

    /// The time of the last event in frames of `sampleRate`: the length a renderer that stops at
    /// the last event (as the original SynTheory renderer does) gives.
    public func lengthInFrames(sampleRate: Int) -> Int {
        schedule(sampleRate: sampleRate).last?.frame ?? 0
    }
}
