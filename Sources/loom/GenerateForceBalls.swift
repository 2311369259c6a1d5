import ArgumentParser
import Foundation
import ForcePrompt
import LoomCore
import Media

/// `loom generate force-balls`.
struct GenerateForceBalls: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-balls",
        abstract: "Force Prompting's point-force clips: a soccer or bowling ball pushed by a point force, simulated in Bullet, rendered and encoded to H.264.",
        discussion: """
            Each clip follows the original Blender scene: a 1 kg soccer ball (or, with p = 1/3, a 4 kg bowling ball) held still until frame 22, pushed for frames 22-45 by U(force_min, force_max) newtons away from a field point 0.5 m from it, then rolling freely, among 1-3 kinematic distractor balls, under a random camera zoom, on a random ground. 130 frames are simulated at 240 Hz; the clip is frames 11-130 (120 frames, 24 fps, 720x480).

            Labels as the original: the on-screen angle of the ball's motion from frame 1 to 100, the force normalised to [0, 1] over the force range, and the ball's pixel at frame 1 (y from the bottom). Quick scale makes 4 clips, paper scale 12,000.

            Output in <out>/force-balls (or --name), where <name> is background_<ground>_angle_<a>_force_<s>_coordx_<x>_coordy_<y>[_bowling], the original's pattern:
              videos/<name>.mp4    the clip (H.264, yuv420p)
              params/<name>.json   parameters, labels, every ball's state per frame
              force_balls.csv      the trainer's CSV: video, angle, force, coordx,
                                   coordy, frame, fps, seconds, width, height, caption
              force_balls_labels.csv  companion table: the labels the trainer does
                                   not read (push in N, ball, ground, frames in view)
              backgrounds_soccer.json, backgrounds_bowling.json
                                   the prompt files of the original's CSV builder
              contact_sheet.png    first and last frames, labels drawn on
              dataset.json, manifest.jsonl, README.md (dataset card),
              metadata.jsonl (Hugging Face videofolder labels)
            """
    )

    @Option(help: "Number of clips (default 4 at quick scale, 12000 at paper scale).")
    var count: Int?

    @Option(name: .customLong("force-min"), help: "Smallest push in newtons (default 8).")
    var forceMin: Double?

    @Option(name: .customLong("force-max"), help: "Largest push in newtons (default 64).")
    var forceMax: Double?

    @Option(help: "Frame width in pixels, even (default 720).")
    var width: Int?

    @Option(help: "Frame height in pixels, even (default 480).")
    var height: Int?

    @Option(help: "Renderer samples per pixel (default 4).")
    var samples: Int?

    @Option(help: "x264 constant rate factor, 0-51 (default 23, as the original's ffmpeg).")
    var crf: Int?

    @Option(help: "x264 preset, ultrafast ... veryslow (default medium, as the original's ffmpeg).", completion: .list(VideoWriter.presets))
    var preset: String?

    @Option(help: "A folder of PNG or JPEG ground images to add to the built-in grounds.", completion: .directory)
    var textures: String?

    @Flag(name: .customLong("no-procedural"), help: "Use only the --textures images as grounds.")
    var noProcedural = false

    @Option(name: .customLong("contact-sheet"), help: "Clips shown on the contact sheet (default 48).")
    var contactSheet: Int?

    @Flag(name: .customLong("in-view-only"), help: "List in the trainer's CSV only the clips whose pushed ball is in view in all 49 frames the trainer reads (default: every clip; the companion table lists all).")
    var inViewOnly = false

    @Flag(help: "Also write each clip's depth map, depth/<name>.npy: float16 metres along the view axis per pixel and frame, inf for the sky (default: off).")
    var depth = false

    @Flag(help: "Also write each clip's instance segmentation, segmentation/<name>.npy: uint8 per pixel and frame, 0 ground or sky, 1 the pushed ball, 2 and up the distractors (default: off).")
    var segmentation = false

    @OptionGroup var file: ConfigFile

    @Option(help: "Dataset folder name under --out (default force-balls).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = ForceBallsOptions()
        options = try file.load(ForceBallsOptions.self, or: options)
        if let count { options.count = count }
        if let forceMin { options.forceMin = forceMin }
        if let forceMax { options.forceMax = forceMax }
        if let width { options.width = width }
        if let height { options.height = height }
        if let samples { options.samples = samples }
        if let crf { options.crf = crf }
        if let preset { options.preset = preset }
        if let textures { options.textures = textures }
        if noProcedural { options.proceduralGrounds = false }
        if let contactSheet { options.contactSheetClips = contactSheet }
        if inViewOnly { options.inViewOnly = true }
        if depth { options.depth = true }
        if segmentation { options.segmentation = true }
        try options.validateFlags(["procedural_grounds": "no-procedural"])
        try GeneratorRunner.run(ForceBallsEntry.self, options: options, folder: name, context: common.context())
    }
}

/// The force-balls generator in the registry.
enum ForceBallsEntry: GeneratorEntry {
    static let summary = "Force Prompting point-force clips: balls pushed by a point force (Bullet, rendered, H.264), trainer CSV."

    static func make(options: ForceBallsOptions, scale: Scale) throws -> ForceBallsGenerator {
        try ForceBallsGenerator(options: options, scale: scale)
    }

    static func make(config: ForceBallsOptions, scale: Scale) throws -> ForceBallsGenerator {
        try ForceBallsGenerator(options: config, scale: scale)
    }

    static func folderName(for generator: ForceBallsGenerator) -> String { ForceBallsGenerator.name }
}
