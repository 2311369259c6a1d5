import Foundation
import LoomCore

/// A DeepMimic motion file (`{"Loop": "wrap"|"none", "Frames": [[duration, values...], ...]}`).
public struct DeepMimicClip: Sendable, Equatable {
    /// Whether the clip is a cycle (`"Loop": "wrap"`): its last frame is the first pose one cycle on.
    public var loops: Bool
    /// Each frame's duration in seconds (the time to the next frame).
    public var durations: [Double]
    /// Each frame's values after its duration.
    public var frames: [[Double]]

    /// Reads a clip; every frame must have `width` values after its duration.
    public static func read(_ url: URL, width: Int) throws -> DeepMimicClip {
        func fail(_ message: String) -> LoomError { .config(file: url.path, key: "", line: nil, message: message) }
        guard let data = try? Data(contentsOf: url) else { throw LoomError.unreadable(path: url.path, reason: "the file cannot be read") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("not a JSON object; expected DeepMimic's {\"Loop\": ..., \"Frames\": [...]}")
        }
        guard let rows = object["Frames"] as? [[Any]], rows.count >= 2 else { throw fail("'Frames' must be a list of at least two frames") }
        let loop = object["Loop"] as? String ?? "none"
        guard loop == "wrap" || loop == "none" else { throw fail("'Loop' is '\(loop)'; expected wrap or none") }
        var clip = DeepMimicClip(loops: loop == "wrap", durations: [], frames: [])
        for (n, row) in rows.enumerated() {
            guard row.count == width + 1 else { throw fail("frame \(n) has \(row.count) values; expected \(width + 1) (duration + \(width))") }
            let values = try row.map { item -> Double in
                guard let v = (item as? NSNumber)?.doubleValue, v.isFinite else { throw fail("frame \(n) has a value that is not a finite number") }
                return v
            }
            guard values[0] > 0 || n == rows.count - 1 else { throw fail("frame \(n) has duration \(values[0]); durations must be positive") }
            clip.durations.append(values[0])
            clip.frames.append(Array(values.dropFirst()))
        }
        return clip
    }
}
