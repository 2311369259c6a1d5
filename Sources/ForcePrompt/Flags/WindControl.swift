import Foundation
import LoomCore

/// The wind control signal the Force Prompting trainer builds from a CSV row (reference §5.3):
/// 49 frames × 3 channels × 480 × 720, each channel constant: 2·s − 1 for the normalised speed s,
/// cos θ and sin θ for the wind angle θ.
public struct WindControl: Sendable, Equatable {
    /// Normalised wind speed s in [0, 1].
    public var speed: Double
    /// Wind direction in degrees, counter-clockwise from image right (90° = up).
    public var angle: Double

    public static let frames = 49
    public static let channels = 3
    public static let height = 480
    public static let width = 720

    public init(speed: Double, angle: Double) {
        self.speed = speed
        self.angle = angle
    }

    /// The three channel values.
    public var values: SIMD3<Float> {
        let t = angle * Double.pi / 180
        return SIMD3(Float(2 * speed - 1), Float(cos(t)), Float(sin(t)))
    }

    /// The control the trainer builds for data row `row` of a wind CSV (`wind_speed`, `wind_angle`):
    /// the speed re-normalised by the column's smallest and largest values, as the trainer does.
    public static func fromCSV(_ path: String, row: Int) throws -> WindControl {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LoomError.usage("--from-csv \(path): cannot read the file")
        }
        guard let table = CSVTable.parse(text) else { throw LoomError.usage("--from-csv \(path): not a CSV file") }
        guard let s = table.header.firstIndex(of: "wind_speed"), let a = table.header.firstIndex(of: "wind_angle") else {
            throw LoomError.usage("--from-csv \(path): no 'wind_speed' and 'wind_angle' columns; give the trainer's wind CSV (force_wind.csv)")
        }
        guard (0..<table.rows.count).contains(row) else {
            throw LoomError.usage("--row \(row): \(path) has \(table.rows.count) data rows (0 to \(table.rows.count - 1))")
        }
        func number(_ r: Int, _ c: Int) throws -> Double {
            guard let v = Double(table.rows[r][c]), v.isFinite else {
                throw LoomError.usage("--from-csv \(path): row \(r), column '\(table.header[c])' is not a number: '\(table.rows[r][c])'")
            }
            return v
        }
        let speeds = try (0..<table.rows.count).map { try number($0, s) }
        let low = speeds.min() ?? 0, high = speeds.max() ?? 1
        // A single-valued column is left as it is.
        let speed = high > low ? (speeds[row] - low) / (high - low) : speeds[row]
        return WindControl(speed: speed, angle: try number(row, a))
    }

    /// Writes the whole (49, 3, 480, 720) float32 tensor as `.npy`, frame by frame.
    public func writeNpy(to url: URL) throws {
        let writer = try NpyStreamWriter(url: url, elementType: Float.self,
                                         shape: [Self.frames, Self.channels, Self.height, Self.width])
        let v = values
        let planes = [v.x, v.y, v.z].map { [Float](repeating: $0, count: Self.width * Self.height) }
        for _ in 0..<Self.frames {
            for plane in planes { try plane.withUnsafeBytes { try writer.append($0) } }
        }
        try writer.finish()
    }

    /// A frame for viewing: the three channels as red, green and blue, each mapped from [−1, 1] to 0...255.
    public func image() -> RGBImage {
        let v = values
        let bytes = [v.x, v.y, v.z].map { UInt8((min(max(($0 + 1) / 2, 0), 1) * 255).rounded()) }
        var pixels = [UInt8](repeating: 0, count: Self.width * Self.height * 3)
        for i in 0..<(Self.width * Self.height) {
            pixels[3 * i] = bytes[0]
            pixels[3 * i + 1] = bytes[1]
            pixels[3 * i + 2] = bytes[2]
        }
        return RGBImage(width: Self.width, height: Self.height, pixels: pixels)
    }
}
