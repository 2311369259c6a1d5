import Foundation

extension MIDIFile {
    /// Reads a Standard MIDI File from disk.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AudioError.badMIDI(path: url.path, reason: "cannot read it")
        }
        do {
            try self.init(data: data)
        } catch AudioError.badMIDI(_, let reason) {
            throw AudioError.badMIDI(path: url.path, reason: reason)
        }
    }

    /// Parses Standard MIDI File bytes: running status, SysEx and unknown chunks are handled;
    /// SMPTE time division is refused.
    public init(data: Data) throws {
        var reader = ByteReader(bytes: [UInt8](data))
        guard try reader.chunkType() == "MThd" else { throw Self.bad("it does not start with MThd") }
        let headerLength = Int(try reader.uint32())
        guard headerLength >= 6 else { throw Self.bad("its header chunk is \(headerLength) bytes, not 6") }
        let format = Int(try reader.uint16())
        let trackCount = Int(try reader.uint16())
        let division = Int(try reader.uint16())
        guard division & 0x8000 == 0 else { throw Self.bad("SMPTE time division is not supported") }
        try reader.skip(headerLength - 6)
        var tracks: [MIDITrack] = []
        while tracks.count < trackCount {
            let type = try reader.chunkType()
            let length = Int(try reader.uint32())
            let body = try reader.take(length)
            if type == "MTrk" { tracks.append(try Self.parseTrack(body)) }
        }
        self.init(format: format, ticksPerQuarter: division, tracks: tracks)
    }

    static func bad(_ reason: String) -> AudioError { .badMIDI(path: "<data>", reason: reason) }

    static func parseTrack(_ bytes: [UInt8]) throws -> MIDITrack {
        var reader = ByteReader(bytes: bytes)
        var track = MIDITrack()
        var runningStatus: UInt8?
        while !reader.atEnd {
            let delta = try reader.variableLength()
            var status = try reader.byte()
            if status < 0x80 {
                guard let running = runningStatus else { throw bad("a data byte comes before any status byte") }
                reader.position -= 1
                status = running
            }
            switch status {
            case 0xFF:
                let type = try reader.byte()
                let data = try reader.take(try reader.variableLength())
                track.append(try metaEvent(type, data), after: delta)
                if type == 0x2F { return track }
            case 0xF0, 0xF7:
                runningStatus = nil
                track.append(.other(status: status, data: try reader.take(try reader.variableLength())), after: delta)
            default:
                runningStatus = status
                let channel = Int(status & 0x0F)
                let kind = status & 0xF0
                let first = Int(try reader.byte())
                let second = kind == 0xC0 || kind == 0xD0 ? 0 : Int(try reader.byte())
                let event: MIDIEvent = switch kind {
                case 0x80: .noteOff(channel: channel, key: first, velocity: second)
                case 0x90: .noteOn(channel: channel, key: first, velocity: second)
                case 0xB0: .controlChange(channel: channel, controller: first, value: second)
                case 0xC0: .programChange(channel: channel, program: first)
                case 0xD0: .other(status: status, data: [UInt8(first)])
                default: .other(status: status, data: [UInt8(first), UInt8(second)])
                }
                track.append(event, after: delta)
            }
        }
        return track
    }

    static func metaEvent(_ type: UInt8, _ data: [UInt8]) throws -> MIDIEvent {
        switch type {
        case 0x03:
            return .trackName(String(decoding: data, as: UTF8.self))
        case 0x2F:
            return .endOfTrack
        case 0x51:
            guard data.count == 3 else { throw bad("a tempo event has \(data.count) bytes, not 3") }
            return .tempo(microsecondsPerQuarter: Int(data[0]) << 16 | Int(data[1]) << 8 | Int(data[2]))
        case 0x58:
            guard data.count == 4, data[1] < 31 else { throw bad("a time signature event is malformed") }
            return .timeSignature(numerator: Int(data[0]), denominator: 1 << Int(data[1]),
                                  clocksPerClick: Int(data[2]), thirtySecondsPerQuarter: Int(data[3]))
        default:
            return .meta(type: type, data: data)
        }
    }
}

/// Reads big-endian integers and MIDI variable-length quantities from bytes.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw MIDIFile.bad("it ends in the middle of an event") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, position + count <= bytes.count else { throw MIDIFile.bad("a chunk or event runs past the end") }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func skip(_ count: Int) throws {
        _ = try take(count)
    }

    mutating func uint16() throws -> UInt16 {
        try take(2).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint32() throws -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func chunkType() throws -> String {
        String(decoding: try take(4), as: UTF8.self)
    }

    mutating func variableLength() throws -> Int {
        var value = 0
        for _ in 0..<4 {
            let b = try byte()
            value = value << 7 | Int(b & 0x7F)
            if b & 0x80 == 0 { return value }
        }
        throw MIDIFile.bad("a variable-length number is longer than 4 bytes")
    }
}
