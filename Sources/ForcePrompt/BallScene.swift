import Foundation
import Physics
import Render

/// The constants of Force Prompting's rolling-balls scene (reference §3.2 and §10.1): Blender's
/// `rolling_balls.blend` and `rolling_balls.py`, in Blender's world (metres, Z up).
public enum BallScene {
    /// Top of the 40 m × 40 m ground plane (metres, Z up).
    public static let groundTop = -0.8539
    /// Side of the square ground plane (metres).
    public static let groundSize = 40.0
    /// The ground texture repeats this many times across the plane (UVs tiled ×5).
    public static let groundTiling = 5.0
    /// The sun lamp's XYZ Euler rotation (radians): (5°, 0°, 45°).
    public static let sunRotation = SIMD3<Double>(5, 0, 45) * .pi / 180
    /// The original's sun has strength 4, but its scene setup runs twice and adds a second,
    /// identical sun (reference §3.2 "Quirk", §11.5): the released clips are lit by 2 × 4 (W/m²).
    public static let sunStrength = 8.0
    /// Blender's world grey (0.051 at strength 1): the dim ambient light's radiance.
    public static let ambient = 0.051
    /// Radius of every ball: soccer, bowling, distractors (metres).
    public static let ballRadius = 0.55
    /// Balls rest this far above the ground beyond their radius (Blender's 0.02 collision margin).
    public static let ballMargin = 0.02
    /// Height of a resting ball's centre: ground + radius + margin (the .blend's −0.2827, within 1.2 mm).
    public static var ballCentreZ: Double { groundTop + ballRadius + ballMargin }

    /// Ball rigid body: friction 0.5, restitution 0.5, damping 0.04 / 0.1, margin 0.02.
    public static let ballSurface = SurfaceMaterial(friction: 0.5, restitution: 0.5, linearDamping: 0.04,
                                                    angularDamping: 0.1, margin: ballMargin)
    /// Ground rigid body: friction 0.8, restitution 0 (so μ = 0.4 and e = 0 against a ball).
    public static let groundSurface = SurfaceMaterial(friction: 0.8, restitution: 0, margin: 0.04)
    /// The soccer ball's mass (kg).
    public static let soccerMass = 1.0
    /// The bowling ball's mass (kg).
    public static let bowlingMass = 4.0
    /// Distractors are kinematic; their mass only matters to Bullet's bookkeeping.
    public static let distractorMass = 1.0

    /// Frames simulated (Blender frames 1...130).
    public static let simulatedFrames = 130
    /// The clip is Blender frames 11...130: 120 frames.
    public static let clipFrames = 11...130
    /// The ball turns dynamic and the push starts at frame 22, and lasts 24 frames (1 s).
    public static let pushFrames = 22...45
    /// The angle label is the on-screen motion from frame 1 to this frame.
    public static let labelEndFrame = 100
    /// Frames per second of the clip.
    public static let frameRate = 24

    /// The force field sits this far from the ball, at height `fieldHeight`.
    public static let fieldDistance = 0.5
    /// Height of the force field's point (metres).
    public static let fieldHeight = 0.0

    /// Spawn region before zoom scaling: corners (x, y) in the order the bilinear map uses.
    public static let spawnQuad: [SIMD2<Double>] = [SIMD2(-10, -10), SIMD2(10, -10), SIMD2(5, 4.3), SIMD2(-5, 4.3)]
    /// Camera zoom is drawn from U(0, maxZoom).
    public static let maxZoom = 0.6

    /// The camera: lens 33.441 mm on a 36 mm sensor at (0, 10, 10), rotated (45°, 0, 180°), moved
    /// toward the point of its view ray nearest the origin by `zoom` of that distance.
    public static func camera(zoom: Double, width: Int, height: Int) -> Camera {
        var camera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10),
                            rotation: SIMD3(45 * Double.pi / 180, 0, Double.pi), width: width, height: height)
        let forward = camera.forward
        let travel = -(camera.location * forward).sum()
        camera.location += forward * (travel * zoom)
        return camera
    }

    /// The spawn quad for a zoom: the base quad scaled by 0.75·(1 − zoom).
    public static func spawnCorners(zoom: Double) -> [SIMD2<Double>] {
        spawnQuad.map { $0 * (0.75 * (1 - zoom)) }
    }

    /// The point `(u, v)` of the unit square mapped bilinearly onto a quad.
    public static func bilinear(_ c: [SIMD2<Double>], u: Double, v: Double) -> SIMD2<Double> {
        let a = (1 - u) * (1 - v), b = u * (1 - v), d = u * v, e = (1 - u) * v
        return a * c[0] + b * c[1] + d * c[2] + e * c[3]
    }
}
