import Foundation

/// The original's flag clip file names (reference §4.2):
/// `flag_sample_{S:.1f}_0.0_{θ:.1f}_0.0_background_{name}`, with S the wind speed in the original's
/// units (0-15000 Blender wind strength; ours is 15000 × v / v_max, see `FlagLabels`).
enum FlagNaming {
    static func stem(speed: Double, angle: Double, background: String) -> String {
        "flag_sample_\(fixed1(speed))_0.0_\(fixed1(angle))_0.0_background_\(background)"
    }

    /// One decimal, as Python's `f"{x:.1f}"`.
    static func fixed1(_ x: Double) -> String { String(format: "%.1f", x) }
}
