import Foundation
import Testing
@testable import LoomCore

@Suite("Manifest, JSON, CSV")
struct FormatTests {
    @Test func manifestLinesRoundTrip() throws {
        let record = ManifestRecord(
            index: 12, files: [FileEntry(path: "a \"b\" #c.wav", bytes: 5, sha256: String(repeating: "ab", count: 32))],
            labels: ["n": .int(3), "x": .double(2.0), "y": .double(-1.25e-7), "s": .string("é,\n\"q\""), "b": .bool(false)])
        let line = record.jsonLine
        #expect(!line.contains("\n"))
        #expect(line.contains("\"x\":2.0"), "doubles stay doubles: \(line)")
        #expect(ManifestRecord(jsonLine: line) == record)
        #expect(ManifestRecord(jsonLine: String(line.dropLast(3))) == nil, "a half-written line is rejected")
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(parsed?["index"] as? Int == 12, "Foundation reads our JSON")
    }

    @Test func csvQuotesAndParses() {
        var table = CSVTable(header: ["name", "note"])
        table.append(["C#4 \"major\"", "a,b"])
        table.append(["plain", "line\nbreak"])
        #expect(table.text == "name,note\n\"C#4 \"\"major\"\"\",\"a,b\"\nplain,\"line\nbreak\"\n")
        #expect(CSVTable.parse(table.text)?.rows == table.rows)
    }

    @Test func sha256MatchesAKnownDigest() throws {
        #expect(try SHA256.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aFullDiskIsARunTimeErrorThatSaysTheRunResumes() {
        let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue,
                            userInfo: [NSUnderlyingErrorKey: posix])
        for error in [posix, cocoa] {
            let mapped = AtomicFile.writeError(error, path: "out/a.wav")
            #expect(mapped == .diskFull(path: "out/a.wav") && !mapped.isUsageError)
            #expect(mapped.description.contains("run the same command again to resume"))
        }
        let denied = AtomicFile.writeError(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)), path: "out/a.wav")
        #expect(denied.isUsageError && denied.description.hasPrefix("cannot write out/a.wav"))
    }

    @Test func shardsParseOrExplain() throws {
        let s = try Shard(parsing: "2/5")
        #expect(s.contains(7) && !s.contains(8))
        for bad in ["5/5", "-1/2", "1", "a/b", "1/0", "1/2/3"] {
            #expect(throws: LoomError.self) { try Shard(parsing: bad) }
        }
    }
}

struct SampleOptions: ConfigOptions {
    @Setting("Rows.") var rows: Int? = nil
    @Setting("A name.") var name: String? = nil
    @Setting("Weights.") var weights: [Double]? = nil

    func validate() throws {
        if let rows, rows <= 0 { throw ConfigValueError("rows", "must be positive") }
    }
}

@Suite("Config files")
struct ConfigTests {
    func decode(_ yaml: String) throws -> SampleOptions {
        let document = try ConfigDocument(text: yaml, file: "p.yaml")
        return try SampleOptions.resolve(scale: .quick, layers: [OptionLayer(node: document.root, file: document.file)], owner: "sample")
    }

    func message(_ yaml: String) -> String? {
        do {
            _ = try decode(yaml)
            return nil
        } catch let error as LoomError {
            #expect(error.isUsageError)
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func decodesGoodOptions() throws {
        #expect(try decode("rows: 3\nname: x\nweights: [0.5, 0.5]\n") == SampleOptions(rows: 3, name: "x", weights: [0.5, 0.5]))
    }

    @Test func unknownKeyNamesFileKeyAndLine() {
        #expect(message("rows: 3\nrowz: 4\n") == "p.yaml:2: 'rowz': unknown key; expected one of name, rows, weights")
    }

    @Test func wrongTypeNamesTheKeyAndLine() {
        let m = message("name: x\nrows: many\n") ?? ""
        #expect(m.hasPrefix("p.yaml:2: 'rows': expected an integer"), "\(m)")
        let w = message("weights: [0.5, oops]\n") ?? ""
        #expect(w.contains("'weights.1'") && w.hasPrefix("p.yaml:1"), "\(w)")
    }

    @Test func badValueNamesTheKeyAndLine() {
        #expect(message("name: x\n\nrows: -2\n") == "p.yaml:3: 'rows': must be positive")
    }

    @Test func malformedYAMLIsALineError() {
        let m = message("rows: [1, 2\nname: x\n") ?? ""
        #expect(m.hasPrefix("p.yaml:") && m.contains("malformed YAML"), "\(m)")
    }
}
