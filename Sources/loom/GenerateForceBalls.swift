import ForcePrompt
import LoomCore

/// `loom generate force-balls`.
enum ForceBallsEntry: GeneratorEntry {
    static let summary = "Force Prompting point-force clips: balls pushed by a point force (Bullet, rendered, H.264), trainer CSV."
    static let abstract = "Force Prompting's point-force clips: a soccer or bowling ball pushed by a point force, simulated in Bullet, rendered and encoded to H.264."
    static let discussion = """
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

    static func make(options: ForceBallsOptions) throws -> ForceBallsGenerator { try ForceBallsGenerator(options: options) }

    static func folderName(for options: ForceBallsOptions) -> String { ForceBallsGenerator.name }
}
