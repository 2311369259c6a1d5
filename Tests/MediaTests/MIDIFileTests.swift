import Foundation
import Testing
@testable import Media

@Suite struct MIDIFileTests {
    /// A one-track file like the reference's: name, time signature, tempo, program, two notes.
    static func sample() -> MIDIFile {
        var track = MIDITrack()
        track.append(.trackName(#"Choir "Aah""#))
        track.append(.timeSignature(4, 4))
        track.append(.tempo(bpm: 120))
        track.append(.programChange(channel: 2, program: 52))
        track.append(.noteOn(channel: 2, key: 60, velocity: 64))
        track.append(.noteOff(channel: 2, key: 60, velocity: 64), after: 960)
        track.append(.noteOn(channel: 2, key: 67, velocity: 64))
        track.append(.noteOff(channel: 2, key: 67, velocity: 64), after: 200_000)
        return MIDIFile(tracks: [track])
    }

    @Test func headerAndEventBytesAreStandard() throws {
        let data = [UInt8](try Self.sample().encoded())
        #expect(Array(data[0..<14]) == [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1, 0x01, 0xE0])
        #expect(Array(data[14..<18]) == Array("MTrk".utf8))
        let length = data[18..<22].reduce(0) { $0 << 8 | Int($1) }
        #expect(length == data.count - 22)
        let body = Array(data[22...])
        // track name: delta 0, FF 03, length 11, the name's bytes (quotes included)
        #expect(Array(body[0..<4]) == [0x00, 0xFF, 0x03, 11])
        #expect(String(decoding: body[4..<15], as: UTF8.self) == #"Choir "Aah""#)
        // time signature 4/4: denominator as a power of two, 24 clocks, 8 32nds
        #expect(Array(body[15..<23]) == [0x00, 0xFF, 0x58, 0x04, 4, 2, 24, 8])
        // tempo 500000 µs = 0x07A120
        #expect(Array(body[23..<30]) == [0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20])
        #expect(Array(body[30..<33]) == [0x00, 0xC2, 52])
        #expect(Array(body[33..<37]) == [0x00, 0x92, 60, 64])
        // delta 960 = 0x87 0x40
        #expect(Array(body[37..<42]) == [0x87, 0x40, 0x82, 60, 64])
        // end of track appended
        #expect(Array(body.suffix(4)) == [0x00, 0xFF, 0x2F, 0x00])
    }

    @Test func channelMessagesUseRunningStatusAsMidoDoes() throws {
        var track = MIDITrack()
        track.append(.noteOn(channel: 2, key: 64, velocity: 64))
        track.append(.noteOn(channel: 2, key: 67, velocity: 64))
        track.append(.noteOff(channel: 2, key: 64, velocity: 64), after: 960)
        track.append(.noteOff(channel: 2, key: 67, velocity: 64))
        track.append(.trackName("x"))
        track.append(.noteOff(channel: 2, key: 67, velocity: 64))
        let file = MIDIFile(tracks: [track])
        let body = Array(try file.encoded().dropFirst(22))
        #expect(body == [0x00, 0x92, 64, 64, 0x00, 67, 64, 0x87, 0x40, 0x82, 64, 64, 0x00, 67, 64,
                         0x00, 0xFF, 0x03, 0x01, 0x78, 0x00, 0x82, 67, 64, 0x00, 0xFF, 0x2F, 0x00])
        var expected = file
        expected.tracks[0].append(.endOfTrack)
        #expect(try MIDIFile(data: file.encoded()) == expected)
    }

    @Test(arguments: [(0, [0x00]), (127, [0x7F]), (128, [0x81, 0x00]), (8192, [0xC0, 0x00]),
                      (0x0FFF_FFFF, [0xFF, 0xFF, 0xFF, 0x7F])] as [(Int, [UInt8])])
    func variableLengthQuantities(value: Int, bytes: [UInt8]) throws {
        var out: [UInt8] = []
        out.appendVariableLength(value)
        #expect(out == bytes)
        var reader = ByteReader(bytes: bytes)
        #expect(try reader.variableLength() == value)
    }

    @Test func roundTripKeepsEveryEvent() throws {
        let file = Self.sample()
        let read = try MIDIFile(data: try file.encoded())
        var expected = file
        expected.tracks[0].append(.endOfTrack)
        #expect(read == expected)
    }

    @Test func readerFollowsRunningStatusAndSkipsUnknownChunks() throws {
        var bytes: [UInt8] = Array("MThd".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 0, 96]
        bytes += Array("XYZW".utf8) + [0, 0, 0, 2, 0xAA, 0xBB]
        let events: [UInt8] = [0x00, 0x90, 60, 100, 0x60, 62, 90, 0x10, 60, 0, 0x00, 0xE1, 0x00, 0x40, 0x00, 0xFF, 0x2F, 0x00]
        bytes += Array("MTrk".utf8) + [0, 0, 0, UInt8(events.count)] + events
        let file = try MIDIFile(data: Data(bytes))
        #expect(file.format == 0 && file.ticksPerQuarter == 96)
        #expect(file.tracks.count == 1)
        #expect(file.tracks[0].events == [
            MIDITrackEvent(0, .noteOn(channel: 0, key: 60, velocity: 100)),
            MIDITrackEvent(0x60, .noteOn(channel: 0, key: 62, velocity: 90)),
            MIDITrackEvent(0x10, .noteOn(channel: 0, key: 60, velocity: 0)),
            MIDITrackEvent(0, .other(status: 0xE1, data: [0x00, 0x40])),
            MIDITrackEvent(0, .endOfTrack),
        ])
    }

    @Test func truncatedFilesAreRefused() throws {
        let data = try Self.sample().encoded()
        #expect(throws: AudioError.self) { try MIDIFile(data: data.prefix(30)) }
        #expect(throws: AudioError.self) { try MIDIFile(data: Data("RIFF....".utf8)) }
    }

    @Test func outOfRangeValuesAreRefused() throws {
        for event in [MIDIEvent.programChange(channel: 0, program: 128), .noteOn(channel: 16, key: 60, velocity: 64),
                      .controlChange(channel: 0, controller: 91, value: -1), .timeSignature(3, 6)] {
            let file = MIDIFile(tracks: [MIDITrack([MIDITrackEvent(0, event)])])
            #expect(throws: AudioError.self) { try file.encoded() }
        }
        do {
            _ = try MIDIFile(tracks: [MIDITrack([MIDITrackEvent(0, .programChange(channel: 2, program: 130))])]).encoded()
        } catch {
            #expect("\(error)".contains("program 130 is outside 0-127"))
        }
    }

    @Test func scheduleFollowsTheTempoMap() {
        var track = MIDITrack()
        track.append(.tempo(microsecondsPerQuarter: 500_000))
        track.append(.noteOn(channel: 0, key: 60, velocity: 64), after: 480)  // 0.5 s
        track.append(.tempo(microsecondsPerQuarter: 1_000_000), after: 480)   // 1.0 s
        track.append(.noteOff(channel: 0, key: 60, velocity: 64), after: 240) // 1.5 s
        var second = MIDITrack()
        second.append(.noteOn(channel: 1, key: 50, velocity: 64), after: 960) // same tick as the tempo change
        let file = MIDIFile(tracks: [track, second])
        let schedule = file.schedule(sampleRate: 44_100)
        #expect(schedule.map(\.frame) == [0, 22_050, 44_100, 44_100, 66_150])
        #expect(schedule[3].event == .noteOn(channel: 1, key: 50, velocity: 64))
        #expect(file.lengthInFrames(sampleRate: 44_100) == 66_150)
    }
}
