import LoomCore
import Media

/// Options of `loom generate force-wind`.
public struct ForceWindOptions: ConfigOptions {
    @Setting("Number of clips (paper: 15,359, the original's wind CSV).")
    public var count = 4
    @Setting("Slowest wind in m/s; speeds are drawn from U(wind_min, wind_max) and the CSV's wind_speed is normalised over the clips made.")
    public var windMin = 0.0
    @Setting("Fastest wind in m/s (the calibrated maximum of our cloth model; at most 40, its stable range).")
    public var windMax = FlagScene.calibratedWindMax
    @Setting("Up to this many extra flags behind the main one, n ~ U{0..K}, 0-63 (the original's 63).")
    public var maxExtraFlags = 8
    @Setting("Frame width in pixels, even (H.264 in yuv420p).")
    public var width = 720
    @Setting("Frame height in pixels, even.")
    public var height = 480
    @Setting("Samples per pixel along each axis, 1-4 (2: 4 samples per pixel).")
    public var samples = 2
    @Setting("x264 constant rate factor, 0-51 (23, as the original's ffmpeg).")
    public var crf = 23
    @Setting("x264 preset (medium, as the original's ffmpeg).")
    public var preset = X264Preset.medium
    @Setting("A folder of PNG or JPEG background images (2:1 images are panoramas, others backdrops).")
    public var backgrounds: String? = nil
    @Setting("Use the built-in procedural backgrounds (off: only the backgrounds images).")
    public var proceduralBackgrounds = true
    @Setting("Clips shown on the contact sheet (the first ones by index).")
    public var contactSheetClips = 48

    public init() {}

    public static func defaults(for scale: Scale) -> Self {
        Self().with { if scale == .paper { $0.count = 15_359 } }
    }

    public static var flagAliases: [String: String] {
        ["procedural": "procedural_backgrounds", "extra-flags": "max_extra_flags", "contact-sheet": "contact_sheet_clips"]
    }

    /// The largest wind our cloth model stays stable in (m/s).
    public static let stableWindLimit = 40.0

    public func validate() throws {
        if count <= 0 { throw ConfigValueError("count", "must be a positive number of clips, not \(count)") }
        if !(windMin >= 0 && windMin.isFinite) { throw ConfigValueError("wind_min", "must be 0 or more m/s, not \(windMin)") }
        if !(windMax > 0 && windMax <= Self.stableWindLimit) {
            throw ConfigValueError("wind_max", "must be above 0 and at most \(Self.stableWindLimit) m/s (the cloth model's stable range), not \(windMax)")
        }
        if windMin >= windMax {
            throw ConfigValueError("wind_max", "the wind range is empty: wind_min (\(windMin)) must be below wind_max (\(windMax))")
        }
        if !(0...63).contains(maxExtraFlags) {
            throw ConfigValueError("max_extra_flags", "must be between 0 and 63 (the original's most), not \(maxExtraFlags)")
        }
        try VideoSize.check(width: width, height: height)
        if !(1...4).contains(samples) { throw ConfigValueError("samples", "must be between 1 and 4 per axis, not \(samples)") }
        if !(0...51).contains(crf) { throw ConfigValueError("crf", "must be between 0 and 51, not \(crf)") }
        if contactSheetClips < 0 { throw ConfigValueError("contact_sheet_clips", "must be 0 or more, not \(contactSheetClips)") }
        if !proceduralBackgrounds, backgrounds == nil {
            throw ConfigValueError("procedural_backgrounds", "with the procedural backgrounds off, give background images with backgrounds")
        }
    }
}
