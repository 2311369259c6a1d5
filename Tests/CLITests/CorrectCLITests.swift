import Foundation
import Testing

@Suite("loom correct motion", .serialized)
struct CorrectCLITests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-correct-cli-\(getpid())-\(UUID().uuidString)")

    @Test func negativeStrengthIsAUsageError() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let r = try loom(["correct", "motion", "/usr/share/assimp/models/BVH/01_01.bvh", "--strength", "-1", "--out", out, "--quiet"])
        #expect(r.status == 2, "exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("--strength"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
        let none = try loom(["correct", "motion", root.appendingPathComponent("nothing").path, "--out", out, "--quiet"])
        #expect(none.status == 2 && none.stderr.contains("does not exist"), "\(none.stderr)")
    }

    @Test func aMocapDatasetIsCleanedUpAndABrokenClipFlagged() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data").path
        let made = try loom(["generate", "mocap", "--clips", "deepmimic/walk", "--stride", "40", "--out", data, "--quiet"])
        #expect(made.status == 0, "\(made.stderr)")
        // One more clip with a joint missing.
        let samples = root.appendingPathComponent("data/mocap")
        let first = try FileManager.default.subpathsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".bvh") }.sorted()[0]
        let text = try String(contentsOf: samples.appendingPathComponent(first), encoding: .utf8)
        try text.replacingOccurrences(of: "JOINT neck", with: "JOINT nose").write(to: samples.appendingPathComponent("broken.bvh"), atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("clean").path
        let r = try loom(["correct", "motion", samples.path, "--out", out, "--jobs", "2", "--quiet"])
        #expect(r.status == 1, "one failed clip: exit 1; stderr \(r.stderr)")
        #expect(r.stderr.contains("failed: broken"), "\(r.stderr)")
        let csv = try String(contentsOfFile: out + "/quality.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst()
        #expect(rows.count >= 3 && rows.filter { $0.contains(",corrected,") }.count == rows.count - 1, "\(csv)")
        for name in ["quality.md", "quality.svg", "config.json", "README.md", "clips/" + first] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/clips/" + first.dropLast(4) + ".npy"))
    }
}
