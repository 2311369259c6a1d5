import Foundation
import Testing

@Suite("loom probe syntheory: bad input", .serialized)
struct ProbeCLITests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-probe-cli-\(getpid())-\(UUID().uuidString)")

    /// Exit 2 and one line on stderr that says `what`.
    func expectUsageError(_ arguments: [String], saying what: String) throws {
        let r = try loom(arguments)
        #expect(r.status == 2, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr)")
        #expect(r.stderr.contains(what), "\(r.stderr) should say \(what)")
    }

    @Test func missingDatasetsUnknownConceptsAndBadGridsAreOneLine() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try expectUsageError(["probe", "syntheory", "--out", root.path, "--concepts", "notes", "--quiet"], saying: "not a dataset folder")
        try expectUsageError(["probe", "syntheory", "--out", root.path, "--concepts", "keys"], saying: "unknown concept 'keys'")
        try expectUsageError(["probe", "syntheory", "--out", root.path, "--grid", "huge"], saying: "--grid")
        try expectUsageError(["probe", "syntheory", "--out", root.path, "--features", "mel,spectral"], saying: "unknown representation 'spectral'")
        let help = try loom(["probe", "syntheory", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--max-epochs") && help.stdout.contains("default 100"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("probe-syntheory").path))
    }
}
