import Foundation
import LoomCore
import Physics
import Testing
@testable import ForcePrompt

/// A clip with one soccer ball at `(x, y)`, the field at angle `phi`, and no distractors.
func singleBallClip(x: Double = 0, y: Double = -3, phi: Double, strength: Double, zoom: Double = 0.3,
                    kind: BallClip.Kind = .soccer, distractors: [BallClip.Placed] = []) -> BallClip {
    let look = kind == .soccer ? BallClip.Look(kind: .soccer, hue: 1, saturation: 1, value: 1)
                               : BallClip.Look(kind: .bowling, colorName: "royal blue", color: [0, 0, 1])
    return BallClip(ball: BallClip.Placed(x: x, y: y, look: look), fieldAngle: phi, strength: strength, zoom: zoom,
                    distractors: distractors, ground: "grass")
}

@Test func theBallWaitsThenRollsAwayFromTheFieldPoint() throws {
    let clip = singleBallClip(phi: 30, strength: 8)
    let run = try BallSimulation.run(clip)
    #expect(run.frameCount == 130)
    let start = run.state(frame: 1).position
    #expect(abs(start.z - BallScene.ballCentreZ) < 1e-6)
    // Held still through frame 21.
    for f in 1...21 { #expect(run.state(frame: f).position == start) }
    #expect(run.state(frame: 22).position != start)
    // It rolls along the line from the field point through the ball: toward 210°.
    let moved = run.state(frame: 100).position - start
    let heading = atan2(moved.y, moved.x) * 180 / Double.pi + 360
    #expect(abs(heading - 210) < 0.2, "heading \(heading)")
    #expect((moved * moved).sum().squareRoot() > 5)
    #expect(abs(run.state(frame: 100).position.z - BallScene.ballCentreZ) < 0.01)
    // Pushed for frames 22-45, then only damping and rolling: the speed peaks at frame 45.
    let speeds = (1...130).map { f -> Double in let v = run.state(frame: f).linearVelocity; return (v * v).sum().squareRoot() }
    #expect(speeds.firstIndex(of: speeds.max()!)! + 1 == 45)
}

@Test func theBowlingBallRollsLessFarThanTheSoccerBall() throws {
    let soccer = try BallSimulation.run(singleBallClip(phi: 90, strength: 30))
    let bowling = try BallSimulation.run(singleBallClip(phi: 90, strength: 30, kind: .bowling))
    func travelled(_ t: BallTrajectory) -> Double {
        let d = t.state(frame: 100).position - t.state(frame: 1).position
        return (d * d).sum().squareRoot()
    }
    #expect(travelled(bowling) < 0.3 * travelled(soccer))
    #expect(travelled(bowling) > 0.5)
}

@Test func aClipSimulatesTheSameBitForBit() throws {
    var random = RandomStream(seed: 11, dataset: "test/sim", index: 2)
    let clip = BallClipSampler(forceRange: 8...64, grounds: ["grass"]).draw(&random)
    #expect(try BallSimulation.run(clip) == BallSimulation.run(clip))
}

@Test func aDistractorStopsTheBall() throws {
    let wall = BallClip.Placed(x: -3, y: -3, look: BallClip.Look(kind: .soccer, hue: 1, saturation: 1, value: 1))
    let run = try BallSimulation.run(singleBallClip(phi: 0, strength: 30, distractors: [wall]))
    // Pushed toward −x into the kinematic distractor 3 m away: it never passes it.
    for f in 1...130 { #expect(run.state(frame: f).position.x > -3 + 1.0) }
    #expect(run.state(frame: 130, ball: 1).position == run.state(frame: 1, ball: 1).position)
}

@Test func labelsFollowTheOriginalsConventions() throws {
    let camera = BallScene.camera(zoom: 0.3, width: 720, height: 480)
    func labels(_ clip: BallClip) throws -> (BallLabels, BallTrajectory) {
        let run = try BallSimulation.run(clip)
        return (BallLabels.compute(run, camera: camera, strength: clip.strength, forceRange: 8...64), run)
    }
    // The camera looks toward −Y, so world −x is image right (0°) and +y, toward the camera, is down (270°).
    let (right, run) = try labels(singleBallClip(phi: 0, strength: 12, kind: .bowling))
    #expect(right.angle < 0.5 || right.angle > 359.5, "\(right.angle)")
    #expect(right.angleEndFrame == 100)
    #expect(abs(right.force - 4.0 / 56) < 1e-12)
    let p = camera.project(run.state(frame: 1).position)!
    #expect(right.coordx == Int(p.x.rounded()))
    #expect(right.coordy == 480 - Int(p.y.rounded()))
    let (down, _) = try labels(singleBallClip(phi: 270, strength: 8, kind: .bowling))
    #expect(abs(down.angle - 270) < 0.5, "\(down.angle)")
    // A 12 N push rolls a soccer ball off the ground's edge at x = 20 m before frame 100: the label
    // uses the last frame it rolls on the ground, and still points left.
    let (left, fell) = try labels(singleBallClip(phi: 180, strength: 12))
    #expect(abs(left.angle - 180) < 0.5, "\(left.angle)")
    #expect(left.angleEndFrame < 100)
    #expect(fell.state(frame: left.angleEndFrame + 1).position.z < BallScene.ballCentreZ - 0.05)
}

@Test func aBallRollingPastTheCameraIsNotMirrored() throws {
    // Full zoom and the hardest push toward the camera: by frame 100 the ball is behind it.
    let clip = singleBallClip(x: 0.5, y: 1, phi: 265, strength: 64, zoom: 0.59)
    let run = try BallSimulation.run(clip)
    let camera = BallScene.camera(zoom: clip.zoom, width: 720, height: 480)
    #expect(camera.project(run.state(frame: 100).position) == nil)
    let labels = BallLabels.compute(run, camera: camera, strength: 64, forceRange: 8...64)
    #expect(labels.angleEndFrame < 100)
    // The direction of the early, visible motion (frames 1 to 30): downward on screen.
    let early = camera.project(run.state(frame: 30).position)! - camera.project(run.state(frame: 1).position)!
    let earlyAngle = (atan2(-early.y, early.x) * 180 / Double.pi + 360).truncatingRemainder(dividingBy: 360)
    #expect(abs(labels.angle - earlyAngle) < 0.5, "label \(labels.angle), motion \(earlyAngle)")
    #expect(labels.angle > 180)
}
