import Foundation

/// What the renderer draws: a camera, a square textured ground plane, a sun, a uniform grey sky and balls.
///
/// Light follows Blender's units: a sun of strength E (W/m²) gives a white diffuse surface facing it a
/// radiance of E/π, and the uniform world colour `ambient` is the sky's radiance.
public struct Scene: Sendable {
    /// The camera the scene is seen through.
    public var camera: Camera
    /// Height (z) of the ground's top surface (metres).
    public var groundHeight: Double
    /// The ground's texture.
    public var ground: GroundMaterial
    /// Side of the square ground, centred on the origin (metres).
    public var groundSize: Double
    /// How many times the texture repeats across the ground (Blender's UV scale).
    public var groundTiling: Double
    /// Unit vector pointing towards the sun.
    public var sunDirection: SIMD3<Double>
    /// Sun strength (irradiance, W/m²), as Blender's sun lamp.
    public var sunStrength: Double
    /// Angular diameter of the sun (radians); it sets how soft shadows are. Blender's default is 0.526°.
    public var sunAngle: Double
    /// Radiance of the uniform grey world (Blender's world colour × strength).
    public var ambient: Double
    /// The balls on the ground.
    public var balls: [Ball]

    /// Blender's default sun angle, 0.526°.
    public static let blenderSunAngle = 0.00918043

    /// A scene; a user's own values (e.g. Force Prompting's Blender scene, `ForcePrompt.BallScene`)
    /// are passed in, the engine keeps none.
    public init(camera: Camera, groundHeight: Double, ground: GroundMaterial, groundSize: Double, groundTiling: Double,
                sunDirection: SIMD3<Double>, sunStrength: Double, sunAngle: Double = Scene.blenderSunAngle, ambient: Double,
                balls: [Ball] = []) {
        self.camera = camera
        self.groundHeight = groundHeight
        self.ground = ground
        self.groundSize = groundSize
        self.groundTiling = groundTiling
        self.sunDirection = normalize(sunDirection)
        self.sunStrength = sunStrength
        self.sunAngle = sunAngle
        self.ambient = ambient
        self.balls = balls
    }

    /// The direction towards a Blender sun lamp with the given XYZ Euler rotation (radians).
    ///
    /// A lamp shines along its local −Z, so the sun lies along the rotated +Z axis.
    public static func sunDirection(blenderRotation r: SIMD3<Double>) -> SIMD3<Double> {
        let (cx, sx) = (cos(r.x), sin(r.x))
        let (cy, sy) = (cos(r.y), sin(r.y))
        let (cz, sz) = (cos(r.z), sin(r.z))
        // Third column of Rz·Ry·Rx.
        return SIMD3(cz * sy * cx + sz * sx, sz * sy * cx - cz * sx, cy * cx)
    }
}
