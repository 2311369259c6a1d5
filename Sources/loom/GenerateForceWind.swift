import ForcePrompt
import LoomCore

/// `loom generate force-wind`.
enum ForceWindEntry: GeneratorEntry {
    static let summary = "Force Prompting wind clips: flags in wind (Bullet soft-body cloth, rendered, H.264), trainer CSV."
    static let abstract = "Force Prompting's wind clips: a flag on a pole in wind, Bullet soft-body cloth, rendered and encoded to H.264."
    static let discussion = """
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

    static func make(options: ForceWindOptions) throws -> ForceWindGenerator { try ForceWindGenerator(options: options) }

    static func folderName(for options: ForceWindOptions) -> String { ForceWindGenerator.name }
}
