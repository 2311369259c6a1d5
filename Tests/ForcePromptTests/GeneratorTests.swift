import Foundation
@testable import LoomCore
import Media
import Testing
@testable import ForcePrompt
import Render

private func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("loom-fp-\(name)-\(UUID().uuidString)")
}

private func files(in folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: folder.path)! {
        let url = folder.appendingPathComponent(path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
            out[path] = try Data(contentsOf: url)
        }
    }
    return out
}

private let small = ForceBallsOptions().with { $0.count = 3; $0.width = 240; $0.height = 160; $0.preset = .veryfast; $0.contactSheetClips = 2 }

@Test func theSameSeedGivesTheSameBytes() throws {
    let a = scratch("a"), b = scratch("b"), c = scratch("c")
    defer { for u in [a, b, c] { try? FileManager.default.removeItem(at: u) } }
    let generator = try ForceBallsGenerator(options: small)
    try DatasetRun.generate(generator, options: RunOptions(folder: a, seed: 9, scale: .quick, jobs: 2, progress: .quiet))
    try DatasetRun.generate(generator, options: RunOptions(folder: b, seed: 9, scale: .quick, jobs: 1, progress: .quiet))
    let first = try files(in: a), second = try files(in: b)
    #expect(first.keys.sorted() == second.keys.sorted())
    for (path, data) in first { #expect(second[path] == data, "\(path) differs") }
    #expect(first.keys.filter { $0.hasSuffix(".mp4") }.count == 3)
    #expect(first.keys.contains(ForceBallsGenerator.contactSheetName))
    // Another seed, other clips.
    try DatasetRun.generate(generator, options: RunOptions(folder: c, seed: 10, scale: .quick, jobs: 2, progress: .quiet))
    #expect(try files(in: c)[ForceBallsGenerator.csvName] != first[ForceBallsGenerator.csvName])
    #expect(try DatasetRun.validate(generator, folder: a).isEmpty)
}

@Test func theDatasetHasTheOriginalsLayout() throws {
    let folder = scratch("layout")
    defer { try? FileManager.default.removeItem(at: folder) }
    let generator = try ForceBallsGenerator(options: small)
    try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 1, scale: .quick, jobs: 2, progress: .quiet))
    let csv = try #require(CSVTable.parse(try String(contentsOf: folder.appendingPathComponent(ForceBallsGenerator.csvName), encoding: .utf8)))
    #expect(csv.header == ["video", "angle", "force", "coordx", "coordy", "frame", "fps", "seconds", "width", "height", "caption"])
    #expect(csv.rows.count == 3)
    let angles = csv.rows.map { Double($0[1])! }
    #expect(angles == angles.sorted())
    for row in csv.rows {
        // What the original's CSV builder reads back from the file name.
        let tokens = row[0].replacingOccurrences(of: ".mp4", with: "").split(separator: "_").map(String.init)
        func after(_ key: String) -> String { tokens[tokens.firstIndex(of: key)! + 1] }
        #expect(row[0].hasPrefix("background_"))
        #expect(after("angle") == row[1])
        #expect(row[1].split(separator: ".").last!.count == 4 && row[2].split(separator: ".").last!.count == 4)
        #expect(String(format: "%.4f", (Double(after("force"))! - 8) / 56) == row[2])
        #expect(after("coordx") == row[3] && after("coordy") == row[4])
        #expect(Array(row[5...9]) == ["120", "24.0", "5.0", "240", "160"])
        #expect(row[10].contains("ball") && row[10].contains("roll"))
        #expect(row[0].hasSuffix("_bowling.mp4") == row[10].contains("heavy bowling ball"))
        // The clip's JSON: every ball's 130 states.
        let stem = row[0].replacingOccurrences(of: ".mp4", with: "")
        let json = try JSONValue.parse(try String(contentsOf: folder.appendingPathComponent("params/\(stem).json"), encoding: .utf8))
        guard case .array(let balls)? = json["balls"] else { Issue.record("no balls in the clip JSON"); continue }
        #expect((2...4).contains(balls.count))
        for ball in balls {
            guard case .array(let positions)? = ball["positions"], case .array(let velocities)? = ball["velocities"] else {
                Issue.record("a ball without positions or velocities"); continue
            }
            #expect(positions.count == 130 && velocities.count == 130)
        }
        #expect(json["labels"]?["coordx"] == .int(Int(row[3])!))
    }
    // The prompt files of the original's CSV builder: every ground, and the caption the CSV has.
    for (name, kind) in [("backgrounds_soccer.json", "soccer"), ("backgrounds_bowling.json", "bowling")] {
        let prompts = try JSONValue.parse(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        for ground in generator.groundNames {
            guard case .string(let prompt)? = prompts[ground]?["optimized_prompt"] else {
                Issue.record("\(name) has no prompt for \(ground)"); continue
            }
            #expect(prompt.contains(kind == "bowling" ? "heavy bowling ball" : "ball"))
        }
        for row in csv.rows where row[0].hasSuffix("_bowling.mp4") == (kind == "bowling") {
            let ground = String(row[0].dropFirst("background_".count).split(separator: "_angle").first!)
            #expect(prompts[ground]?["optimized_prompt"] == .string(row[10]))
        }
    }
    // The companion table: one row per clip in index order, keyed by the trainer's video name.
    let companion = try #require(CSVTable.parse(try String(contentsOf: folder.appendingPathComponent(ForceBallsGenerator.labelsName), encoding: .utf8)))
    #expect(companion.rows.map { $0[0] } == ["0", "1", "2"])
    #expect(Set(companion.rows.map { $0[1] }) == Set(csv.rows.map { $0[0] }))
    let inView = try #require(companion.header.firstIndex(of: "frames_in_view_training_window"))
    #expect(companion.rows.allSatisfy { (0...49).contains(Int($0[inView]) ?? -1) })
    // Hugging Face videofolder metadata: one line per clip, file_name first.
    let metadata = try String(contentsOf: folder.appendingPathComponent("metadata.jsonl"), encoding: .utf8)
    #expect(metadata.split(separator: "\n").count == 3 && metadata.hasPrefix("{\"file_name\":\"videos/background_"))
    let video = try VideoReader.read(url: folder.appendingPathComponent("videos").appendingPathComponent(csv.rows[0][0]))
    #expect(video.frames.count == 120 && video.width == 240 && video.height == 160 && video.fps == 24)
}

