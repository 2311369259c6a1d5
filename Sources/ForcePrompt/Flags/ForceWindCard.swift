import LoomCore

extension ForceWindGenerator {
    /// The dataset card: the flag clips, the trainer's CSV, the backgrounds, every label.
    public var card: DatasetCard {
        let full = Int(FlagScene.originalWindMax)
        var sources = [DatasetCard.Entry("procedural backgrounds (\(!config.proceduralBackgrounds ? 0 : backgroundNames.count - userBackgrounds.count))",
                                         "made by SynthLoom's renderer; no third-party images (the original's Poly Haven HDRIs are not redistributable here)")]
        if let backgrounds = config.backgrounds {
            sources.append(.init("background images in `\(backgrounds)`", "the licence their owner gave them (SynthLoom does not know it): check before publishing"))
        }
        return DatasetCard(
            title: "Force Prompting wind clips: flags in the wind (SynthLoom)",
            summary: "A cloth flag on a pole (and up to \(config.maxExtraFlags) more in the distance) settles for \(FlagScene.settleFrames) frames, "
                + "then a wind of fixed speed and direction blows; simulated as Bullet soft-body cloth with a face-pressure wind, rendered by "
                + "SynthLoom's rasterizer and encoded to H.264 (\(width)×\(height), \(FlagScene.frameRate) fps, the \(FlagScene.clipFrames.count) "
                + "frames from wind onset). Training data for the wind ControlNet of Force Prompting, in its trainer's CSV format.",
            paper: "Nate Gillman, Charles Herrmann, Michael Freeman, Daksh Aggarwal, Evan Luo, Deqing Sun, Chen Sun: "
                + "*Force Prompting: Video Generation Models Can Learn and Generalize Physics-based Control Signals* "
                + "(2025), https://force-prompting.github.io, code https://github.com/brown-palm/force-prompting",
            sources: sources,
            files: [
                .init("`videos/<name>.mp4`", "the clip; `<name>` = `flag_sample_<speed>_0.0_<angle>_0.0_background_<background>`, the original's pattern (speed in the original's units, 1 decimal)"),
                .init("`params/<name>.json`", "every drawn parameter (wind in m/s and the original's units, colours, camera, extra flags) and the measured labels"),
                .init("`\(Self.csvName)`", "the trainer's CSV: video, wind_speed (min-max normalised over the clips, 4 decimals), wind_angle, frame, fps, seconds, caption; sorted by speed"),
                .init("`\(Self.contactSheetName)`", "first and last frames of the first clips, labels drawn on"),
            ],
            labels: [
                .init("video", "the clip's file name in `videos/`"),
                .init("wind_speed", "wind strength in the original's Blender units: \(full) × wind_speed_mps / \(Int(FlagScene.calibratedWindMax))"),
                .init("wind_angle", "the wind's direction in the image, degrees counter-clockwise from image right (90 = up), in [0, 360)"),
                .init("frame", "frames in the clip"),
                .init("fps", "frames per second"),
                .init("width", "frame width, pixels"),
                .init("height", "frame height, pixels"),
                .init("caption", "the text prompt: one per background, never depending on the wind"),
                .init("wind_speed_mps", "the simulated wind speed, m/s (\(Int(FlagScene.calibratedWindMax)) m/s is label \(full))"),
                .init("blender_wind_yaw_deg", "the original's Blender wind-field yaw a, with wind_angle = (90 − a) mod 360, degrees"),
                .init("background", "the background environment"),
                .init("flag_color", "the main flag's colour (the original's palette name)"),
                .init("extra_flags", "number of extra flags in the distance"),
                .init("tip_displacement_px", "mean on-screen distance of the main flag's tip from where it hung at wind onset, over the clip, pixels"),
                .init("tip_speed_px_per_frame", "mean on-screen distance the tip moves from one frame to the next, pixels per frame"),
                .init("max_link_stretch", "the main flag's largest cloth link length over its rest length (beyond \(FlagSimulation.stretchLimit) the run stops with an error naming the clip: a blown-up simulation is never kept)"),
            ],
            notes: [
                "Blender's cloth is its own implicit solver; this is Bullet soft-body cloth with SynthLoom's own face-pressure wind, calibrated so that label \(full) is \(Int(FlagScene.calibratedWindMax)) m/s (docs/force-prompting.md).",
                "Captions are SynthLoom's templates, not the original's GPT-4o captions.",
            ],
            tags: ["video", "physics", "cloth", "force-prompting"])
    }
}
