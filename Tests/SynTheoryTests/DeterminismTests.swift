import Foundation
import LoomCore
import Media
import Testing
@testable import SynTheory

@Suite struct DeterminismTests {
    /// Four time_signatures rows: two click files, two crops each; the second file's crops fall in
    /// different shards, so a crop may come before its file's owner.
    static let rows = SynTheoryOptions().with { $0.concept = .timeSignatures; $0.limit = 4 }

    func expectSameFiles(_ a: URL, _ b: URL, _ what: String) throws {
        let names = filesBelow(a)
        #expect(names == filesBelow(b), "\(what): different files")
        for name in names {
            let same = try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
            #expect(same, "\(what): \(name) differs")
        }
    }

    @Test func sameSeedGivesTheSameBytesOnAnyThreadCount() throws {
        let one = scratchFolder("jobs1"), two = scratchFolder("jobs2")
        defer { try? FileManager.default.removeItem(at: one); try? FileManager.default.removeItem(at: two) }
        try generate(Self.rows, into: one, jobs: 1)
        try generate(Self.rows, into: two, jobs: 2)
        try expectSameFiles(one, two, "jobs 1 vs 2")
        // The first rows of the full quick dataset (made on 2 threads) are the same bytes too.
        let quick = try QuickFixture.folder(.timeSignatures)
        for name in filesBelow(one) where name.hasSuffix(".flac") || name.hasSuffix(".mid") {
            let same = try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: quick.appendingPathComponent(name))
            #expect(same, "\(name) differs from the quick dataset's")
        }
        let head = try String(contentsOf: quick.appendingPathComponent("info.csv"), encoding: .utf8).split(separator: "\n").prefix(5)
        let small = try String(contentsOf: one.appendingPathComponent("info.csv"), encoding: .utf8).split(separator: "\n")
        #expect(Array(head) == small)
    }

    @Test func shardsMergeToTheUnshardedDataset() throws {
        let whole = scratchFolder("whole"), sharded = scratchFolder("sharded")
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: sharded) }
        var options = Self.rows
        options.fullRenders = true
        let generator = try generate(options, into: whole, jobs: 1)
        for i in 0..<2 { try generate(options, into: sharded, shard: try Shard(parsing: "\(i)/2"), jobs: 1) }
        try DatasetRun.merge(generator, folder: sharded)
        try expectSameFiles(whole, sharded, "sharded vs whole")
        #expect(try DatasetRun.validate(generator, folder: sharded) == [])
    }

    @Test func anotherSeedMovesTheCrops() throws {
        let a = scratchFolder("seed0"), b = scratchFolder("seed1")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        var options = Self.rows
        options.midiOnly = true
        try generate(options, into: a, seed: 0)
        try generate(options, into: b, seed: 1)
        let offsets = try [a, b].map { try InfoTable($0.appendingPathComponent("info.csv")).rows.map { $0["offset_time"]! } }
        #expect(offsets[0] != offsets[1])
        #expect(try InfoTable(a.appendingPathComponent("info.csv")).rows.allSatisfy { $0["synth_file_path"] == "" && $0["is_silent"] == "" })
    }

    @Test func aFailedRowLeavesNothingAndTheRunResumes() throws {
        let folder = scratchFolder("resume"), clean = scratchFolder("clean")
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: clean) }
        let options = SynTheoryOptions().with { $0.concept = .chords; $0.limit = 3 }
        let generator = try SynTheoryGenerator(options: options.completed(for: .quick))
        // Block the second row's audio path with a folder: its write fails after its MIDI was written.
        let spec = generator.concept.row(combination: generator.position(of: generator.rows[1]).combination,
                                         variant: generator.position(of: generator.rows[1]).variant)
        let paths = generator.paths(for: spec, crop: 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(paths.synth), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try generate(options, into: folder, jobs: 1) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(paths.midi).path))
        #expect(!filesBelow(folder).contains { $0.contains(AtomicFile.marker) })
        try FileManager.default.removeItem(at: folder.appendingPathComponent(paths.synth))
        try generate(options, into: folder, jobs: 1)
        try generate(options, into: clean, jobs: 1)
        try expectSameFiles(folder, clean, "resumed vs clean")
    }

    @Test func diskFullErrorsSayTheRunResumes() throws {
        // Every writer (libsndfile for the audio, AtomicFile for the MIDI) reports the one core error,
        // which the worker passes on unchanged; /dev/full fails every write with ENOSPC.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let samples = [Float](repeating: 0.1, count: 2 * 441_000)
        var audio: (any Error)?
        do { try samples.withUnsafeBufferPointer { try SoundFile.write($0, to: "/dev/full") } } catch { audio = error }
        let error = try #require(audio as? LoomError)
        #expect("\(error)".contains("no space left on the device while writing /dev/full"))
        #expect("\(error)".contains("run the same command again to resume"))
        let core = SystemError.writeFailure(ENOSPC, path: "out/notes/x.mid")
        #expect(core == .diskFull(path: "out/notes/x.mid") && "\(core)".contains("x.mid"))
        #expect(core.isUsageError == false && error.isUsageError == false)
    }
}
