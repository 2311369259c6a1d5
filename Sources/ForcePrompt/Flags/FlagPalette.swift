import Foundation
import Render

/// The original's 100 flag colours (reference §4.1): 10 each of reds, oranges, yellows, greens,
/// cyans, blues, purples, pinks, browns and greys. The original's exact values are not in the
/// reference, so ours are spread over each family: 10 (saturation, value) steps at the family's hue.
public enum FlagPalette {
    /// A family: its name, HSV hue (degrees), and the saturation and value ranges its 10 colours span.
    static let families: [(name: String, hue: Double, saturation: ClosedRange<Double>, value: ClosedRange<Double>)] = [
        ("red", 0, 0.65...0.95, 0.55...0.95),
        ("orange", 28, 0.7...1.0, 0.75...1.0),
        ("yellow", 52, 0.6...0.95, 0.8...1.0),
        ("green", 125, 0.5...0.9, 0.35...0.85),
        ("cyan", 185, 0.5...0.9, 0.55...0.95),
        ("blue", 220, 0.6...0.95, 0.4...0.9),
        ("purple", 275, 0.45...0.85, 0.35...0.8),
        ("pink", 330, 0.3...0.7, 0.8...1.0),
        ("brown", 25, 0.45...0.75, 0.25...0.6),
        ("grey", 0, 0...0, 0.15...0.9),
    ]

    public static let count = 100

    /// The colour's name, e.g. "blue_3".
    public static func name(_ index: Int) -> String { "\(families[index / 10].name)_\(index % 10)" }

    /// The colour as sRGB in [0, 1].
    public static func srgb(_ index: Int) -> SIMD3<Double> {
        let family = families[index / 10]
        let t = Double(index % 10) / 9
        // Saturation rises while value falls across the family, so neighbours differ in both.
        let s = family.saturation.lowerBound + (family.saturation.upperBound - family.saturation.lowerBound) * t
        let v = family.value.upperBound - (family.value.upperBound - family.value.lowerBound) * t
        let h = family.hue / 60
        let c = v * s, x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1)), m = v - c
        let rgb: SIMD3<Double> = switch Int(h) {
        case 0: SIMD3(c, x, 0)
        case 1: SIMD3(x, c, 0)
        case 2: SIMD3(0, c, x)
        case 3: SIMD3(0, x, c)
        case 4: SIMD3(x, 0, c)
        default: SIMD3(c, 0, x)
        }
        return rgb + m
    }

    /// The cloth look of colour `index`.
    public static func look(_ index: Int) -> SurfaceLook {
        let c = srgb(index)
        return SurfaceLook.srgb(c.x, c.y, c.z, roughness: FlagScene.clothRoughness)
    }
}
