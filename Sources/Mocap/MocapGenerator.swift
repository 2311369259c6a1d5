import Foundation
import LoomCore
import Media
import Physics

/// `loom generate mocap`: real motion capture on DeepMimic's humanoid, cut into windows.
///
/// The takes are loaded, retargeted, unrolled, resampled and grounded once, when the generator is
/// made; every sample is then one window, canonicalised (first root above the origin, facing +Z),
/// with its arrays, a BVH, its features and its quality figures.
public struct MocapGenerator: DatasetGenerator {
    /// The name `loom generate` and `dataset.json` use.
    public static let name = "mocap"
    /// The resolved options.
    public let config: MocapOptions
    /// The one stream key of the dataset.
    public var streamKey: String { "mocap" }
    /// One sample per window.
    public var sampleCount: Int { windows.count }

    /// DeepMimic's humanoid, the skeleton every take is expressed on.
    public let humanoid: Humanoid
    /// The loaded takes, in `clips` order.
    public let clips: [MocapClip]
    /// The windows, one per sample, in sample order.
    public let windows: [MocapWindow]
    let features: MotionFeatures

    /// Loads every take and lays out the windows.
    public init(options: MocapOptions) throws {
        try options.validate()
        config = options
        humanoid = try Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))
        features = MotionFeatures(humanoid: humanoid)
        let fps = Double(config.fps), ids = config.clips
        let sources = MocapSources.all.filter { ids.contains($0.id) }
        let humanoid = humanoid, unroll = config.unrollSeconds
        let loaded = try sources.map { try MocapClip.load($0, humanoid: humanoid, fps: fps, unrollSeconds: unroll) }
        clips = loaded
        windows = try Self.layout(clips: loaded, config: config)
    }

    /// Windows of every clip (and its mirror), then the training subset if `n` is set.
    static func layout(clips: [MocapClip], config: MocapOptions) throws -> [MocapWindow] {
        let window = config.window, stride = config.stride, test = Set(config.testTakes)
        let longest = clips.map { $0.motion.poses.count }.max() ?? 0
        guard longest > window else {
            throw ConfigValueError("window", "\(window) frames (plus one for velocities) is longer than every clip (the longest has \(longest) frames at \(config.fps) fps)")
        }
        var all: [MocapWindow] = []
        for (c, clip) in clips.enumerated() {
            for mirrored in config.mirror ? [false, true] : [false] {
                for start in Swift.stride(from: 0, through: clip.motion.poses.count - window - 1, by: stride) {
                    all.append(MocapWindow(clip: c, mirrored: mirrored, start: start, test: test.contains(clip.source.id)))
                }
            }
        }
        guard let n = config.n else { return all }
        let train = all.indices.filter { !all[$0].test }
        guard n <= train.count else {
            throw ConfigValueError("n", "\(n) is more than the \(train.count) training windows; choose n ≤ \(train.count) or leave it unset for all")
        }
        var random = RandomStream(seed: UInt64(config.subsetSeed), dataset: "mocap/subset", index: 0)
        let keep = Set(random.permutation(train.count).prefix(n).map { train[$0] })
        return all.indices.filter { keep.contains($0) || all[$0].test }.map { all[$0] }
    }

    /// The poses and figures of window `index`.
    func motion(of index: Int) -> WindowMotion {
        let w = windows[index]
        let clip = clips[w.clip].motion
        var poses = clip.canonicalWindow(w.start..<(w.start + config.window + 1))
        if w.mirrored { poses = poses.map(humanoid.mirrored) }
        return WindowMotion(poses: poses, humanoid: humanoid, features: features, fps: clip.fps)
    }

    /// A worker that writes windows; it holds no resources.
    public func makeWorker() throws -> Worker { Worker(generator: self) }

    /// Writes one window's files.
    public struct Worker: SampleWorker {
        let generator: MocapGenerator

        /// Writes window `index`'s arrays and BVH and returns its clip, split and quality figures.
        public mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
            let g = generator, w = g.windows[index], m = g.motion(of: index)
            let frames = g.config.window, links = g.humanoid.linkCount
            let shown = Array(m.poses.prefix(frames))
            let folder = MocapFiles.windowFolder(index)
            try output.writeNpy(m.features.map(Float.init), shape: [frames, g.features.width], to: folder + "/features.npy")
            try output.writeNpy(m.frames.prefix(frames).flatMap { $0.positions.flatMap { [Float($0.x), Float($0.y), Float($0.z)] } },
                                        shape: [frames, links, 3], to: folder + "/positions.npy")
            try output.writeNpy(shown.flatMap { $0.rotations.flatMap { [Float($0.w), Float($0.x), Float($0.y), Float($0.z)] } },
                                        shape: [frames, links, 4], to: folder + "/rotations.npy")
            try output.writeNpy(shown.flatMap { [Float($0.root.x), Float($0.root.y), Float($0.root.z)] }, shape: [frames, 3],
                             to: folder + "/root.npy")
            let bvh = HumanoidBVH.motion(shown, humanoid: g.humanoid, fps: Double(g.config.fps))
            try output.write(Data(BVHFile.text(bvh).utf8), to: folder + "/motion.bvh")
            let clip = g.clips[w.clip]
            return [
                "clip": .string(clip.source.id), "action": .string(clip.source.action), "split": .string(w.test ? "test" : "train"),
                "mirrored": .bool(w.mirrored), "start_frame": .int(w.start),
                "penetration_m": .double(m.quality.penetration), "floating_m": .double(m.quality.floating),
                "skating_m_per_s": .double(m.quality.skating), "jitter_m_per_s3": .double(m.quality.jitter),
                "support_height_m": .double(m.supportHeight),
            ]
        }
    }

    /// Writes the dataset-level table, split indices, feature mean and std, and previews.
    public func finish(records: [ManifestRecord], into folder: URL) throws {
        try MocapFiles(generator: self).write(records: records, into: folder)
    }

    /// Reports a clip or split label that does not match the window, and missing or negative quality figures.
    public func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        let w = windows[record.index], clip = clips[w.clip]
        var problems: [String] = []
        if record.labels.string("clip") != clip.source.id { problems.append("label clip is not \(clip.source.id)") }
        if record.labels.string("split") != (w.test ? "test" : "train") { problems.append("label split does not match the clip's split") }
        for key in ["penetration_m", "floating_m", "skating_m_per_s", "jitter_m_per_s3", "support_height_m"] {
            guard let v = record.labels.double(key), v.isFinite, v >= 0 else { problems.append("label \(key) is missing or not a finite, non-negative number"); continue }
        }
        return problems
    }
}