@Test func aFullSizeClipIsWhatTheTrainerReads() throws {
    let folder = scratch("full")
    defer { try? FileManager.default.removeItem(at: folder) }
    let generator = try ForceBallsGenerator(options: ForceBallsOptions().with { $0.count = 1 })
    var worker = try generator.makeWorker()
    var random = RandomStream(seed: 2, dataset: "test/full", index: 0)
    let output = SampleOutput(folder: folder, index: 0)
    let labels = try worker.generate(index: 0, random: &random, output: output)
    let name = try #require(labels.string("video"))
    let video = try VideoReader.read(url: folder.appendingPathComponent("videos/\(name)"))
    #expect(video.frames.count == 120 && video.width == 720 && video.height == 480 && video.fps == 24)
    // The clip starts with the ball still: clip frame 10 (Blender 21, the first the trainer reads)
    // matches clip frame 0 closely; the push starts at Blender 22.
    var random2 = RandomStream(seed: 2, dataset: "test/full", index: 0)
    let rollout = try worker.rollout(generator.draw(&random2))
    let ground = try generator.ground(rollout.clip.ground)
    let rendered = worker.render(rollout, frame: 21, ground: ground)
    var squared = 0.0
    for (a, b) in zip(rendered.pixels, video.frames[10].pixels) {
        let d = Double(a) - Double(b)
        squared += d * d
    }
    let psnr = 10 * log10(255 * 255 / (squared / Double(rendered.pixels.count)))
    #expect(psnr > 35, "PSNR \(psnr) dB")
}

