import Foundation
import LoomCore
import Physics
import Render

/// The per-clip JSON: every drawn parameter, the labels, the camera, the scene constants, and the
/// per-frame state of every ball (frames 1...130).
enum ClipRecord {
    static func json(clip: BallClip, labels: BallLabels, camera: Camera, trajectory: BallTrajectory,
                     video: String, caption: String) throws -> JSONValue {
        var balls: [JSONValue] = []
        let looks = [clip.ball.look] + clip.distractors.map(\.look)
        for b in looks.indices {
            let states = trajectory.states.map { $0[b] }
            let mass = b == 0 ? (looks[b].kind == .bowling ? BallScene.bowlingMass : BallScene.soccerMass)
                              : BallScene.distractorMass
            balls.append(.object([
                ("role", .string(b == 0 ? "pushed" : "distractor")),
                ("kind", .string(looks[b].kind.rawValue)),
                ("motion", .string(b == 0 ? "kinematic until frame 22, then dynamic" : "kinematic")),
                ("mass_kg", .double(mass)),
                ("positions", rows(states.map { [$0.position.x, $0.position.y, $0.position.z] })),
                ("orientations_xyzw", rows(states.map { [$0.orientation.x, $0.orientation.y, $0.orientation.z, $0.orientation.w] })),
                ("velocities", rows(states.map { [$0.linearVelocity.x, $0.linearVelocity.y, $0.linearVelocity.z] })),
                ("angular_velocities", rows(states.map { [$0.angularVelocity.x, $0.angularVelocity.y, $0.angularVelocity.z] })),
            ]))
        }
        let field = clip.fieldPosition
        return .object([
            ("video", .string(video)),
            ("caption", .string(caption)),
            ("labels", .object([
                ("angle", .double(labels.angle)),
                ("force", .double(labels.force)),
                ("coordx", .int(labels.coordx)),
                ("coordy", .int(labels.coordy)),
                ("angle_end_frame", .int(labels.angleEndFrame)),
                ("pixel_start_xy_from_top", vector([labels.start.x, labels.start.y])),
                ("pixel_end_xy_from_top", vector([labels.end.x, labels.end.y])),
                ("frames_in_view_training_window", .int(labels.framesInViewTrainingWindow)),
            ])),
            ("clip", try JSONValue.encode(clip)),
            ("field_position", vector([field.x, field.y, field.z])),
            ("camera", Self.camera(camera)),
            ("timeline", .object([
                ("fps", .int(BallScene.frameRate)),
                ("simulated_frames", .int(BallScene.simulatedFrames)),
                ("substeps_per_frame", .int(10)),
                ("clip_frames", .array([.int(BallScene.clipFrames.lowerBound), .int(BallScene.clipFrames.upperBound)])),
                ("push_frames", .array([.int(BallScene.pushFrames.lowerBound), .int(BallScene.pushFrames.upperBound)])),
                ("label_end_frame", .int(BallScene.labelEndFrame)),
            ])),
            ("scene", .object([
                ("ground_top", .double(BallScene.groundTop)),
                ("ground_size_m", .double(BallScene.groundSize)),
                ("ball_radius", .double(BallScene.ballRadius)),
                ("ball_margin", .double(BallScene.ballMargin)),
                ("ball_surface", try JSONValue.encode(BallScene.ballSurface)),
                ("ground_surface", try JSONValue.encode(BallScene.groundSurface)),
            ])),
            ("balls", .array(balls)),
        ])
    }

    /// Rounded to 6 decimals (a micrometre, a microradian): Bullet computes in single precision.
    /// A camera as the clips' JSON records it: lens, sensor, location, rotation in degrees, size.
    static func camera(_ camera: Camera) -> JSONValue {
        .object([
            ("lens_mm", .double(camera.lensMM)),
            ("sensor_mm", .double(camera.sensorMM)),
            ("location", vector([camera.location.x, camera.location.y, camera.location.z])),
            ("rotation_deg", vector([camera.rotation.x, camera.rotation.y, camera.rotation.z].map { $0 * 180 / Double.pi })),
            ("width", .int(camera.width)),
            ("height", .int(camera.height)),
        ])
    }

    static func vector(_ values: [Double]) -> JSONValue {
        .array(values.map { .double(($0 * 1e6).rounded() / 1e6 + 0) })
    }

    static func rows(_ values: [[Double]]) -> JSONValue { .array(values.map(vector)) }
}
