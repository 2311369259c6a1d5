import Foundation
import LoomCore

/// Everything drawn for one flag clip: the wind, the background, the colours, the camera and the
/// extra flags. The simulation and the render follow from it alone.
public struct FlagClip: Sendable, Equatable, Codable {
    /// A flag behind the main one: where its pole stands, its colour, and its patch's resolution.
    public struct Extra: Sendable, Equatable, Codable {
        public var base: [Double]
        public var color: Int
        public var columns: Int
        public var rows: Int
    }

    /// Wind speed (m/s).
    public var windSpeed: Double
    /// θ in degrees: the wind's direction in the image, counter-clockwise from right (90° = up).
    public var windAngle: Double
    /// The background environment's name.
    public var background: String
    /// Palette indices of the two colours drawn (only the first shows, as in the original).
    public var color1: Int
    public var color2: Int
    /// Camera location after jitter (metres).
    public var camera: [Double]
    /// Seeds the nodes' out-of-plane jitter.
    public var perturbationKey: UInt64
    public var extras: [Extra]

    public enum CodingKeys: String, CodingKey {
        case windSpeed = "wind_speed_mps"
        case windAngle = "wind_angle_deg"
        case background
        case color1 = "color1"
        case color2 = "color2"
        case camera = "camera_location"
        case perturbationKey = "perturbation_key"
        case extras = "extra_flags"
    }

    public var cameraLocation: SIMD3<Double> { SIMD3(camera[0], camera[1], camera[2]) }

    /// The original's Blender wind yaw a, with θ = (90° − a) mod 360.
    public var blenderYaw: Double { (90 - windAngle + 360).truncatingRemainder(dividingBy: 360) }
}

/// Draws flag clips as the original's `waving_flags.py` does (reference §4.2), with the wind speed in
/// m/s up to a calibrated maximum instead of Blender's 0-15000.
public struct FlagClipSampler: Sendable {
    public let windRange: ClosedRange<Double>
    public let maxExtraFlags: Int
    public let backgrounds: [String]

    public init(windRange: ClosedRange<Double>, maxExtraFlags: Int, backgrounds: [String]) {
        precondition(!backgrounds.isEmpty, "at least one background")
        self.windRange = windRange
        self.maxExtraFlags = maxExtraFlags
        self.backgrounds = backgrounds
    }

    public func draw(_ random: inout RandomStream) -> FlagClip {
        let background = backgrounds[random.integer(below: backgrounds.count)]
        let color1 = random.integer(below: FlagPalette.count)
        var color2 = random.integer(below: FlagPalette.count - 1)
        if color2 >= color1 { color2 += 1 }
        let speed = random.uniform(windRange.lowerBound, windRange.upperBound)
        let yaw = random.uniform(0, 360)
        let angle = (90 - yaw + 360).truncatingRemainder(dividingBy: 360)
        var camera = FlagScene.cameraLocation
        let oldY = camera.y
        camera.y += random.uniform(FlagScene.jitterY.lowerBound, FlagScene.jitterY.upperBound)
        let k = camera.y / oldY
        camera.x += random.uniform(FlagScene.jitterX.lowerBound, FlagScene.jitterX.upperBound) * k
        camera.z += random.uniform(FlagScene.jitterZ.lowerBound, FlagScene.jitterZ.upperBound) * k
        let extras = drawExtras(&random, camera: camera)
        return FlagClip(windSpeed: speed, windAngle: angle, background: background, color1: color1, color2: color2,
                        camera: [camera.x, camera.y, camera.z], perturbationKey: random.next(), extras: extras)
    }

    /// n ~ U{0...K} extra flags: x ~ U(cam_x ∓ 2|cam_y|), y ~ U(0, 50) behind, z ~ U(−y·α/50, y·α/32)
    /// with α = 2|cam_y|, each at least 0.5 m in x from the others (else dropped after 100 tries).
    func drawExtras(_ random: inout RandomStream, camera: SIMD3<Double>) -> [FlagClip.Extra] {
        let count = random.integer(below: maxExtraFlags + 1)
        let alpha = 2 * abs(camera.y)
        var extras: [FlagClip.Extra] = [], taken: [Double] = []
        for _ in 0..<count {
            for _ in 0..<FlagScene.extraTries {
                let x = random.uniform(camera.x - alpha, camera.x + alpha)
                let y = random.uniform(0, FlagScene.extraDepth)
                let z = random.uniform(-y * alpha / 50, y * alpha / 32)
                let color = random.integer(below: FlagPalette.count)
                guard taken.allSatisfy({ abs($0 - x) >= FlagScene.extraSpacing }) else { continue }
                taken.append(x)
                let distance = y + FlagScene.flagCentre.y - camera.y
                let (columns, rows) = distance < FlagScene.coarseDistance ? (FlagScene.columns, FlagScene.rows)
                    : distance < FlagScene.coarsestDistance ? (17, 9) : (9, 5)
                extras.append(FlagClip.Extra(base: [x, y, z], color: color, columns: columns, rows: rows))
                break
            }
        }
        return extras
    }
}
