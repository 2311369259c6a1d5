import ArgumentParser
import Foundation
import ForcePrompt
import LoomCore
import Media

/// `loom generate force-wind`.
struct GenerateForceWind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-wind",
        abstract: "Force Prompting's wind clips: a flag on a pole in wind, Bullet soft-body cloth, rendered and encoded to H.264.",
        discussion: """
            Each clip follows the original Blender scene: a 1.98 x 1.04 m flag (33 x 17 cloth nodes) pinned on its pole side to a 3.66 m pole with a gold finial, seen from a jittered camera 4.9-10.9 m in front, with 0..max_extra_flags extra flags up to 50 m behind, in front of a background. Frames 1-120 settle without wind, then a constant wind blows in the image plane for frames 121-240; the clip is frames 121-240 (120 frames, 24 fps, 720x480). The wind acts through our face-pressure model (docs/force-prompting.md).

            Labels as the original: wind_angle in degrees counter-clockwise from image right (90 = up), and wind_speed in the original's units (15000 x v / 25 m/s), min-max normalised in the CSV. Quick scale makes 4 clips, paper scale 15,359.

            Built-in backgrounds: meadow_hills, city_skyline, sunset_coast, overcast_fields, night_city, snowy_mountains, desert_dunes, autumn_park; --backgrounds adds PNG or JPEG images (2:1 images are panoramas, others backdrops).

            Output in <out>/force-wind (or --name), where <name> is flag_sample_<S>_0.0_<angle>_0.0_background_<background>, the original's pattern:
              videos/<name>.mp4    the clip (H.264, yuv420p)
              params/<name>.json   parameters, labels, the flag tip in every frame
              force_wind.csv       the trainer's CSV: video, wind_speed, wind_angle,
                                   frame, fps, seconds, caption
              contact_sheet.png    first and last frames, the wind drawn on
              dataset.json, manifest.jsonl
            """
    )

    @Option(help: "Number of clips (default 4 at quick scale, 15359 at paper scale).")
    var count: Int?

    @Option(name: .customLong("wind-min"), help: "Smallest wind speed in m/s (default 0: a limp flag).")
    var windMin: Double?

    @Option(name: .customLong("wind-max"), help: "Largest wind speed in m/s (default 25, the calibrated label 1: taut and fluttering fast; at most 40).")
    var windMax: Double?

    @Option(name: .customLong("extra-flags"), help: "Most extra flags behind the main one, 0-63; each clip has U{0..N} (default 8).")
    var extraFlags: Int?

    @Option(help: "Frame width in pixels, even (default 720).")
    var width: Int?

    @Option(help: "Frame height in pixels, even (default 480).")
    var height: Int?

    @Option(help: "Samples per pixel along each axis, 1-4 (default 2: 4 samples per pixel).")
    var samples: Int?

    @Option(help: "x264 constant rate factor, 0-51 (default 23, as the original's ffmpeg).")
    var crf: Int?

    @Option(help: "x264 preset, ultrafast ... veryslow (default medium, as the original's ffmpeg).", completion: .list(VideoWriter.presets))
    var preset: String?

    @Option(help: "A folder of PNG or JPEG background images to add to the built-in backgrounds.", completion: .directory)
    var backgrounds: String?

    @Flag(name: .customLong("no-procedural"), help: "Use only the --backgrounds images.")
    var noProcedural = false

    @Option(name: .customLong("contact-sheet"), help: "Clips shown on the contact sheet (default 48).")
    var contactSheet: Int?

    @OptionGroup var file: ConfigFile

    @Option(help: "Dataset folder name under --out (default force-wind).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = ForceWindOptions()
        options = try file.load(ForceWindOptions.self, or: options)
        if let count { options.count = count }
        if let windMin { options.windMin = windMin }
        if let windMax { options.windMax = windMax }
        if let extraFlags { options.maxExtraFlags = extraFlags }
        if let width { options.width = width }
        if let height { options.height = height }
        if let samples { options.samples = samples }
        if let crf { options.crf = crf }
        if let preset { options.preset = preset }
        if let backgrounds { options.backgrounds = backgrounds }
        if noProcedural { options.proceduralBackgrounds = false }
        if let contactSheet { options.contactSheetClips = contactSheet }
        try options.validateFlags(["procedural_backgrounds": "no-procedural", "max_extra_flags": "extra-flags",
                                   "contact_sheet_clips": "contact-sheet"])
        try GeneratorRunner.run(ForceWindEntry.self, options: options, folder: name, context: common.context())
    }
}

/// The force-wind generator in the registry.
enum ForceWindEntry: GeneratorEntry {
    static let summary = "Force Prompting wind clips: flags in wind (Bullet soft-body cloth, rendered, H.264), trainer CSV."

    static func make(options: ForceWindOptions, scale: Scale) throws -> ForceWindGenerator {
        try ForceWindGenerator(options: options, scale: scale)
    }

    static func make(config: ForceWindOptions, scale: Scale) throws -> ForceWindGenerator {
        try ForceWindGenerator(options: config, scale: scale)
    }

    static func folderName(for generator: ForceWindGenerator) -> String { ForceWindGenerator.name }
}
