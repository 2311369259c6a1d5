import Foundation
import Testing
import LoomCore
import TestSupport

/// Defects of the scale-out audit: each command reproduces one, and the test checks it is fixed.
@Suite("trust: validate, names, sizes, messages", .serialized)
struct TrustTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-trust-\(getpid())-\(UUID().uuidString)")

    func mixtures(_ extra: [String] = [], rows: Int = 50) throws -> URL {
        let out = root.appendingPathComponent("m\(UUID().uuidString.prefix(6))")
        let r = try loom(["generate", "mixtures", "--rows", String(rows), "--out", out.path, "--quiet"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let name = (try FileManager.default.contentsOfDirectory(atPath: out.path)).first ?? ""
        return out.appendingPathComponent(name)
    }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func expectProblem(_ folder: URL, _ what: String) throws {
        let r = try loom(["validate", folder.path])
        #expect(r.status == 1, "exit 1, not a crash: \(r.status) \(r.stderr)")
        #expect(r.stdout.contains(what), "reports \(what): \(r.stdout)")
        #expect(!r.stderr.contains("ExitCode") && !r.stderr.contains("Fatal"), "\(r.stderr)")
    }

    @Test func validateReportsTornMissingAndEmptyManifestLinesInsteadOfCrashing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let deleted = try mixtures()
        var manifest = try lines(deleted.appendingPathComponent("manifest.jsonl"))
        manifest.remove(at: 4)
        try manifest.joined(separator: "\n").write(to: deleted.appendingPathComponent("manifest.jsonl"), atomically: true, encoding: .utf8)
        try expectProblem(deleted, "1 missing, first 4")

        let torn = try mixtures()
        var text = try String(contentsOf: torn.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
        text.removeLast(20)
        try text.write(to: torn.appendingPathComponent("manifest.jsonl"), atomically: true, encoding: .utf8)
        try expectProblem(torn, "torn")

        let empty = try mixtures()
        manifest = try lines(empty.appendingPathComponent("manifest.jsonl"))
        manifest[7] = ""
        try manifest.joined(separator: "\n").write(to: empty.appendingPathComponent("manifest.jsonl"), atomically: true, encoding: .utf8)
        try expectProblem(empty, "line 8 is empty")

        let recount = try mixtures()
        let info = recount.appendingPathComponent("dataset.json")
        try (try String(contentsOf: info, encoding: .utf8)).replacingOccurrences(of: "\"rows\": 50", with: "\"rows\": 60")
            .write(to: info, atomically: true, encoding: .utf8)
        try expectProblem(recount, "dataset.json was edited")
    }

    @Test func aNormal2dDatasetValidatesAndMerges() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try mixtures(["--dataset", "normal2d"])
        let r = try loom(["validate", folder.path])
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        let merged = try loom(["merge", folder.path])
        #expect(merged.status == 0 && !merged.stderr.contains("missing"), "merging a merged folder is a no-op: \(merged.stderr)")
    }

    @Test func validateReportsStrayFilesAndNeverFollowsLinksOut() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try mixtures()
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let outside = root.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.txt"), withDestinationURL: outside)
        try expectProblem(folder, "stray file notes.txt")
        try expectProblem(folder, "stray symbolic link link.txt")
        // A table replaced by a link to a file outside is reported, not read.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("data.csv"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("data.csv"), withDestinationURL: outside)
        try expectProblem(folder, "data.csv is a symbolic link (not followed)")
        // The merged folder lists every file for `sha256sum -c`.
        let check = try Subprocess.capture(URL(fileURLWithPath: "/usr/bin/sha256sum"), ["--quiet", "-c", "SHA256SUMS"], directory: try mixtures())
        #expect(check.status == 0, "sha256sum -c SHA256SUMS passes on a fresh dataset: \(check.stdout)")
    }

    @Test func outputNamesCannotEscapeOut() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        for args in [["generate", "mixtures", "--name", "../../x"], ["train", "fourier-toy", "--output", "../x"],
                     ["loop", "gaussian-toy", "--name", "../x"]] {
            let r = try loom(args + ["--out", out, "--quiet"])
            #expect(r.status == 2 && r.stderr.contains("relative folder inside --out"), "\(args): \(r.status) \(r.stderr)")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let pipeline = root.appendingPathComponent("p.yaml")
        try "steps:\n  - generate: mixtures\n    as: ../../x\n".write(to: pipeline, atomically: true, encoding: .utf8)
        let r = try loom(["run", pipeline.path, "--out", out])
        #expect(r.status == 2 && r.stderr.contains("p.yaml:3") && r.stderr.contains("relative folder inside --out"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("x").path))
    }

    @Test func hugeSizesAreUsageErrorsThatLeaveNoFolder() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("huge")
        let r = try loom(["generate", "mixtures", "--rows", "100000000000", "--out", out.path, "--quiet"])
        #expect(r.status == 2 && r.stderr.contains("of memory"), "\(r.status) \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no folder for a run that did not start")
        let loop = try loom(["loop", "gaussian-toy", "--lambda", "1e9", "--out", out.path, "--quiet"])
        #expect(loop.status == 2 && loop.stderr.contains("of memory"), "\(loop.status) \(loop.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let fixed = try loom(["generate", "mixtures", "--rows", "100", "--out", out.path, "--quiet"])
        #expect(fixed.status == 0, "the corrected rerun runs: \(fixed.stderr)")
    }

    @Test func messagesSayWhatIsWrong() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let negative = try loom(["generate", "mixtures", "--rows", "-3", "--out", out])
        #expect(negative.status == 2 && negative.stderr.contains("positive") && !negative.stderr.contains("Missing value"), "\(negative.stderr)")
        let unknown = try loom(["generate", "nosuch", "--out", out])
        #expect(unknown.status == 2 && unknown.stderr.contains("nosuch") && !unknown.stderr.contains("Unknown option"), "\(unknown.stderr)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("afile")
        try Data().write(to: file)
        let blocked = try loom(["generate", "mixtures", "--rows", "10", "--out", file.path, "--quiet"])
        #expect(blocked.status == 2 && blocked.stderr.contains("is a file") && !blocked.stderr.contains("NSCocoa"), "\(blocked.stderr)")
        let folder = try mixtures()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("data.csv"))
        let validate = try loom(["validate", folder.path])
        #expect(validate.status == 1 && validate.stderr.isEmpty, "only the report: \(validate.stderr)")
    }

    @Test func aPipelineIsCheckedWholeBeforeAnyStepRuns() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let out = root.appendingPathComponent("out")
        let sharded = root.appendingPathComponent("sharded.yaml")
        try "steps:\n  - generate: mixtures\n    options: {rows: 50}\n  - probe: syntheory\n".write(to: sharded, atomically: true, encoding: .utf8)
        let r = try loom(["run", sharded.path, "--shard", "0/2", "--out", out.path, "--quiet"])
        #expect(r.status == 2 && r.stderr.contains("step 2 (probe syntheory) does not shard"), "\(r.stderr)")
        let twice = root.appendingPathComponent("twice.yaml")
        try "steps:\n  - generate: mixtures\n    options: {rows: 50}\n  - generate: mixtures\n    options: {rows: 60}\n"
            .write(to: twice, atomically: true, encoding: .utf8)
        let t = try loom(["run", twice.path, "--out", out.path, "--quiet"])
        #expect(t.status == 2 && t.stderr.contains("steps 1 and 2 both write mixtures-gaussian"), "\(t.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no step ran")
    }

    /// Defect 7: a SoundFont with a valid header and a broken body.
    @Test func aBrokenSoundFontIsOneLineAndLeavesNoFolder() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fake = root.appendingPathComponent("fake.sf2")
        try Data("RIFF\u{10}\u{0}\u{0}\u{0}sfbkLIST".utf8).write(to: fake)
        let out = root.appendingPathComponent("d8")
        let args = ["generate", "syntheory", "--concept", "notes", "--limit", "2", "--out", out.path, "--quiet"]
        let r = try loom(args + ["--soundfont", fake.path])
        #expect(r.status == 2 && r.stderr.contains("fake.sf2") && r.stderr.contains("broken"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, no library noise: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no folder for a run that did not start")
        let rerun = try loom(args)
        #expect(rerun.status == 0, "the rerun with the right SoundFont runs: \(rerun.stderr)")
    }

    /// Item 4: the SoundFont's sha256 is in dataset.json; a shard or resume with changed contents is refused.
    @Test func changedAssetContentsAreRefusedNamingTheFile() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let font = root.appendingPathComponent("font.sf2")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/sounds/sf2/TimGM6mb.sf2"))
        try bytes.write(to: font)
        let out = root.appendingPathComponent("out")
        let args = ["generate", "syntheory", "--concept", "notes", "--limit", "4", "--soundfont", font.path, "--out", out.path, "--quiet"]
        #expect(try loom(args + ["--shard", "0/2"]).status == 0)
        let info = try String(contentsOf: out.appendingPathComponent("notes/dataset.json"), encoding: .utf8)
        let digest = try SHA256.hex(of: bytes)
        #expect(info.contains("asset_sha256") && info.contains(digest), "\(info)")
        bytes[bytes.count / 2] ^= 0xFF  // same size and layout, other contents
        try bytes.write(to: font)
        let r = try loom(args + ["--shard", "1/2"])
        #expect(r.status == 2 && r.stderr.contains("font.sf2") && r.stderr.contains("different config"), "\(r.stderr)")
    }

    /// Item 3: the sweep's shards and the merge through the command line and a sharded pipeline.
    @Test func aShardedFourierSweepMergesAndAShardedPipelineMayTrainIt() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        for seed in ["1", "2"] {
            let r = try loom(["generate", "mixtures", "--dataset", "gaussian", "--seed", seed, "--rows", "400",
                              "--name", "fourier-toy-data/gaussian-seed\(seed)", "--out", out.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let train = ["train", "fourier-toy", "--datasets", "gaussian", "--heads", "linear,fourier", "--frequencies", "4",
                     "--gammas", "0", "--epochs", "2", "--out", out.path, "--quiet"]
        let folder = out.appendingPathComponent("fourier-toy")
        #expect(try loom(train + ["--shard", "0/2"]).status == 0)
        let early = try loom(["merge", folder.path, "--quiet"])
        #expect(early.status == 1 && early.stderr.contains("2 of 4 runs") && early.stderr.split(separator: "\n").count == 1, "\(early.stderr)")
        #expect(try loom(train + ["--shard", "1/2"]).status == 0)
        let merged = try loom(["merge", folder.path])
        #expect(merged.status == 0 && merged.stderr.contains("merged 4 runs"), "\(merged.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.md").path))
        let pipeline = root.appendingPathComponent("sweep.yaml")
        try "steps:\n  - train: fourier-toy\n    options: {datasets: [gaussian], heads: [linear], seeds: [1, 2], epochs: 2, output: piped}\n"
            .write(to: pipeline, atomically: true, encoding: .utf8)
        let piped = try loom(["run", pipeline.path, "--shard", "1/2", "--out", out.path, "--quiet"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("piped/gaussian/linear/0.0/0/pmfs_2.npy").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("piped/gaussian/linear/0.0/0/pmfs_1.npy").path))
    }

    /// Item 3: a loop experiment's shards into one folder, merged, equal an unsharded run byte for byte.
    @Test(arguments: [["gaussian-collapse", "--samples", "50"], ["gaussian-toy", "--gammas", "0.5"]])
    func loopShardsMergeToTheUnshardedBytes(_ loop: [String]) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let args = ["loop"] + loop + ["--generations", "12", "--seeds", "2", "--quiet"]
        let one = root.appendingPathComponent("one"), many = root.appendingPathComponent("many")
        #expect(try loom(args + ["--out", one.path]).status == 0)
        let shard0 = try loom(args + ["--out", many.path, "--shard", "0/2"])
        #expect(shard0.status == 0, "\(shard0.stderr)")
        let folderName = try #require(try FileManager.default.contentsOfDirectory(atPath: many.path).first)
        let folder = many.appendingPathComponent(folderName)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.md").path), "a shard writes no tables")
        let early = try loom(["merge", folder.path, "--quiet"])
        #expect(early.status == 1 && early.stderr.contains("runs of") && early.stderr.contains("unfinished"), "\(early.stderr)")
        #expect(try loom(args + ["--out", many.path, "--shard", "1/2"]).status == 0)
        let merged = try loom(["merge", folder.path, "--quiet"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let a = TestSupport.folderContents(folder), b = TestSupport.folderContents(one.appendingPathComponent(folderName))
        #expect(!a.isEmpty && a.keys.sorted() == b.keys.sorted(), "\(a.keys.sorted()) vs \(b.keys.sorted())")
        for (path, bytes) in b { #expect(a[path] == bytes, "\(path) differs") }
    }

    @Test func aKilledUnshardedRunIsToldToRerunNotToMerge() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let args = ["generate", "mixtures", "--rows", "300000", "--jobs", "1", "--out", out, "--quiet"]
        _ = try loom(args, killAfter: 0.8)
        let folder = root.appendingPathComponent("out/mixtures-gaussian")
        let r = try loom(["validate", folder.path])
        #expect(r.status == 1 && r.stdout.contains("run the same loom generate command again") && !r.stdout.contains("loom merge"), "\(r.stdout)")
    }
}