@Test func badOptionsAreClearErrors() throws {
    func message(_ options: ForceBallsOptions) -> String? {
        do { _ = try ForceBallsGenerator(options: options) } catch let error as LoomError {
            #expect(error.isUsageError)
            return error.description
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }
    #expect(message(ForceBallsOptions().with { $0.count = 0 })?.contains("count") == true)
    #expect(message(ForceBallsOptions().with { $0.forceMin = 70; $0.forceMax = 64 })?.contains("force_min (70.0) must be below force_max (64.0)") == true)
    #expect(message(ForceBallsOptions().with { $0.width = 721 })?.contains("even") == true)
    #expect {   // an unknown preset is refused where it is given
        try ForceBallsOptions.resolve(scale: .quick, layers: [OptionLayer(assignments: ["preset=warp"])], owner: "force-balls")
    } throws: { ($0 as? LoomError)?.description.contains("preset") == true }

    let folder = scratch("textures")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var image = RGBImage(width: 8, height: 8)
    for i in 0..<64 { image.pixels[3 * i] = UInt8(i * 4) }
    try PNGCodec.encode(image).write(to: folder.appendingPathComponent("Red Bricks.png"))
    let generator = try ForceBallsGenerator(options: ForceBallsOptions().with { $0.textures = folder.path })
    #expect(generator.groundNames.contains("red_bricks"))
    #expect(generator.groundNames.count == GroundMaterial.proceduralNames.count + 1)
    let only = try ForceBallsGenerator(options: ForceBallsOptions().with { $0.textures = folder.path; $0.proceduralGrounds = false })
    #expect(only.groundNames == ["red_bricks"])
    try Data("not an image".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let bad = message(ForceBallsOptions().with { $0.textures = folder.path })
    #expect(bad?.contains("notes.txt") == true && bad?.contains("not a readable PNG or JPEG") == true, "\(bad ?? "")")
    #expect(message(ForceBallsOptions().with { $0.textures = folder.appendingPathComponent("missing").path })?.contains("no such folder") == true)
}

@Test func inViewOnlyKeepsTheClipsWhoseBallStaysInView() throws {
    let folder = scratch("in-view")
    defer { try? FileManager.default.removeItem(at: folder) }
    // Gentle pushes keep some balls in view through the trainer's window, strong ones do not.
    let options = ForceBallsOptions().with { $0.count = 4; $0.forceMin = 1; $0.forceMax = 6; $0.width = 160; $0.height = 96; $0.samples = 1; $0.preset = .ultrafast; $0.contactSheetClips = 0; $0.inViewOnly = true }
    try DatasetRun.generate(try ForceBallsGenerator(options: options),
                            options: RunOptions(folder: folder, seed: 1, scale: .quick, jobs: 2, progress: .quiet))
    let read = { (name: String) in try #require(CSVTable.parse(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))) }
    let companion = try read(ForceBallsGenerator.labelsName), trainer = try read(ForceBallsGenerator.csvName)
    let inView = try #require(companion.header.firstIndex(of: "frames_in_view_training_window"))
    let kept = companion.rows.filter { $0[inView] == "49" }.map { $0[1] }
    #expect(companion.rows.count == 4)
    #expect(!kept.isEmpty && kept.count < 4, "seed 1 gives a mix of clips in and out of view")
    #expect(Set(trainer.rows.map { $0[0] }) == Set(kept))
}

@Test func depthAndSegmentationMatchTheBallsInTheVideo() throws {
    let a = scratch("maps-a"), b = scratch("maps-b")
    defer { for u in [a, b] { try? FileManager.default.removeItem(at: u) } }
    let options = ForceBallsOptions().with { $0.count = 2; $0.width = 160; $0.height = 96; $0.samples = 1; $0.preset = .ultrafast; $0.contactSheetClips = 0; $0.depth = true; $0.segmentation = true }
    let generator = try ForceBallsGenerator(options: options)
    try DatasetRun.generate(generator, options: RunOptions(folder: a, seed: 3, scale: .quick, jobs: 2, progress: .quiet))
    try DatasetRun.generate(generator, options: RunOptions(folder: b, seed: 3, scale: .quick, jobs: 1, progress: .quiet))
    #expect(try DatasetRun.validate(generator, folder: a).isEmpty)
    #expect(try String(contentsOf: a.appendingPathComponent("README.md"), encoding: .utf8).contains("segmentation/<name>.npy"))
    let companion = try #require(CSVTable.parse(try String(contentsOf: a.appendingPathComponent(ForceBallsGenerator.csvName), encoding: .utf8)))
    let (x, y) = (try #require(companion.header.firstIndex(of: "coordx")), try #require(companion.header.firstIndex(of: "coordy")))
    #expect(companion.rows.count == 2)
    for row in companion.rows {
        let stem = row[0].replacingOccurrences(of: ".mp4", with: "")
        let depthFile = a.appendingPathComponent("depth/\(stem).npy"), maskFile = a.appendingPathComponent("segmentation/\(stem).npy")
        #expect(try Data(contentsOf: depthFile) == Data(contentsOf: b.appendingPathComponent("depth/\(stem).npy")))
        #expect(try Data(contentsOf: maskFile) == Data(contentsOf: b.appendingPathComponent("segmentation/\(stem).npy")))
        let depth = try Npy.read(depthFile), mask = try Npy.read(maskFile)
        #expect(depth.descr == "<f2" && mask.descr == "|u1")
        #expect(depth.shape == [120, 96, 160] && mask.shape == [120, 96, 160])
        let d = try depth.values(as: Float16.self), m = try mask.values(as: UInt8.self)
        // The pushed ball's centre at the first frame is where the labels put it (coordy counts from the bottom).
        let cx = Int(row[x])!, cy = 96 - Int(row[y])!
        if (0..<160).contains(cx), (0..<96).contains(cy) { #expect(m[cy * 160 + cx] == 1) }
        var ballPixels = 0
        let plane = 96 * 160
        for frame in 0..<120 {
            for col in 0..<160 {
                // The top of a ball in this column: the ground just above it lies behind the ball.
                guard let top = (1..<96).first(where: { m[frame * plane + $0 * 160 + col] != 0 }),
                      m[frame * plane + (top - 1) * 160 + col] == 0 else { continue }
                let ball = d[frame * plane + top * 160 + col], behind = d[frame * plane + (top - 1) * 160 + col]
                #expect(ball.isFinite && ball > 0)
                #expect(behind > ball, "frame \(frame) column \(col): ground at \(behind) m is not behind the ball at \(ball) m")
                ballPixels += 1
            }
        }
        #expect(ballPixels > 0)
    }
}
