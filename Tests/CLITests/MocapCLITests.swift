import Foundation
import Testing

@Suite("loom generate mocap", .serialized)
struct MocapCLITests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-mocap-cli-\(getpid())-\(UUID().uuidString)")

    /// Exit 2, one line on stderr that says `what`, nothing written under `out`.
    func expectUsageError(_ arguments: [String], environment: [String: String] = [:], saying what: String) throws {
        let out = root.appendingPathComponent("out").path
        let r = try loom(arguments + ["--out", out, "--quiet"], environment: environment)
        #expect(r.status == 2, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr)")
        #expect(r.stderr.contains(what), "\(r.stderr) should say \(what)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try expectUsageError(["generate", "mocap", "--window", "2000"], saying: "longer than every clip")
        try expectUsageError(["generate", "mocap", "--n", "100000"], saying: "training windows")
        try expectUsageError(["generate", "mocap", "--clips", "deepmimic/nosuch"], saying: "unknown clip 'deepmimic/nosuch'")
        try expectUsageError(["generate", "mocap"], environment: ["LOOM_MOTION_DATA": root.appendingPathComponent("empty").path],
                             saying: "make deps")
        // A broken CMU file among otherwise good sources.
        let sources = root.appendingPathComponent("sources")
        try FileManager.default.createDirectory(at: sources.appendingPathComponent("BVH"), withIntermediateDirectories: true)
        let cache = (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")).appendingPathComponent("synthloom/pybullet_data")
        try FileManager.default.createSymbolicLink(at: sources.appendingPathComponent("pybullet_data"), withDestinationURL: cache)
        let good = try String(contentsOfFile: "/usr/share/assimp/models/BVH/01_01.bvh", encoding: .utf8)
        try good.replacingOccurrences(of: "Frames: 2752", with: "Frames: 2800")
            .write(to: sources.appendingPathComponent("BVH/01_01.bvh"), atomically: true, encoding: .utf8)
        try expectUsageError(["generate", "mocap", "--clips", "cmu/01_01"], environment: ["LOOM_MOTION_DATA": sources.path],
                             saying: "01_01.bvh:")
    }

    @Test func quickDatasetIsMadeAndValidates() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let r = try loom(["generate", "mocap", "--clips", "deepmimic/walk,walker/turn_right1", "--test-clips", "walker/turn_right1",
                          "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let validate = try loom(["validate", out + "/mocap"])
        #expect(validate.status == 0, "\(validate.stdout)")
        let summary = try String(contentsOfFile: out + "/mocap/summary.md", encoding: .utf8)
        #expect(summary.contains("| walk | 10 | 0 |") && summary.contains("| turn | 0 | 10 |"), "\(summary)")
        let help = try loom(["generate", "mocap", "--help"])
        #expect(help.stdout.contains("--window") && help.stdout.contains("default 40") && help.stdout.contains("--shard"))
    }
}
