import Foundation

/// A pinhole camera given the way Blender gives it: lens in mm on a 36 mm-wide sensor (auto fit),
/// location, and an XYZ Euler rotation. World axes are Blender's: Z up.
///
/// With no rotation the camera looks down −Z with +Y up in the image; `rotation` (radians) turns it
/// by X, then Y, then Z about the world axes (`R = Rz·Ry·Rx`).
public struct Camera: Sendable, Equatable {
    /// Focal length (mm).
    public var lensMM: Double
    /// Sensor width (mm); 36 is Blender's default.
    public var sensorMM: Double
    /// Position in world coordinates (metres, Z up).
    public var location: SIMD3<Double>
    /// XYZ Euler angles (radians), applied as `R = Rz·Ry·Rx`.
    public var rotation: SIMD3<Double>
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int

    /// A camera as Blender gives it.
    public init(lensMM: Double, sensorMM: Double = 36, location: SIMD3<Double>, rotation: SIMD3<Double>,
                width: Int, height: Int) {
        self.lensMM = lensMM
        self.sensorMM = sensorMM
        self.location = location
        self.rotation = rotation
        self.width = width
        self.height = height
    }

    /// Focal length in pixels (the sensor spans the larger image side).
    public var focalPixels: Double {
        lensMM / sensorMM * Double(max(width, height))
    }

    /// Columns of the camera-to-world rotation: the camera's right, up and backward axes in world space.
    public var axes: (right: SIMD3<Double>, up: SIMD3<Double>, back: SIMD3<Double>) {
        let (cx, sx) = (cos(rotation.x), sin(rotation.x))
        let (cy, sy) = (cos(rotation.y), sin(rotation.y))
        let (cz, sz) = (cos(rotation.z), sin(rotation.z))
        // R = Rz * Ry * Rx, column by column.
        let right = SIMD3(cz * cy, sz * cy, -sy)
        let up = SIMD3(cz * sy * sx - sz * cx, sz * sy * sx + cz * cx, cy * sx)
        let back = SIMD3(cz * sy * cx + sz * sx, sz * sy * cx - cz * sx, cy * cx)
        return (right, up, back)
    }

    /// The unit direction the camera looks along.
    public var forward: SIMD3<Double> { -axes.back }

    /// Pixel coordinates of a world point: x from the left, y from the top, pixel (i, j) covering
    /// [i, i+1) × [j, j+1). Nil when the point is not in front of the camera.
    public func project(_ point: SIMD3<Double>) -> SIMD2<Double>? {
        let (right, up, back) = axes
        let d = point - location
        let depth = -(d * back).sum()
        guard depth > 1e-9 else { return nil }
        let f = focalPixels
        return SIMD2(Double(width) / 2 + f * (d * right).sum() / depth,
                     Double(height) / 2 - f * (d * up).sum() / depth)
    }

    /// The world-space ray through pixel coordinates (x, y) as `project` defines them.
    public func ray(x: Double, y: Double) -> (origin: SIMD3<Double>, direction: SIMD3<Double>) {
        let (right, up, back) = axes
        let f = focalPixels
        let d = right * (x - Double(width) / 2) + up * (Double(height) / 2 - y) - back * f
        return (location, d / (d * d).sum().squareRoot())
    }
}
