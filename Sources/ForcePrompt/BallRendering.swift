import Render

/// Turns a simulated clip into the renderer's scenes.
enum BallRendering {
    /// A ball's material.
    static func material(_ look: BallClip.Look) -> SphereMaterial {
        switch look.kind {
        case .soccer:
            return .soccer(hue: look.hue ?? 1, saturation: look.saturation ?? 1, value: look.value ?? 1)
        case .bowling:
            let c = look.color ?? [0, 0, 0]
            return .bowling(color: SIMD3(c[0], c[1], c[2]))
        }
    }

    /// The scene at Blender frame `frame`.
    static func scene(_ clip: BallClip, _ trajectory: BallTrajectory, frame: Int, camera: Camera,
                      ground: GroundMaterial) -> Scene {
        let looks = [clip.ball.look] + clip.distractors.map(\.look)
        let balls = looks.indices.map { b in
            let state = trajectory.state(frame: frame, ball: b)
            return Ball(center: state.position, radius: BallScene.ballRadius, orientation: state.orientation,
                        material: material(looks[b]), id: b)
        }
        return Scene(camera: camera, groundHeight: BallScene.groundTop, ground: ground,
                     groundSize: BallScene.groundSize, groundTiling: BallScene.groundTiling,
                     sunDirection: Scene.sunDirection(blenderRotation: BallScene.sunRotation),
                     sunStrength: BallScene.sunStrength, ambient: BallScene.ambient, balls: balls)
    }
}
