import LoomCore
import Render

extension ForceBallsGenerator {
    /// The dataset card: the clips, the trainer's CSV, the original's prompt files, every label.
    public var card: DatasetCard {
        let range = "\(forceRange.lowerBound)–\(forceRange.upperBound) N"
        var sources = [DatasetCard.Entry("procedural grounds (\(!config.proceduralGrounds ? 0 : GroundMaterial.proceduralNames.count))",
                                         "made by SynthLoom's renderer; no third-party textures")]
        if let textures = config.textures {
            sources.append(DatasetCard.Entry("ground images in `\(textures)`", "the licence their owner gave them (SynthLoom does not know it): check before publishing"))
        }
        var files: [DatasetCard.Entry] = [
            .init("`videos/<name>.mp4`", "the clip; `<name>` = `background_<ground>_angle_<a>_force_<s>_coordx_<x>_coordy_<y>[_bowling]`, the original's pattern (`s` in newtons)"),
            .init("`params/<name>.json`", "every drawn parameter, the labels, the camera, per-frame position (m), orientation, velocity (m/s) and angular velocity (rad/s) of every ball"),
            .init("`\(Self.csvName)`", "the trainer's CSV: video, angle, force, coordx, coordy, frame, fps, seconds, width, height, caption; sorted by angle"),
            .init("`\(Self.labelsName)`", "companion table: `video` plus the labels the trainer does not read (push in N, ball, ground, frames in view, ...), in index order"),
            .init("`\(BallPrompts.soccerName)`, `\(BallPrompts.bowlingName)`", "the prompt files of the original's CSV builder: `{ground: {first_frame_path, optimized_prompt}}` for every ground"),
            .init("`\(Self.contactSheetName)`", "first and last frames of the first clips, labels drawn on"),
        ]
        if config.depth {
            files.append(.init("`depth/<name>.npy`", "float16 `(frames, height, width)`: per pixel of every video frame, the distance along the camera's view axis in metres; `inf` where the sky shows"))
        }
        if config.segmentation {
            files.append(.init("`segmentation/<name>.npy`", "uint8 `(frames, height, width)`: per pixel of every video frame, 0 ground or sky, 1 the pushed ball, 2 and up the distractors in their order in `params/<name>.json`"))
        }
        return DatasetCard(
            title: "Force Prompting point-force clips: rolling balls (SynthLoom)",
            summary: "Soccer and bowling balls pushed by a point force, simulated in Bullet with the constants of the "
                + "original Blender scene, rendered by SynthLoom's ray caster and encoded to H.264 (\(width)×\(height), "
                + "\(BallScene.frameRate) fps, \(BallScene.clipFrames.count) frames). Training data for the point-force "
                + "(\"poke\") ControlNet of Force Prompting, in its trainer's CSV format.",
            paper: "Nate Gillman, Charles Herrmann, Michael Freeman, Daksh Aggarwal, Evan Luo, Deqing Sun, Chen Sun: "
                + "*Force Prompting: Video Generation Models Can Learn and Generalize Physics-based Control Signals* "
                + "(2025), https://force-prompting.github.io, code https://github.com/brown-palm/force-prompting",
            sources: sources,
            files: files,
            labels: [
                .init("video", "the clip's file name in `videos/`"),
                .init("angle", "on-screen direction of the ball's motion, degrees counter-clockwise from image right, in [0, 360)"),
                .init("force", "push strength normalised over \(range): (strength_n − min) / (max − min), in [0, 1]"),
                .init("coordx", "the pushed ball's centre at frame 1, pixels from the left"),
                .init("coordy", "the pushed ball's centre at frame 1, pixels from the bottom (the original's convention)"),
                .init("frame", "frames in the clip"),
                .init("fps", "frames per second"),
                .init("width", "frame width, pixels"),
                .init("height", "frame height, pixels"),
                .init("caption", "the text prompt: one per ground and ball kind, never depending on the force"),
                .init("strength_n", "push strength, newtons, drawn from U(\(range))"),
                .init("field_angle_deg", "direction of the push in the ground plane, degrees"),
                .init("ball", "the pushed ball: soccer (1 kg) or bowling (4 kg)"),
                .init("ground", "ground material"),
                .init("camera_zoom", "the drawn camera zoom factor (1 = the original's default focal length)"),
                .init("distractors", "number of kinematic distractor balls"),
                .init("angle_end_frame", "the Blender frame (≤ 100) whose ball position set `angle`"),
                .init("frames_in_view_training_window", "how many of the 49 frames the trainer reads (clip frames 10–58) show the pushed ball's centre"),
            ],
            notes: [
                "The original's `generate_csv_for_plants_and_balls_from_dir.py --file_type video --file_dir videos "
                    + "--backgrounds_json_path_soccer \(BallPrompts.soccerName) --backgrounds_json_path_bowling \(BallPrompts.bowlingName)` "
                    + "runs unchanged on this folder and writes the rows of `\(Self.csvName)`.",
                "Captions are SynthLoom's templates, not the original's GPT-4o captions; labels are measured as described in docs/force-prompting.md.",
            ],
            tags: ["video", "physics", "force-prompting"])
    }
}
