import Foundation
@testable import LoomCore
import Media
import Testing
@testable import ForcePrompt
import Render
import TestSupport

private func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("loom-wind-\(name)-\(UUID().uuidString)")
}

private func contents(of folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where !path.hasPrefix("shards") {
        let url = folder.appendingPathComponent(path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
            out[path] = try Data(contentsOf: url)
        }
    }
    return out
}

private let small = ForceWindOptions().with { $0.count = 2; $0.maxExtraFlags = 2; $0.width = 160; $0.height = 112; $0.samples = 1; $0.preset = .veryfast; $0.contactSheetClips = 2 }

@Test func windClipsAreTheSameBytesWhateverTheThreadsOrShards() throws {
    let a = scratch("a"), b = scratch("b"), c = scratch("c")
    defer { for u in [a, b, c] { try? FileManager.default.removeItem(at: u) } }
    let generator = try ForceWindGenerator(options: small)
    try DatasetRun.generate(generator, options: RunOptions(folder: a, seed: 3, scale: .quick, jobs: 2, progress: .quiet))
    try DatasetRun.generate(generator, options: RunOptions(folder: b, seed: 3, scale: .quick, jobs: 1, progress: .quiet))
    for i in 0..<2 {
        try DatasetRun.generate(generator, options: RunOptions(folder: c, seed: 3, scale: .quick, shard: try Shard(parsing: "\(i)/2"),
                                                               jobs: 1, progress: .quiet))
    }
    try DatasetRun.merge(generator, folder: c)
    let first = try contents(of: a)
    for other in [try contents(of: b), try contents(of: c)] {
        #expect(first.keys.sorted() == other.keys.sorted())
        for (path, data) in first where path != "dataset.json" { #expect(other[path] == data, "\(path) differs") }
    }
    #expect(first.keys.filter { $0.hasSuffix(".mp4") }.count == 2)
    #expect(try DatasetRun.validate(generator, folder: a).isEmpty)
}

@Test func windDatasetHasTheOriginalsLayout() throws {
    let folder = scratch("layout")
    defer { try? FileManager.default.removeItem(at: folder) }
    let generator = try ForceWindGenerator(options: small)
    try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 1, scale: .quick, jobs: 2, progress: .quiet))
    let csv = try #require(CSVTable.parse(try String(contentsOf: folder.appendingPathComponent(ForceWindGenerator.csvName), encoding: .utf8)))
    #expect(csv.header == ["video", "wind_speed", "wind_angle", "frame", "fps", "seconds", "caption"])
    #expect(csv.rows.count == 2)
    #expect(csv.rows.map { Double($0[1])! } == [0, 1])
    for row in csv.rows {
        // What the original's CSV builder reads back from the file name.
        let tokens = row[0].replacingOccurrences(of: ".mp4", with: "").split(separator: "_").map(String.init)
        #expect(Array(tokens[0...1]) == ["flag", "sample"] && tokens[3] == "0.0" && tokens[5] == "0.0" && tokens[6] == "background")
        #expect(tokens[4] == row[2])
        #expect(Array(row[3...5]) == ["120", "24.0", "5.0"])
        for word in ["flag", "wind", "breeze", "flutter"] { #expect(row[6].lowercased().contains(word)) }
        let stem = row[0].replacingOccurrences(of: ".mp4", with: "")
        let json = try JSONValue.parse(try String(contentsOf: folder.appendingPathComponent("params/\(stem).json"), encoding: .utf8))
        guard case .array(let tips)? = json["tip_positions"] else { Issue.record("no tip positions"); continue }
        #expect(tips.count == 240)
        guard case .double(let angle)? = json["wind_angle"] else { Issue.record("no wind_angle"); continue }
        #expect(FlagNaming.fixed1(angle) == row[2])
    }
    let video = try VideoReader.read(url: folder.appendingPathComponent("videos").appendingPathComponent(csv.rows[0][0]))
    #expect(video.frames.count == 120 && video.width == 160 && video.height == 112 && video.fps == 24)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(ForceWindGenerator.contactSheetName).path))
    // The card names where the backgrounds come from and explains every label of the manifest.
    let card = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(card.contains("# Force Prompting wind clips: flags in the wind") && card.contains("no third-party images"))
    let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
    guard case .object(let entries)? = try JSONValue.parse(String(manifest.prefix { $0 != "\n" }))["labels"] else {
        Issue.record("no labels in the manifest")
        return
    }
    let labels = entries.map(\.0)
    #expect(labels.count == 16 && TestSupport.labelsMissingFromCard(in: folder, labels: labels) == [])
}

@Test func badWindOptionsAreClearErrors() throws {
    func message(_ options: ForceWindOptions) -> String? {
        do { _ = try ForceWindGenerator(options: options) } catch let error as LoomError {
            #expect(error.isUsageError)
            return error.description
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }
    #expect(message(ForceWindOptions().with { $0.windMin = 20; $0.windMax = 10 })?.contains("wind_min (20.0) must be below wind_max (10.0)") == true)
    #expect(message(ForceWindOptions().with { $0.windMin = -1 })?.contains("wind_min") == true)
    #expect(message(ForceWindOptions().with { $0.windMax = 500 })?.contains("at most 40") == true)
    #expect(message(ForceWindOptions().with { $0.maxExtraFlags = -1 })?.contains("max_extra_flags") == true)
    #expect(message(ForceWindOptions().with { $0.width = 161 })?.contains("even") == true)

    let folder = scratch("backgrounds")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var image = RGBImage(width: 16, height: 8)
    for i in 0..<128 { image.pixels[3 * i + 2] = UInt8(i * 2) }
    try PNGCodec.encode(image).write(to: folder.appendingPathComponent("Harbour View.png"))
    let generator = try ForceWindGenerator(options: ForceWindOptions().with { $0.backgrounds = folder.path; $0.proceduralBackgrounds = false })
    #expect(generator.backgroundNames == ["harbour_view"])
    #expect(FlagCaptions.caption(background: "harbour_view").contains("harbour view"))
    try Data("not an image".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let bad = message(ForceWindOptions().with { $0.backgrounds = folder.path })
    #expect(bad?.contains("--backgrounds") == true && bad?.contains("notes.txt") == true, "\(bad ?? "")")
}

@Test func aClothThatBlowsUpIsNamedAndNotWritten() throws {
    let generator = try ForceWindGenerator(options: ForceWindOptions().with { $0.count = 1 })
    let worker = try generator.makeWorker()
    // Far beyond the stable range the options allow.
    let clip = FlagClip(windSpeed: 5000, windAngle: 30, background: "meadow_hills", color1: 0, color2: 1,
                        camera: [0, -7.88, 2], perturbationKey: 1, extras: [])
    do {
        _ = try worker.rollout(clip, index: 7)
        Issue.record("a 5000 m/s wind did not blow the cloth up")
    } catch let error as ForcePromptError {
        #expect(!error.isUsageError)
        #expect(error.description.hasPrefix("clip 7: the cloth blew up"), "\(error.description)")
    }
}
