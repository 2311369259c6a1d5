import Foundation
import LoomCore
import Testing
import TestSupport

/// Starts `loom` without waiting; its output goes to files in `logs`.
func startLoom(_ arguments: [String], logs: URL, name: String) throws -> Process {
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    return try Subprocess.start(try loomExecutable(), arguments: arguments,
                                stdout: try Subprocess.logHandle(logs.appendingPathComponent(name + ".out")),
                                stderr: try Subprocess.logHandle(logs.appendingPathComponent(name + ".err")))
}

/// Waits until a lock file below `folder` names its holder; false after `seconds`.
func waitForLock(in folder: URL, seconds: Double = 120) -> Bool {
    let locks = folder.appendingPathComponent(".loom-locks")
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: locks.path)) ?? []
        if names.contains(where: { ((try? String(contentsOf: locks.appendingPathComponent($0), encoding: .utf8)) ?? "").contains("pid") }) {
            return true
        }
        usleep(50_000)
    }
    return false
}

@Suite("concurrent writers", .serialized)
struct ConcurrencyTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-conc-\(getpid())-\(UUID().uuidString)")
    let balls = ["generate", "force-balls", "--count", "6", "--width", "96", "--height", "64", "--samples", "1",
                 "--jobs", "1", "--quiet"]

    @Test func shardsStartedTogetherIntoOneFolderMergeToTheUnshardedBytes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let shared = root.appendingPathComponent("shared")
        let logs = root.appendingPathComponent("logs")
        let args = balls.map { $0 == "6" ? "9" : $0 }
        // Shard 0 starts first; the others start while it is writing (this removed its temporaries before).
        var shards = [try startLoom(args + ["--out", shared.path, "--shard", "0/3"], logs: logs, name: "s0")]
        let log = shared.appendingPathComponent("force-balls/shards/0-of-3.jsonl")
        let deadline = Date().addingTimeInterval(120)
        while ((try? Data(contentsOf: log))?.isEmpty ?? true) && Date() < deadline && shards[0].isRunning { usleep(20_000) }
        shards += try (1..<3).map { i in try startLoom(args + ["--out", shared.path, "--shard", "\(i)/3"], logs: logs, name: "s\(i)") }
        for (i, process) in shards.enumerated() {
            process.waitUntilExit()
            let err = (try? String(contentsOf: root.appendingPathComponent("logs/s\(i).err"), encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "shard \(i)/3: \(err)")
        }
        let folder = shared.appendingPathComponent("force-balls")
        let merged = try loom(["merge", folder.path, "--quiet"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let single = root.appendingPathComponent("single")
        #expect(try loom(args + ["--out", single.path]).status == 0)
        let a = TestSupport.folderContents(folder), b = TestSupport.folderContents(single.appendingPathComponent("force-balls"))
        expectSameTree(a, b, label: "force-balls")
        #expect(!a.keys.contains { $0.contains(".loomtmp") || $0.contains(".loom-locks") }, "no temporaries or locks left")
        #expect(try loom(["validate", folder.path]).status == 0)
    }

    /// The newer generators: two shards at once into one folder, one of them killed (-9) after its
    /// first sample and run again, then merge and validate; the folder equals an unsharded run's.
    @Test(arguments: [
        ["force-wind", "--count", "4", "--width", "64", "--height", "48", "--samples", "1", "--extra-flags", "1",
         "--preset", "ultrafast"],
        ["mocap", "--clips", "deepmimic/walk,deepmimic/run,deepmimic/dance_b", "--stride", "40"],
    ])
    func newerGeneratorsShardTogetherSurviveAKillAndMergeToTheUnshardedBytes(_ generator: [String]) throws {
        let root = self.root.appendingPathComponent(generator[0])
        defer { try? FileManager.default.removeItem(at: root) }
        let args = ["generate"] + generator + ["--jobs", "1", "--quiet"]
        let shared = root.appendingPathComponent("shared"), logs = root.appendingPathComponent("logs")
        let other = try startLoom(args + ["--out", shared.path, "--shard", "1/2"], logs: logs, name: "s1")
        let killed = try startLoom(args + ["--out", shared.path, "--shard", "0/2"], logs: logs, name: "s0")
        let folder = shared.appendingPathComponent(generator[0])
        let log = folder.appendingPathComponent("shards/0-of-2.jsonl")
        let deadline = Date().addingTimeInterval(120)
        while ((try? Data(contentsOf: log))?.isEmpty ?? true) && Date() < deadline && killed.isRunning { usleep(10_000) }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let rerun = try loom(args + ["--out", shared.path, "--shard", "0/2"])
        #expect(rerun.status == 0, "the killed shard's rerun: \(rerun.stderr)")
        other.waitUntilExit()
        #expect(other.terminationStatus == 0, "shard 1/2 beside it")
        let merged = try loom(["merge", folder.path, "--quiet"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try loom(["validate", folder.path]).status == 0)
        let single = root.appendingPathComponent("single")
        let whole = try loom(args + ["--out", single.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        expectSameTree(TestSupport.folderContents(folder), TestSupport.folderContents(single.appendingPathComponent(generator[0])),
                       label: generator[0])
    }

    @Test func aSecondProcessOnTheSameShardIsRefusedAndAKilledHolderBlocksNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let args = balls + ["--out", out.path, "--shard", "0/2"]
        let first = try startLoom(args, logs: root.appendingPathComponent("logs"), name: "first")
        let folder = out.appendingPathComponent("force-balls")
        #expect(waitForLock(in: folder), "the first process took its lock")
        let second = try loom(args)
        #expect(second.status == 1, "refused: \(second.stderr)")
        #expect(second.stderr.contains("shard 0/2 is being written by") && second.stderr.contains("pid \(first.processIdentifier)"),
                "names the holder: \(second.stderr)")
        #expect(second.stderr.split(separator: "\n").count == 1)
        let otherShard = try loom(balls + ["--out", out.path, "--shard", "1/2"])
        #expect(otherShard.status == 0, "another shard runs beside it: \(otherShard.stderr)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let rerun = try loom(args)
        #expect(rerun.status == 0, "the killed holder's lock is gone: \(rerun.stderr)")
        #expect(try loom(["merge", folder.path, "--quiet"]).status == 0)
        #expect(try loom(["validate", folder.path]).status == 0)
        #expect(!TestSupport.folderContents(folder).keys.contains { $0.contains(".loomtmp") }, "stale temporaries were removed")
    }

    @Test func twoLoopRunsIntoOneFolderDoNotBothRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("loops")
        let args = ["loop", "gaussian-toy", "--generations", "3000", "--seeds", "3", "--gammas", "0,1", "--jobs", "1",
                    "--quiet", "--out", out.path]
        let first = try startLoom(args, logs: root.appendingPathComponent("logs"), name: "loop")
        let folder = try #require(waitForLockAnywhere(below: out), "the first loop took its lock")
        let second = try loom(args)
        #expect(second.status == 1 && second.stderr.contains("is being written by"), "refused: \(second.stderr)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path))
    }

    /// The first folder below `root` whose lock names a holder.
    func waitForLockAnywhere(below root: URL, seconds: Double = 120) -> URL? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let relative = walker?.nextObject() as? String {
                if relative.hasSuffix(".loom-locks") {
                    let folder = root.appendingPathComponent(relative).deletingLastPathComponent()
                    if waitForLock(in: folder, seconds: 0.1) { return folder }
                }
            }
            usleep(50_000)
        }
        return nil
    }
}

/// Expects the same files with the same bytes.
func expectSameTree(_ a: [String: Data], _ b: [String: Data], label: String) {
    #expect(!a.isEmpty && a.keys.sorted() == b.keys.sorted(), "\(label): files \(a.keys.sorted()) vs \(b.keys.sorted())")
    for (path, bytes) in b {
        #expect(a[path] == bytes, "\(label)/\(path) differs")
    }
}
