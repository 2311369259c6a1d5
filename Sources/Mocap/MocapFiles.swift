import Foundation
import LoomCore
import Media
import Physics

/// The dataset-level files of a mocap dataset, made from the manifest's labels and the generator's clips.
struct MocapFiles {
    let generator: MocapGenerator

    static let contactSheetName = "contact_sheet.png"
    static let filmstripName = "filmstrip.svg"

    /// The folder of window `index`'s files.
    static func windowFolder(_ index: Int) -> String { "windows/" + String(format: "%05d", index) }

    func write(records: [ManifestRecord], into folder: URL) throws {
        let g = generator
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var table = CSVTable(header: ["index", "folder", "clip", "action", "split", "mirrored", "start_frame", "penetration_m",
                                      "floating_m", "skating_m_per_s", "jitter_m_per_s3", "support_height_m"])
        for r in records {
            table.append([String(r.index), Self.windowFolder(r.index)] + table.header.dropFirst(2).map { r.labels[$0]?.description ?? "" })
        }
        try table.write(to: folder.appendingPathComponent("windows.csv"))
        let train = g.windows.indices.filter { !g.windows[$0].test }, test = g.windows.indices.filter { g.windows[$0].test }
        try Npy.write(train.map(Int64.init), shape: [train.count], to: folder.appendingPathComponent("train_index.npy"))
        try Npy.write(test.map(Int64.init), shape: [test.count], to: folder.appendingPathComponent("test_index.npy"))
        let (mean, std) = statistics(train)
        try Npy.write(mean.map(Float.init), shape: [mean.count], to: folder.appendingPathComponent("mean.npy"))
        try Npy.write(std.map(Float.init), shape: [std.count], to: folder.appendingPathComponent("std.npy"))
        try AtomicFile.write(Data(summary(records).utf8), to: folder.appendingPathComponent("summary.md"))
        let picks = Self.spread(g.windows.count, g.config.contactSheetWindows)
        if !picks.isEmpty {
            func shown(_ index: Int) -> [HumanoidFrame] { Array(g.motion(of: index).frames.prefix(g.config.window)) }
            let sheet = StickFigures.contactSheet(picks.map(shown), humanoid: g.humanoid)
            try AtomicFile.write(try PNGCodec.encode(sheet), to: folder.appendingPathComponent(Self.contactSheetName))
            let w = g.windows[picks[0]]
            let title = "window \(picks[0]): \(g.clips[w.clip].source.id) (\(g.clips[w.clip].source.action))\(w.mirrored ? ", mirrored" : ""), frames \(w.start)–\(w.start + g.config.window - 1) at \(g.config.fps) fps"
            try AtomicFile.write(Data(StickFigures.filmstrip(shown(picks[0]), humanoid: g.humanoid, title: title).utf8),
                                 to: folder.appendingPathComponent(Self.filmstripName))
        }
    }

    /// Per-dimension mean and standard deviation of the training windows' features (std floored at 1e-6).
    func statistics(_ train: [Int]) -> ([Double], [Double]) {
        let width = generator.features.width
        var sum = [Double](repeating: 0, count: width), square = sum
        var count = 0.0
        for i in train {
            let f = generator.motion(of: i).features
            for (k, v) in f.enumerated() {
                sum[k % width] += v
                square[k % width] += v * v
            }
            count += Double(f.count / width)
        }
        let mean = sum.map { $0 / max(count, 1) }
        let std = zip(square, mean).map { max(($0 / max(count, 1) - $1 * $1).squareRoot().nanToZero, 1e-6) }
        return (mean, std)
    }

    /// `count` indices spread evenly over `0..<total`.
    static func spread(_ total: Int, _ count: Int) -> [Int] {
        guard total > 0, count > 0 else { return [] }
        let k = min(total, count)
        return (0..<k).map { $0 * total / k }
    }

    func summary(_ records: [ManifestRecord]) -> String {
        let g = generator
        var text = "# mocap dataset\n\n"
        text += "\(g.windows.count) windows of \(g.config.window) frames at \(g.config.fps) fps (\(Double(g.config.window) / Double(g.config.fps)) s), "
        text += "stride \(g.config.stride) frames, mirrored copies \(g.config.mirror ? "on" : "off"), on DeepMimic's humanoid (\(g.humanoid.linkCount) links, \(String(format: "%.1f", g.humanoid.skeleton.mass)) kg), Y up, each window starting above the origin facing +Z.\n\n"
        let trainCount = g.windows.filter { !$0.test }.count
        text += "Split by source clip: \(trainCount) training windows, \(g.windows.count - trainCount) test windows"
        text += g.config.n.map { " (a fixed subset of \($0) training windows, seed \(g.config.subsetSeed))" } ?? ""
        text += ".\n\n## Windows per action\n\n| action | train | test |\n|---|---:|---:|\n"
        let actions = Array(Set(g.clips.map(\.source.action))).sorted()
        for action in actions {
            let of = g.windows.filter { g.clips[$0.clip].source.action == action }
            text += "| \(action) | \(of.filter { !$0.test }.count) | \(of.filter(\.test).count) |\n"
        }
        text += "\n## Source clips\n\n| clip | action | split | source s | on the humanoid s | ground offset m (median) | windows | worst supporting-foot height m |\n|---|---|---|---:|---:|---:|---:|---:|\n"
        var seconds = 0.0
        for (c, clip) in g.clips.enumerated() {
            let mine = records.filter { g.windows[$0.index].clip == c }
            let support = mine.compactMap { $0.labels.double("support_height_m") }.max() ?? 0
            seconds += clip.sourceSeconds
            text += "| \(clip.source.id) | \(clip.source.action) | \(g.windows.first { $0.clip == c }?.test == true ? "test" : "train") | "
            text += String(format: "%.2f | %.2f | %.3f | %ld | %.3f |\n", clip.sourceSeconds, clip.motion.duration, clip.groundOffset, mine.count, support)
        }
        text += String(format: "\n%.1f s of captured motion in %ld clips.\n\n", seconds, g.clips.count)
        text += "## Quality figures (mean over windows)\n\n| action | penetration m | floating m | skating m/s | jitter m/s³ |\n|---|---:|---:|---:|---:|\n"
        for action in actions {
            let mine = records.filter { $0.labels.string("action") == action }
            func mean(_ key: String) -> Double { mine.compactMap { $0.labels.double(key) }.reduce(0, +) / Double(max(mine.count, 1)) }
            text += "| \(action) | " + String(format: "%.4f | %.4f | %.3f | %.1f |\n", mean("penetration_m"), mean("floating_m"),
                           mean("skating_m_per_s"), mean("jitter_m_per_s3"))
        }
        text += "\nPenetration and floating count frames past \(MotionQuality.tolerance) m; skating counts sole points within \(MotionQuality.contactHeight) m of the ground in two consecutive frames.\n"
        return text
    }
}

extension Double {
    var nanToZero: Double { isNaN ? 0 : self }
}
