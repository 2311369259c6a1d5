import Foundation
import Render

/// A clip's training labels, as the original computes them (reference §3.2 "Labels written per clip").
public struct BallLabels: Sendable, Equatable {
    /// Direction of the ball's on-screen motion from frame 1 to frame 100: atan2(−Δrow, Δcol) in
    /// degrees, counter-clockwise from image right, in [0, 360).
    public var angle: Double
    /// The frame whose position set `angle`: 100, or the last frame before it with the ball still on
    /// the ground in front of the camera (see `compute`).
    public var angleEndFrame: Int
    /// The ball's centre at frame 1 in pixels, x from the left and y from the bottom, rounded half to
    /// even as Python's `round` (the original rounds the row from the top, then flips it).
    public var coordx: Int
    public var coordy: Int
    /// The push strength normalised to [0, 1] over the dataset's force range: (s − 8)/56 by default.
    public var force: Double
    /// The ball centre's pixel position (x from the left, y from the top) at frame 1 and at `angleEndFrame`.
    public var start: SIMD2<Double>
    public var end: SIMD2<Double>
    /// How many of the 49 frames the trainer reads (Blender frames 21...69) show the ball's centre.
    public var framesInViewTrainingWindow: Int

    /// The projection of a ball centre that is on the ground (not fallen off its edge) and in front of the camera.
    static func usable(_ p: SIMD3<Double>, _ camera: Camera) -> SIMD2<Double>? {
        p.z > BallScene.ballCentreZ - 0.05 ? camera.project(p) : nil
    }

    /// Blender frames the trainer reads: mp4 frames 10...58 of the clip.
    public static let trainingWindow = 21...69

    /// Labels from a simulated trajectory seen by `camera`.
    ///
    /// The original measures the angle between the ball's projections at frames 1 and 100. Two
    /// things spoil that for hard pushes: Blender's `world_to_camera_view` mirrors a point behind
    /// the camera, so a ball that rolled past the camera got the opposite angle; and a ball that
    /// rolled off the 40 m ground is falling at frame 100, which bends its on-screen path. Up to
    /// then the ball rolls along a straight line on the ground (away from the field point), and a
    /// line projects to a line, so we take the last frame up to 100 at which the ball is still on
    /// the ground and in front of the camera: the same direction, never mirrored or bent.
    public static func compute(_ trajectory: BallTrajectory, camera: Camera, strength: Double,
                               forceRange: ClosedRange<Double>) -> BallLabels {
        let start = camera.project(trajectory.state(frame: 1).position) ?? SIMD2(0, 0)
        var endFrame = min(BallScene.labelEndFrame, trajectory.frameCount)
        var end = usable(trajectory.state(frame: endFrame).position, camera)
        while end == nil, endFrame > 1 {
            endFrame -= 1
            end = usable(trajectory.state(frame: endFrame).position, camera)
        }
        let delta = (end ?? start) - start
        var angle = atan2(-delta.y, delta.x) * 180 / Double.pi
        angle = angle.truncatingRemainder(dividingBy: 360)
        if angle < 0 { angle += 360 }
        if angle >= 360 { angle = 0 }
        let inView = trainingWindow.filter { f in
            guard f <= trajectory.frameCount, let p = camera.project(trajectory.state(frame: f).position) else { return false }
            return p.x >= 0 && p.y >= 0 && p.x < Double(camera.width) && p.y < Double(camera.height)
        }.count
        let span = forceRange.upperBound - forceRange.lowerBound
        return BallLabels(angle: angle, angleEndFrame: endFrame,
                          coordx: Int(start.x.rounded(.toNearestOrEven)),
                          coordy: camera.height - Int(start.y.rounded(.toNearestOrEven)),
                          force: (strength - forceRange.lowerBound) / span, start: start, end: end ?? start,
                          framesInViewTrainingWindow: inView)
    }
}
