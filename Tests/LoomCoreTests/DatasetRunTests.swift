import Foundation
import Synchronization
import Testing
import TestSupport
@testable import LoomCore

/// A small generator for the tests: each sample writes a random-sized binary file and a text file.
struct ToyFilesGenerator: DatasetGenerator {
    struct Config: Codable, Sendable { var count: Int }
    static let name = "toy-files"
    let config: Config
    /// Fails on this index, to simulate a crash mid-run.
    var failAt: Int? = nil
    var streamKey: String { "toy-files" }
    var sampleCount: Int { config.count }

    struct Worker: SampleWorker {
        let failAt: Int?
        mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
            if index == failAt { throw LoomError.runtime("simulated failure at \(index)") }
            let size = 10 + random.integer(below: 100)
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try output.write(Data(bytes), to: "blobs/\(index).bin")
            try output.produce("text/\(index) \"odd\" #name.txt") { url in
                try Data("sample \(index)\n".utf8).write(to: url)
            }
            return ["size": .int(size), "value": .double(random.normal()), "tag": .string("a,b \"c\""), "odd": .bool(index % 2 == 1)]
        }
    }

    func makeWorker() throws -> Worker { Worker(failAt: failAt) }

    func finish(records: [ManifestRecord], into folder: URL) throws {
        var table = CSVTable(header: ["index", "size", "value", "tag", "odd"])
        for r in records {
            table.append([String(r.index)] + ["size", "value", "tag", "odd"].map { r.labels[$0]!.description })
        }
        try table.write(to: folder.appendingPathComponent("info.csv"))
    }

    func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        record.labels.int("size").map { $0 >= 10 ? [] : ["size too small"] } ?? ["size missing"]
    }
}

/// Every regular file below a folder with its bytes.
func folderContents(_ url: URL) -> [String: Data] { TestSupport.folderContents(url) }

@Suite("Dataset runs")
struct DatasetRunTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-runs-\(getpid())-\(UUID().uuidString)")

    func options(_ name: String, shard: Shard = .whole, jobs: Int = 2, seed: UInt64 = 1) -> RunOptions {
        RunOptions(folder: root.appendingPathComponent(name), seed: seed, scale: .quick, shard: shard, jobs: jobs, progress: .quiet)
    }

    @Test func sameSeedSameBytesWhateverTheThreadCount() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let g = ToyFilesGenerator(config: .init(count: 40))
        try DatasetRun.generate(g, options: options("a", jobs: 1))
        try DatasetRun.generate(g, options: options("b", jobs: 4))
        try DatasetRun.generate(g, options: options("c", jobs: 2, seed: 2))
        let a = folderContents(root.appendingPathComponent("a"))
        #expect(a.count == 4 + 1 + 80, "dataset.json, manifest.jsonl, SHA256SUMS, README.md, info.csv and 2 files per sample")
        #expect(a == folderContents(root.appendingPathComponent("b")))
        #expect(a["blobs/0.bin"] != folderContents(root.appendingPathComponent("c"))["blobs/0.bin"])
        #expect(try DatasetRun.validate(g, folder: root.appendingPathComponent("a")).isEmpty)
    }

    @Test func mergedShardsEqualOneRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let g = ToyFilesGenerator(config: .init(count: 25))
        try DatasetRun.generate(g, options: options("whole"))
        for i in 0..<3 {
            let summary = try DatasetRun.generate(g, options: options("sharded", shard: try Shard(parsing: "\(i)/3")))
            #expect(!summary.merged)
        }
        try DatasetRun.merge(g, folder: root.appendingPathComponent("sharded"))
        #expect(folderContents(root.appendingPathComponent("whole")) == folderContents(root.appendingPathComponent("sharded")))
    }

    @Test func mergeRefusesAnUnfinishedShard() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let g = ToyFilesGenerator(config: .init(count: 10))
        try DatasetRun.generate(g, options: options("partial", shard: try Shard(parsing: "0/2")))
        #expect(throws: LoomError.self) { try DatasetRun.merge(g, folder: root.appendingPathComponent("partial")) }
        do {
            try DatasetRun.merge(g, folder: root.appendingPathComponent("partial"))
        } catch let e as LoomError {
            #expect(e.description.contains("1/2"), "names the unfinished shard: \(e)")
        }
    }

    @Test func aFailedRunResumesAndLosesNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var g = ToyFilesGenerator(config: .init(count: 30))
        try DatasetRun.generate(g, options: options("whole"))
        g.failAt = 17
        #expect(throws: LoomError.self) { try DatasetRun.generate(g, options: options("resumed", jobs: 1)) }
        let folder = root.appendingPathComponent("resumed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.jsonl").path))
        // Simulate a kill: a half-written log line and a stray temporary file.
        let log = folder.appendingPathComponent("shards/0-of-1.jsonl")
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        handle.write(Data("{\"index\":29,\"files\":[{\"pa".utf8))
        try handle.close()
        try Data("junk".utf8).write(to: folder.appendingPathComponent("blobs/.29.bin\(AtomicFile.marker)-1-1"))
        g.failAt = nil
        let summary = try DatasetRun.generate(g, options: options("resumed"))
        #expect(summary.skipped == 17 && summary.generated == 13)
        #expect(folderContents(root.appendingPathComponent("whole")) == folderContents(folder))
    }

    @Test func aDifferentConfigIsRefusedAndNamed() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try DatasetRun.generate(ToyFilesGenerator(config: .init(count: 5)), options: options("x"))
        do {
            try DatasetRun.generate(ToyFilesGenerator(config: .init(count: 6)), options: options("x"))
            Issue.record("a rerun with another config must be refused")
        } catch let error as LoomError {
            #expect(error.isUsageError)
            #expect(error.description.contains("count"), "\(error)")
        }
        do {
            try DatasetRun.generate(ToyFilesGenerator(config: .init(count: 5)), options: options("x", seed: 9))
            Issue.record("a rerun with another seed must be refused")
        } catch let error as LoomError {
            #expect(error.description.contains("seed"), "\(error)")
        }
    }

    @Test func validateFindsDamage() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let g = ToyFilesGenerator(config: .init(count: 6))
        try DatasetRun.generate(g, options: options("v"))
        let folder = root.appendingPathComponent("v")
        try Data("changed".utf8).write(to: folder.appendingPathComponent("blobs/2.bin"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("blobs/4.bin"))
        try Data("index\n".utf8).write(to: folder.appendingPathComponent("info.csv"))
        let problems = try DatasetRun.validate(g, folder: folder)
        #expect(problems.contains { $0.contains("blobs/2.bin") })
        #expect(problems.contains { $0.contains("blobs/4.bin") && $0.contains("missing") })
        #expect(problems.contains { $0.contains("info.csv") })
    }

    @Test func unwritableFolderIsAUsageError() {
        let g = ToyFilesGenerator(config: .init(count: 1))
        let options = RunOptions(folder: URL(fileURLWithPath: "/proc/loom-cannot-write"), seed: 0, scale: .quick, progress: .quiet)
        do {
            try DatasetRun.generate(g, options: options)
            Issue.record("writing under /proc must fail")
        } catch let error as LoomError {
            #expect(error.isUsageError)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
