import Foundation
import LoomCore

/// The point-force control signal the Force Prompting trainer builds from a CSV row (reference §5.2):
/// 49 frames × 3 channels × 480 × 720, one Gaussian blob (σ = 20 px, peak 1, on 0, the same in all
/// channels) moving at constant speed in a straight line from the poke pixel in the force direction,
/// 90 + 270·f pixels over the clip.
public struct PointControl: Sendable, Equatable {
    /// Force direction in degrees, counter-clockwise from image right (90° = up).
    public var angle: Double
    /// Normalised force f in [0, 1].
    public var force: Double
    /// Where the blob starts across the image, a fraction 0-1 from the left.
    public var xFraction: Double
    /// Where the blob starts up the image, a fraction 0-1 from the bottom.
    public var yFraction: Double

    /// Frames of the control signal (the trainer's 49).
    public static let frames = 49
    /// Channels of each frame (the blob in all three).
    public static let channels = 3
    /// Frame height (pixels).
    public static let height = 480
    /// Frame width (pixels).
    public static let width = 720
    /// Standard deviation of the Gaussian blob (pixels).
    public static let sigma = 20.0

    /// A control from the CSV's four numbers; `coordx`/`coordy` are pixels of an image of
    /// `imageWidth` × `imageHeight` with y counted from the bottom.
    public init(angle: Double, force: Double, coordx: Double, coordy: Double,
                imageWidth: Double = 720, imageHeight: Double = 480) {
        self.angle = angle
        self.force = force
        xFraction = coordx / imageWidth
        yFraction = coordy / imageHeight
    }

    /// The blob's start: column and row (rows from the top) of the 720 × 480 control frame.
    public var start: SIMD2<Double> {
        SIMD2(xFraction * Double(Self.width), (1 - yFraction) * Double(Self.height))
    }

    /// How far the blob travels: W/8 + (W/2 − W/8)·f.
    public var travel: Double {
        let w = Double(Self.width)
        return w / 8 + (w / 2 - w / 8) * force
    }

    /// The blob's centre in frame `k` (0...48), column and row from the top.
    public func centre(frame k: Int) -> SIMD2<Double> {
        let theta = angle * Double.pi / 180
        let end = start + SIMD2(travel * cos(theta), -travel * sin(theta))
        let t = Double(k) / Double(Self.frames - 1)
        return start * (1 - t) + end * t
    }

    /// One channel of frame `k`: H × W values, rows from the top. Pixel (i, j) sits at column i, row j.
    public func frame(_ k: Int) -> [Float] {
        let c = centre(frame: k)
        let scale = -1 / (2 * Self.sigma * Self.sigma)
        // exp(−(dx² + dy²)/2σ²) = exp(−dx²/2σ²)·exp(−dy²/2σ²): two vectors instead of H·W exponentials.
        let columns = (0..<Self.width).map { i -> Double in let d = Double(i) - c.x; return exp(d * d * scale) }
        let rows = (0..<Self.height).map { j -> Double in let d = Double(j) - c.y; return exp(d * d * scale) }
        var out = [Float](repeating: 0, count: Self.width * Self.height)
        for j in 0..<Self.height where rows[j] > 0 {
            let r = rows[j]
            for i in 0..<Self.width { out[j * Self.width + i] = Float(r * columns[i]) }
        }
        return out
    }

    /// Writes the whole (49, 3, 480, 720) float32 tensor as `.npy`, frame by frame.
    public func writeNpy(to url: URL) throws {
        let writer = try NpyStreamWriter(url: url, elementType: Float.self,
                                         shape: [Self.frames, Self.channels, Self.height, Self.width])
        for k in 0..<Self.frames {
            let map = frame(k)
            try map.withUnsafeBytes { bytes in
                for _ in 0..<Self.channels { try writer.append(bytes) }
            }
        }
        try writer.finish()
    }

    /// Frame `k` as an 8-bit grey image (value × 255), for viewing.
    public func image(_ k: Int) -> RGBImage {
        let map = frame(k)
        var pixels = [UInt8](repeating: 0, count: map.count * 3)
        for (i, v) in map.enumerated() {
            let byte = UInt8(max(0, min(255, (v * 255).rounded())))
            pixels[3 * i] = byte
            pixels[3 * i + 1] = byte
            pixels[3 * i + 2] = byte
        }
        return RGBImage(width: Self.width, height: Self.height, pixels: pixels)
    }
}
