import Foundation
import Physics

/// The states of every ball over a clip's simulated frames.
public struct BallTrajectory: Sendable, Equatable {
    /// `states[f - 1][b]`: Blender frame f (1-based), ball b (0 the pushed ball, then the distractors).
    public var states: [[BodyState]]

    /// The state of ball `b` at Blender frame `frame` (1-based).
    public func state(frame: Int, ball b: Int = 0) -> BodyState { states[frame - 1][b] }

    public var frameCount: Int { states.count }
}

/// Simulates a clip in Bullet the way Blender bakes it (reference §3.2 "Timeline", §10.1).
///
/// Frame 1 is the start. The ball is kinematic (held) until frame 22, when it turns dynamic with its
/// mass; for each step that produces frames 22...45 a force of `strength` newtons pushes it through
/// its centre, away from the field point (direction recomputed from the ball's position before each
/// frame step, constant over the frame's 10 substeps); from frame 46 it rolls freely.
public enum BallSimulation {
    /// Runs `frames` frames (130 for a clip).
    ///
    /// Every clip gets a fresh `World`: Bullet's broadphase and contact caches would otherwise carry
    /// one clip's history into the next and make a clip depend on what its thread simulated before.
    public static func run(_ clip: BallClip, frames: Int = BallScene.simulatedFrames) throws -> BallTrajectory {
        let world = try World()
        let z = BallScene.ballCentreZ
        let half = BallScene.groundSize / 2
        _ = try world.addBox(halfExtents: SIMD3(half, half, 0.5), mass: 0,
                             at: SIMD3(0, 0, BallScene.groundTop - 0.5), material: BallScene.groundSurface, motion: .fixed)
        let mass = clip.kind == .bowling ? BallScene.bowlingMass : BallScene.soccerMass
        let ball = try world.addSphere(radius: BallScene.ballRadius, mass: mass, at: SIMD3(clip.ball.x, clip.ball.y, z),
                                       material: BallScene.ballSurface, motion: .kinematic)
        var bodies = [ball]
        for d in clip.distractors {
            bodies.append(try world.addSphere(radius: BallScene.ballRadius, mass: BallScene.distractorMass,
                                              at: SIMD3(d.x, d.y, z), material: BallScene.ballSurface, motion: .kinematic))
        }
        var states = [bodies.map { world.state(of: $0) }]
        states.reserveCapacity(frames)
        let field = clip.fieldPosition
        for frame in stride(from: 2, through: frames, by: 1) {
            if frame == BallScene.pushFrames.lowerBound { world.setKinematic(ball, false) }
            if BallScene.pushFrames.contains(frame) {
                let away = world.state(of: ball).position - field
                let norm = (away * away).sum().squareRoot()
                if norm > 0 { world.holdForce(away * (clip.strength / norm), on: ball) }
            }
            world.stepFrame()
            states.append(bodies.map { world.state(of: $0) })
        }
        return BallTrajectory(states: states)
    }
}
