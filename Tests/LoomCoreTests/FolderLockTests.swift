import Foundation
import Testing
@testable import LoomCore

@Suite("folder locks and owned temporaries")
struct FolderLockTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-lock-\(getpid())-\(UUID().uuidString)")

    @Test func aHeldLockRefusesASecondHolderNamingTheFirst() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var first: FolderLock? = try FolderLock(folder: folder, name: "shard-0-of-2", purpose: "shard 0/2")
        #expect(throws: LoomError.self) { _ = try FolderLock(folder: folder, name: "shard-0-of-2", purpose: "shard 0/2") }
        do {
            _ = try FolderLock(folder: folder, name: "shard-0-of-2", purpose: "shard 0/2")
        } catch let error as LoomError {
            #expect(error.description.contains("shard 0/2 is being written by pid \(getpid())"), "\(error)")
            #expect(!error.isUsageError)
        }
        let other = try FolderLock(folder: folder, name: "shard-1-of-2", purpose: "shard 1/2")
        #expect(FolderLock.liveOwners(in: folder).contains(ProcessIdentity.tag))
        first = nil
        #expect(first == nil)
        _ = try FolderLock(folder: folder, name: "shard-0-of-2", purpose: "shard 0/2")   // released
        withExtendedLifetime(other) {}
    }

    @Test func onlyTemporariesOfGoneWritersAreRemoved() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("videos"), withIntermediateDirectories: true)
        let mine = AtomicFile.temporaryPath(for: folder.appendingPathComponent("videos/a.mp4"))
        let gone = folder.appendingPathComponent("videos/.b.mp4\(AtomicFile.marker)-otherhost.4242.abc-7")
        let scratch = try AtomicFile.scratchFolder(in: folder, purpose: "tables")
        let goneScratch = folder.appendingPathComponent(".tables\(AtomicFile.marker)-otherhost.4242.abc-8")
        try FileManager.default.createDirectory(at: goneScratch, withIntermediateDirectories: true)
        for url in [mine, gone, goneScratch.appendingPathComponent("x.csv"), folder.appendingPathComponent("videos/kept.mp4")] {
            try Data("x".utf8).write(to: url)
        }
        #expect(ProcessIdentity.owner(ofTemporary: gone.lastPathComponent) == "otherhost.4242.abc")
        let removed = AtomicFile.removeStrayTemporaries(in: folder)
        #expect(removed == 2)
        #expect(FileManager.default.fileExists(atPath: mine.path), "a live writer's temporary is kept")
        #expect(FileManager.default.fileExists(atPath: scratch.path))
        #expect(!FileManager.default.fileExists(atPath: gone.path) && !FileManager.default.fileExists(atPath: goneScratch.path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("videos/kept.mp4").path))
    }

    @Test func scratchOfADeadProcessInTheSystemTemporaryFolderIsRemoved() throws {
        let temporary = FileManager.default.temporaryDirectory
        let parts = ProcessIdentity.tag.split(separator: ".")
        let host = parts.dropLast(2).joined(separator: ".")
        // pid 2^22 + 1 is above Linux's pid_max default and never runs.
        let dead = temporary.appendingPathComponent(".loom-test\(AtomicFile.marker)-\(host).4194305.zz-1")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        let fresh = try AtomicFile.systemScratchFolder(purpose: "loom-test")
        defer { try? FileManager.default.removeItem(at: fresh) }
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path))
    }

    @Test func runFolderStripsDottedKeysAndRefusesOtherKinds() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = JSONValue.object([("options", .object([("timeout", .double(30)), ("lambda", .double(1))]))])
        let b = JSONValue.object([("options", .object([("timeout", .double(90)), ("lambda", .double(1))]))])
        #expect(JSONValue.firstDifference(RunFolder.strip(a, ["options.timeout"]), RunFolder.strip(b, ["options.timeout"])) == nil)
        #expect(JSONValue.firstDifference(RunFolder.strip(a, []), RunFolder.strip(b, [])) != nil)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("dataset.json"))
        #expect(throws: LoomError.self) {
            _ = try RunFolder(folder, configFile: "config.json", config: a, lockName: "experiment", purpose: "a loop")
        }
        for bad in ["../x", "a/../../b", "/abs", "a//b", ".", ""] { #expect(RunFolder.nameProblem(bad) != nil, "\(bad)") }
        #expect(RunFolder.nameProblem("mixtures-gaussian") == nil && RunFolder.nameProblem("fourier-data/gaussian-1") == nil)
    }
}
