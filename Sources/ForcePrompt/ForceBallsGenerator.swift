import Foundation
import LoomCore
import Media
import Render

/// `loom generate force-balls`: Force Prompting's point-force training clips of rolling balls
/// (reference §3.2), simulated in Bullet, rendered in process and encoded to H.264.
///
/// Each clip: `videos/<name>.mp4` (720×480, 24 fps, 120 frames: Blender frames 11...130) and
/// `params/<name>.json` (every parameter, the labels, per-frame ball states). At the end: the
/// trainer's CSV `force_balls.csv` and `contact_sheet.png`.
public struct ForceBallsGenerator: DatasetGenerator {
    /// `loom generate force-balls`.
    public static let name = "force-balls"
    /// The options the dataset is made with.
    public let config: ForceBallsOptions
    /// The clips' random streams are keyed by this name alone.
    public var streamKey: String { "force-balls" }
    /// One sample per clip.
    public var sampleCount: Int { config.count }

    let sampler: BallClipSampler
    let userGrounds: [GroundMaterial]
    /// Push strengths are drawn from this range; the CSV's force is normalised over it.
    public var forceRange: ClosedRange<Double> { sampler.forceRange }
    /// Frame width (pixels).
    public var width: Int { config.width }
    /// Frame height (pixels).
    public var height: Int { config.height }
    /// Every ground material name clips draw from.
    public var groundNames: [String] { sampler.grounds }

    /// The CSV the original trainer reads.
    public static let csvName = "force_balls.csv"
    /// The first and last frames of the first clips, labels drawn on.
    public static let contactSheetName = "contact_sheet.png"
    /// The companion table: every label the trainer's CSV leaves out.
    public static let labelsName = "force_balls_labels.csv"

    /// Checks the options and loads the user's ground images.
    public init(options: ForceBallsOptions) throws {
        do {
            try options.validate()
            config = options
        } catch let error as ConfigValueError {
            throw LoomError.usage("force-balls option '\(error.key)': \(error.message)")
        }
        userGrounds = try config.textures.map(UserImages.grounds) ?? []
        var grounds = !config.proceduralGrounds ? [] : GroundMaterial.proceduralNames
        for user in userGrounds {
            if grounds.contains(user.name) {
                throw LoomError.usage("--textures: the image '\(user.name)' has the name of a built-in ground; rename the file")
            }
            grounds.append(user.name)
        }
        sampler = BallClipSampler(forceRange: config.forceMin...config.forceMax, grounds: grounds)
    }

    /// A worker with its own Bullet world, renderer and encoder.
    public func makeWorker() throws -> ForceBallsWorker { try ForceBallsWorker(generator: self) }

    /// The `--textures` images.
    public var assets: [URL] { config.textures.map(UserImages.files) ?? [] }

    /// Draws a clip's parameters from its random stream.
    public func draw(_ random: inout RandomStream) -> BallClip { sampler.draw(&random) }

    /// The ground material called `name`.
    public func ground(_ name: String) throws -> GroundMaterial {
        if let user = userGrounds.first(where: { $0.name == name }) { return user }
        return try GroundMaterial.procedural(name)
    }

    /// Writes the trainer's CSV, the companion table, the prompt files and the contact sheet.
    public func finish(records: [ManifestRecord], into folder: URL) throws {
        let window = BallLabels.trainingWindow.count
        let trained = config.inViewOnly
            ? records.filter { $0.labels.int("frames_in_view_training_window") == window } : records
        try ForceBallsTable.csv(trained, forceRange: forceRange).write(to: folder.appendingPathComponent(Self.csvName))
        try ForceBallsTable.companion(records).write(to: folder.appendingPathComponent(Self.labelsName))
        for (name, kind) in [(BallPrompts.soccerName, BallClip.Kind.soccer), (BallPrompts.bowlingName, .bowling)] {
            let text = BallPrompts.json(grounds: groundNames, kind: kind).prettyText + "\n"
            try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
        }
        try ContactSheet.write(records: records.prefix(config.contactSheetClips), videos: folder,
                               to: folder.appendingPathComponent(Self.contactSheetName))
    }

    /// Checks a clip's labels (angle, force in range, video and caption present) and that it has one video.
    public func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        var problems: [String] = []
        if let angle = record.labels.double("angle") {
            if !(0..<360).contains(angle) { problems.append("angle \(angle) is outside [0, 360)") }
        } else { problems.append("label angle is missing") }
        if let force = record.labels.double("force") {
            if !(0...1).contains(force) { problems.append("force \(force) is outside [0, 1]") }
        } else { problems.append("label force is missing") }
        for key in ["video", "caption"] where record.labels.string(key) == nil { problems.append("label \(key) is missing") }
        if let caption = record.labels.string("caption") {
            let lower = caption.lowercased()
            if !lower.contains("ball") || !lower.contains("roll") { problems.append("the caption lacks 'ball' or 'roll'") }
        }
        let videos = record.files.filter { $0.path.hasSuffix(".mp4") }
        if videos.count != 1 { problems.append("expected one video file, found \(videos.count)") }
        return problems
    }
}
