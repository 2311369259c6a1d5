import Foundation
import LoomCore
import Testing
import Media
@testable import SynTheory

/// A note as a MIDI file plays it: when it starts and ends (ticks), key, velocity, channel.
struct PlayedNote: Equatable, CustomStringConvertible {
    let start: Int, end: Int, key: Int, velocity: Int, channel: Int
    var description: String { "\(key)@\(start)-\(end)v\(velocity)c\(channel)" }
}

/// Pairs note-ons with their note-offs, in the order the note-ons appear.
func playedNotes(_ track: MIDITrack) -> [PlayedNote] {
    var open: [Int: [(start: Int, velocity: Int, channel: Int, order: Int)]] = [:]
    var notes: [(order: Int, note: PlayedNote)] = []
    var order = 0
    for (tick, event) in track.timed {
        switch event {
        case .noteOn(let channel, let key, let velocity) where velocity > 0:
            open[key, default: []].append((tick, velocity, channel, order))
            order += 1
        case .noteOff(let channel, let key, let velocity), .noteOn(let channel, let key, let velocity):
            guard let first = open[key]?.first else { continue }
            open[key]?.removeFirst()
            // The reference's note-offs repeat the note-on's velocity and channel.
            #expect(first.velocity == velocity && first.channel == channel)
            notes.append((first.order, PlayedNote(start: first.start, end: tick, key: key, velocity: velocity, channel: channel)))
        default:
            continue
        }
    }
    return notes.sorted { $0.order < $1.order }.map(\.note)
}

/// info.csv as dictionaries, with its header.
struct InfoTable {
    let header: [String]
    let rows: [[String: String]]

    init(_ url: URL) throws {
        let table = try #require(CSVTable.parse(try String(contentsOf: url, encoding: .utf8)))
        header = table.header
        rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }
    }
}

/// Generates a dataset into `folder` and returns it.
@discardableResult
func generate(_ options: SynTheoryOptions, scale: Scale = .quick, into folder: URL, seed: UInt64 = 0,
              shard: Shard = .whole, jobs: Int = 2) throws -> SynTheoryGenerator {
    let generator = try SynTheoryGenerator(options: options.completed(for: scale))
    try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: seed, scale: scale, shard: shard,
                                                           jobs: jobs, progress: .quiet))
    return generator
}

/// A new empty scratch folder.
func scratchFolder(_ name: String) -> URL {
    let url = scratchURL(name)
    try? FileManager.default.removeItem(at: url)
    return url
}

/// Where scratch folder `name` of this test process lives.
func scratchURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("syntheory-tests-\(getpid())-\(name)")
}

/// Every file below `folder` (relative paths, sorted), without the shard logs.
func filesBelow(_ folder: URL) -> [String] {
    (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
        .filter { !$0.hasPrefix("shards") }
        .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &d) && !d.boolValue }
        .sorted()
}
