import Foundation
import LoomCore
import Media
import Render

/// `loom generate force-wind`: Force Prompting's wind training clips of flags in wind (reference §4),
/// simulated as Bullet soft-body cloth in our wind model, rendered in process and encoded to H.264.
///
/// Each clip: `videos/<name>.mp4` (720×480, 24 fps, 120 frames: frames 121...240, from wind onset)
/// and `params/<name>.json` (every parameter, the labels, the tip's path). At the end: the trainer's
/// CSV `force_wind.csv` and `contact_sheet.png`.
public struct ForceWindGenerator: DatasetGenerator {
    public static let name = "force-wind"
    public let config: ForceWindOptions
    public var streamKey: String { "force-wind" }
    public var sampleCount: Int { config.count }

    let sampler: FlagClipSampler
    let userBackgrounds: [ImageEnvironment]
    public var width: Int { config.width }
    public var height: Int { config.height }
    /// Every background name clips draw from.
    public var backgroundNames: [String] { sampler.backgrounds }

    /// The CSV the original trainer reads.
    public static let csvName = "force_wind.csv"
    public static let contactSheetName = "contact_sheet.png"

    /// Checks the options and loads the user's background images.
    public init(options: ForceWindOptions) throws {
        do {
            try options.validate()
            config = options
        } catch let error as ConfigValueError {
            throw LoomError.usage("force-wind option '\(error.key)': \(error.message)")
        }
        userBackgrounds = try config.backgrounds.map {
            try UserImages.load($0, option: "--backgrounds", kind: "background").map { ImageEnvironment(name: $0.name, image: $0.image) }
        } ?? []
        var names = !config.proceduralBackgrounds ? [] : ProceduralSky.names
        for user in userBackgrounds {
            if names.contains(user.name) {
                throw LoomError.usage("--backgrounds: the image '\(user.name)' has the name of a built-in background; rename the file")
            }
            names.append(user.name)
        }
        sampler = FlagClipSampler(windRange: config.windMin...config.windMax,
                                  maxExtraFlags: config.maxExtraFlags, backgrounds: names)
    }

    public func makeWorker() throws -> ForceWindWorker { ForceWindWorker(generator: self) }

    /// The `--backgrounds` images.
    public var assets: [URL] { config.backgrounds.map(UserImages.files) ?? [] }

    /// Draws a clip's parameters from its random stream.
    public func draw(_ random: inout RandomStream) -> FlagClip { sampler.draw(&random) }

    /// The background called `name`.
    public func environment(_ name: String) throws -> any Environment {
        if let user = userBackgrounds.first(where: { $0.name == name }) { return user }
        guard let sky = ProceduralSky.named(name) else {
            throw LoomError.usage("unknown background '\(name)'; built in: \(ProceduralSky.names.joined(separator: ", "))")
        }
        return sky
    }

    public func finish(records: [ManifestRecord], into folder: URL) throws {
        let table = ForceWindTable.csv(records)
        try table.csv.write(to: folder.appendingPathComponent(Self.csvName))
        try ContactSheet.write(records: records.prefix(config.contactSheetClips), videos: folder,
                               to: folder.appendingPathComponent(Self.contactSheetName),
                               annotate: ContactSheet.wind(speedRange: table.speedRange))
    }

    public func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        var problems: [String] = []
        if let angle = record.labels.double("wind_angle") {
            if !(0..<360).contains(angle) { problems.append("wind_angle \(angle) is outside [0, 360)") }
        } else { problems.append("label wind_angle is missing") }
        if let speed = record.labels.double("wind_speed") {
            if !(speed >= 0 && speed.isFinite) { problems.append("wind_speed \(speed) is not a speed") }
        } else { problems.append("label wind_speed is missing") }
        for key in ["video", "caption"] where record.labels.string(key) == nil { problems.append("label \(key) is missing") }
        if let caption = record.labels.string("caption") {
            let lower = caption.lowercased()
            for word in ["flag", "wind", "breeze", "flutter"] where !lower.contains(word) {
                problems.append("the caption lacks '\(word)'")
            }
        }
        let videos = record.files.filter { $0.path.hasSuffix(".mp4") }
        if videos.count != 1 { problems.append("expected one video file, found \(videos.count)") }
        return problems
    }
}
