import Foundation

extension MIDIFile {
    /// The file as Standard MIDI File bytes: `MThd`, then one `MTrk` per track, with running status
    /// and an end-of-track meta added where a track lacks one, exactly as mido writes them (so the
    /// original SynTheory's files and ours are byte-identical).
    /// Throws `AudioError.invalidMIDI` for a value outside its range.
    public func encoded() throws -> Data {
        guard (0...2).contains(format) else { throw AudioError.invalidMIDI("format \(format) is not 0, 1 or 2") }
        guard (1...0x7FFF).contains(ticksPerQuarter) else {
            throw AudioError.invalidMIDI("\(ticksPerQuarter) ticks per quarter note is outside 1-32767")
        }
        var out = Data("MThd".utf8)
        out.appendBigEndian(UInt32(6))
        out.appendBigEndian(UInt16(format))
        out.appendBigEndian(UInt16(tracks.count))
        out.appendBigEndian(UInt16(ticksPerQuarter))
        for track in tracks {
            var body = Data()
            var runningStatus: UInt8?
            for item in track.events {
                guard item.delta >= 0, item.delta <= 0x0FFF_FFFF else {
                    throw AudioError.invalidMIDI("delta time \(item.delta) is outside 0-268435455")
                }
                body.appendVariableLength(item.delta)
                let bytes = try Self.bytes(of: item.event)
                // A channel message repeating the previous status omits it; meta and SysEx events cancel it.
                if bytes[0] == runningStatus {
                    body.append(contentsOf: bytes.dropFirst())
                } else {
                    body.append(contentsOf: bytes)
                    runningStatus = bytes[0] < 0xF0 ? bytes[0] : nil
                }
            }
            if track.events.last?.event != .endOfTrack {
                body.appendVariableLength(0)
                body.append(contentsOf: [0xFF, 0x2F, 0x00])
            }
            out.append(contentsOf: Array("MTrk".utf8))
            out.appendBigEndian(UInt32(body.count))
            out.append(body)
        }
        return out
    }

    /// The bytes of one event after its delta time.
    static func bytes(of event: MIDIEvent) throws -> [UInt8] {
        switch event {
        case .trackName(let name):
            return meta(0x03, Array(name.utf8))
        case .timeSignature(let numerator, let denominator, let clocks, let thirtySeconds):
            guard denominator > 0, denominator & (denominator - 1) == 0, denominator <= 1 << 20 else {
                throw AudioError.invalidMIDI("time signature denominator \(denominator) is not a power of two")
            }
            return meta(0x58, [try byte(numerator, "time signature numerator", max: 255),
                               UInt8(denominator.trailingZeroBitCount),
                               try byte(clocks, "clocks per click", max: 255),
                               try byte(thirtySeconds, "32nd notes per quarter", max: 255)])
        case .tempo(let microseconds):
            guard (1...0xFF_FFFF).contains(microseconds) else {
                throw AudioError.invalidMIDI("tempo \(microseconds) µs per quarter note is outside 1-16777215")
            }
            return meta(0x51, [UInt8(microseconds >> 16), UInt8((microseconds >> 8) & 0xFF), UInt8(microseconds & 0xFF)])
        case .endOfTrack:
            return meta(0x2F, [])
        case .meta(let type, let data):
            return meta(type, data)
        case .noteOn(let channel, let key, let velocity):
            return [0x90 | (try nibble(channel)), try byte(key, "note"), try byte(velocity, "velocity")]
        case .noteOff(let channel, let key, let velocity):
            return [0x80 | (try nibble(channel)), try byte(key, "note"), try byte(velocity, "velocity")]
        case .programChange(let channel, let program):
            return [0xC0 | (try nibble(channel)), try byte(program, "program")]
        case .controlChange(let channel, let controller, let value):
            return [0xB0 | (try nibble(channel)), try byte(controller, "controller"), try byte(value, "controller value")]
        case .other(let status, let data):
            guard status >= 0x80, status != 0xFF else { throw AudioError.invalidMIDI("status byte \(status) is not a message") }
            if status == 0xF0 || status == 0xF7 {
                var bytes: [UInt8] = [status]
                bytes.appendVariableLength(data.count)
                return bytes + data
            }
            return [status] + data
        }
    }

    static func meta(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, type]
        bytes.appendVariableLength(data.count)
        return bytes + data
    }

    static func byte(_ value: Int, _ what: String, max: Int = 127) throws -> UInt8 {
        guard (0...max).contains(value) else { throw AudioError.invalidMIDI("\(what) \(value) is outside 0-\(max)") }
        return UInt8(value)
    }

    static func nibble(_ channel: Int) throws -> UInt8 {
        guard (0...15).contains(channel) else { throw AudioError.invalidMIDI("channel \(channel) is outside 0-15") }
        return UInt8(channel)
    }
}

extension RangeReplaceableCollection where Element == UInt8 {
    /// Appends a MIDI variable-length quantity (7 bits per byte, high bit set on all but the last).
    mutating func appendVariableLength(_ value: Int) {
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            groups.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        append(contentsOf: groups.reversed())
    }

    /// Appends an integer big-endian.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
