import Foundation

/// The original's clip file names (reference §3.2 "Output naming"):
/// `background_{ground}_angle_{α:.4f}_force_{s:.4f}_coordx_{x}_coordy_{y}[_bowling]`.
///
/// The original's CSV builder reads the labels back from these names, so the CSV's angle and force
/// are computed from the same rounded numbers.
enum ClipNaming {
    static func stem(ground: String, angle: Double, strength: Double, coordx: Int, coordy: Int,
                     kind: BallClip.Kind) -> String {
        "background_\(ground)_angle_\(fixed4(angle))_force_\(fixed4(strength))_coordx_\(coordx)_coordy_\(coordy)"
            + (kind == .bowling ? "_bowling" : "")
    }

    /// Four decimals, as Python's `format(x, '.4f')`.
    static func fixed4(_ x: Double) -> String { String(format: "%.4f", x) }
}
