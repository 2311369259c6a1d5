import Foundation
import LoomCore
import Testing

/// The built `loom` executable, beside the test bundle.
func loomExecutable() throws -> URL {
    var candidates: [URL] = []
    if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("loom")) }
    let argv0 = URL(fileURLWithPath: CommandLine.arguments[0])
    candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("loom"))
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates += ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)/loom") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CLIError.missing(candidates.map(\.path))
    }
    return found
}

enum CLIError: Error { case missing([String]) }

/// Runs `loom` with arguments (and extra environment variables), optionally killing it with SIGKILL after `killAfter` seconds.
@discardableResult
func loom(_ arguments: [String], killAfter: Double? = nil, environment: [String: String] = [:]) throws -> Subprocess.Captured {
    try Subprocess.capture(try loomExecutable(), arguments, environment: environment, killAfter: killAfter)
}

@Suite("loom command line", .serialized)
struct CLITests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-cli-\(getpid())-\(UUID().uuidString)")

    func write(_ text: String, _ name: String) throws -> String {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let url = root.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A usage error: exit 2, one line on stderr that says `what`, nothing written.
    func expectUsageError(_ arguments: [String], saying what: String) throws {
        let r = try loom(arguments)
        #expect(r.status == 2, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, got: \(r.stderr)")
        #expect(r.stderr.contains(what), "\(r.stderr) should say \(what)")
    }

    @Test func helpAndListAreComplete() throws {
        let help = try loom(["--help"])
        #expect(help.status == 0)
        for command in ["run", "generate", "merge", "validate", "list", "bench"] { #expect(help.stdout.contains(command)) }
        let list = try loom(["list"])
        #expect(list.status == 0 && list.stdout.contains("mixtures"))
        let generate = try loom(["generate", "mixtures", "--help"])
        #expect(generate.stdout.contains("--shard") && generate.stdout.contains("--seed") && generate.stdout.contains("--dataset"))
    }

    @Test func optionsComeFromTheirDeclaration() throws {
        // --help shows each generator option with its defaults at both scales.
        let help = try loom(["generate", "force-balls", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--count <int>") && help.contains("(default 4; paper scale 12000)"), "\(help)")
        #expect(help.contains("--depth, --no-depth") && help.contains("One of: ultrafast, superfast"), "\(help)")
        // Shell completion offers an enum option's values and the options' flags.
        let preset = try loom(["---completion", "generate", "force-balls", "--", "positional@0", "4", "2",
                               "loom", "generate", "force-balls", "--preset", "ve"], environment: ["SAP_SHELL": "bash"])
        #expect(preset.stdout.split(separator: "\n") == ["veryfast", "veryslow"], "\(preset.stdout)")
        let flags = try loom(["---completion", "generate", "force-balls", "--", "positional@0", "3", "5",
                              "loom", "generate", "force-balls", "--dep"], environment: ["SAP_SHELL": "bash"])
        #expect(flags.stdout.split(separator: "\n") == ["--depth"], "\(flags.stdout)")
        // Flags win over --set, which wins over --config; an unknown flag names the near one.
        let out = root.appendingPathComponent("precedence").path
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("rows.yaml")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "dataset: gmm2\nrows: 30\n".write(to: file, atomically: true, encoding: .utf8)
        let made = try loom(["generate", "mixtures", "--config", file.path, "--set", "rows=40", "--rows", "50", "--dataset", "gaussian",
                             "--out", out, "--quiet"])
        #expect(made.status == 0, "\(made.stderr)")
        let info = try JSONValue.parse(String(contentsOfFile: out + "/mixtures-gaussian/dataset.json", encoding: .utf8))
        #expect(info["config"]?["rows"] == .int(50) && info["config"]?["dataset"] == .string("gaussian"))
        try expectUsageError(["generate", "mixtures", "--rowz", "3", "--out", out], saying: "did you mean --rows?")
    }

    @Test func jobsDefaultToTheCPUsThisProcessMayUse() throws {
        let taskset = try #require(Subprocess.locate("taskset"), "taskset (util-linux) is missing")
        let pinned = try Subprocess.capture(taskset, ["-c", "0", try loomExecutable().path, "generate", "mixtures", "--help"])
        let text = pinned.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")   // help wraps lines
        #expect(pinned.status == 0 && text.contains("CPUs this process may use, 1 here"), "\(pinned.stdout)")
    }

    @Test func errorsAreJSONLinesUnderLogFormatJSONOnEveryCommand() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("missing").path
        for args in [["merge", missing], ["validate", missing], ["generate", "mixtures", "--rows", "0", "--out", root.path],
                     ["generate", "mixtures", "--rowz", "3"], ["bench", "nosuch"], ["list", "extra"]] {
            let r = try loom(args + ["--log-format", "json"])
            let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(r.status == 2 && !line.contains("\n"), "\(args): \(r.status) \(r.stderr)")
            let json = try JSONValue.parse(line)
            #expect(json["event"] == .string("error") && json["exit_code"] == .int(2), "\(args): \(line)")
            if case .string(let message)? = json["message"] { #expect(!message.isEmpty && !message.hasPrefix("error:")) } else { Issue.record("no message: \(line)") }
        }
        // Every command takes the flag; text stays the default.
        #expect(try loom(["list", "--log-format", "json"]).status == 0)
        #expect(try loom(["merge", missing]).stderr.hasPrefix("error: "))
    }

    @Test func configIsTheOneConfigFileFlagAndSpecStillWorks() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let file = try write("dataset: gaussian\nrows: 40\n", "c.yaml")
        for (flag, name) in [("--config", "via-config"), ("--spec", "via-spec")] {
            let r = try loom(["generate", "mixtures", flag, file, "--name", name, "--out", out, "--quiet"])
            #expect(r.status == 0, "\(flag): \(r.stderr)")
            let info = try JSONValue.parse(try String(contentsOfFile: "\(out)/\(name)/dataset.json", encoding: .utf8))
            #expect(info["config"]?["rows"] == .int(40), "\(flag)")
        }
        try expectUsageError(["generate", "mixtures", "--config", file, "--spec", file, "--out", out], saying: "--spec is the old name of --config")
        let help = try loom(["generate", "mixtures", "--help"]).stdout
        #expect(help.contains("--config") && !help.contains("--spec"), "the old name is hidden")
    }

    @Test func badInputGetsOneLineAndExitTwo() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        try expectUsageError(["generate", "nosuch"], saying: "nosuch")
        try expectUsageError(["generate", "mixtures", "--rows", "0", "--out", out], saying: "rows")
        try expectUsageError(["generate", "mixtures", "--rows", "-3", "--out", out], saying: "rows")
        try expectUsageError(["generate", "mixtures", "--shard", "3/3", "--out", out], saying: "--shard")
        try expectUsageError(["generate", "mixtures", "--shard", "x", "--out", out], saying: "--shard")
        try expectUsageError(["generate", "mixtures", "--out", "/proc/loom-no"], saying: "cannot write")
        let notPD = try write("dataset: custom\ncomponents:\n  - {weight: 1, mean: [0, 0], covariance: [[1, 2], [2, 1]]}\n", "pd.yaml")
        try expectUsageError(["generate", "mixtures", "--spec", notPD, "--dataset", "custom", "--out", out], saying: "positive definite")
        let weights = try write("dataset: custom\ncomponents:\n  - {weight: 0.4, mean: [0], covariance: [[1]]}\n", "w.yaml")
        try expectUsageError(["generate", "mixtures", "--spec", weights, "--dataset", "custom", "--out", out], saying: "sum to 0.4")
        let unknown = try write("steps:\n  - generate: mixtures\n    options: {dataset: gaussian, rowz: 5}\n", "u.yaml")
        try expectUsageError(["run", unknown, "--out", out], saying: "u.yaml:3: 'steps.0.options.rowz': unknown key")
        let malformed = try write("steps: [\n  - generate: mixtures\n", "m.yaml")
        try expectUsageError(["run", malformed, "--out", out], saying: "malformed YAML")
        try expectUsageError(["run", root.appendingPathComponent("missing.yaml").path, "--out", out], saying: "missing.yaml")
        let badGenerator = try write("steps:\n  - generate: nope\n", "g.yaml")
        try expectUsageError(["run", badGenerator, "--out", out], saying: "unknown generator 'nope'")
        let stageAs = try write("steps:\n  - loop: gaussian-collapse\n    as: x\n", "s.yaml")
        try expectUsageError(["run", stageAs, "--out", out], saying: "s.yaml:3: 'steps.0.as'")
        #expect(!FileManager.default.fileExists(atPath: out), "no output from failed commands")
    }

    @Test func aRerunWithAnotherConfigIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        #expect(try loom(["generate", "mixtures", "--rows", "100", "--out", out, "--quiet"]).status == 0)
        try expectUsageError(["generate", "mixtures", "--rows", "200", "--out", out, "--quiet"], saying: "config.rows: 100 in the folder, 200 now")
    }

    @Test func aKilledRunResumesToAValidDataset() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let args = ["generate", "mixtures", "--dataset", "gaussian", "--rows", "300000", "--jobs", "1", "--out", out, "--quiet"]
        let killed = try loom(args, killAfter: 0.8)
        #expect(killed.status != 0, "the first run was killed")
        let folder = root.appendingPathComponent("out/mixtures-gaussian")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.jsonl").path))
        let resumed = try loom(args)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let validate = try loom(["validate", folder.path])
        #expect(validate.status == 0, "\(validate.stdout)")
        // The resumed dataset equals one made in a single go.
        let single = root.appendingPathComponent("single").path
        #expect(try loom(args.dropLast(3) + ["--out", single, "--quiet"]).status == 0)
        for name in ["manifest.jsonl", "data.csv", "true_pmfs.npy", "dataset.json"] {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: single + "/mixtures-gaussian/" + name), "\(name) differs")
        }
    }

    @Test func validateReportsDamageWithExitOne() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        #expect(try loom(["generate", "mixtures", "--rows", "50", "--out", out, "--quiet"]).status == 0)
        let csv = out + "/mixtures-gaussian/data.csv"
        try "index\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try loom(["validate", out + "/mixtures-gaussian"])
        #expect(r.status == 1 && r.stdout.contains("data.csv"))
    }
}
