import Foundation
import LoomCore
import Render

/// The per-clip JSON: the original's keys (`wind_speed`, `wind_angle`, `flag_colors`,
/// `hdri_background`), every drawn parameter, the camera, the timeline, the cloth and wind model's
/// constants, and the main flag's tip in every frame 1...240.
enum FlagRecord {
    static func json(clip: FlagClip, labels: FlagLabels, motion: FlagMotion, camera: Camera, video: String,
                     caption: String) throws -> JSONValue {
        let vector = ClipRecord.vector
        return .object([
            ("video", .string(video)),
            ("caption", .string(caption)),
            ("wind_speed", .double(labels.speed)),
            ("wind_angle", .double(clip.windAngle)),
            ("flag_colors", .object([("color1", .string(FlagPalette.name(clip.color1))),
                                     ("color2", .string(FlagPalette.name(clip.color2)))])),
            ("hdri_background", .string(clip.background)),
            ("labels", .object([
                ("wind_speed_mps", .double(clip.windSpeed)),
                ("blender_wind_yaw_deg", .double(clip.blenderYaw)),
                ("tip_displacement_px", .double(labels.tipDisplacement)),
                ("tip_speed_px_per_frame", .double(labels.tipSpeed)),
                ("max_link_stretch", .double(motion.maxStretch)),
            ])),
            ("clip", try JSONValue.encode(clip)),
            ("camera", ClipRecord.camera(camera)),
            ("timeline", .object([
                ("fps", .int(FlagScene.frameRate)),
                ("simulated_frames", .int(FlagScene.simulatedFrames)),
                ("substeps_per_frame", .int(FlagScene.substepsPerFrame)),
                ("wind_from_frame", .int(FlagScene.settleFrames + 1)),
                ("clip_frames", .array([.int(FlagScene.clipFrames.lowerBound), .int(FlagScene.clipFrames.upperBound)])),
            ])),
            ("cloth", .object([
                ("nodes", .array([.int(FlagScene.columns), .int(FlagScene.rows)])),
                ("size_m", vector([FlagScene.flagLength, FlagScene.flagHeight])),
                ("mass_kg", .double(FlagScene.clothMass)),
                ("stretch_stiffness", .double(FlagScene.stretchStiffness)),
                ("bend_stiffness", .double(FlagScene.bendStiffness)),
                ("solver_iterations", .int(FlagScene.solverIterations)),
                ("damping", .double(FlagScene.clothDamping)),
                ("wind_pressure_coefficient", .double(FlagScene.pressureCoefficient)),
                ("air_density_kg_m3", .double(1.2)),
                ("perturbation_m", .double(FlagScene.perturbation)),
                ("calibrated_wind_max_mps", .double(FlagScene.calibratedWindMax)),
            ])),
            ("tip_positions", .array(motion.tip.map { vector([$0.x, $0.y, $0.z]) })),
        ])
    }
}
