import LoomCore
import Media

/// Options of `loom generate force-wind`; unset values take their defaults when resolved.
public struct ForceWindOptions: ConfigOptions, Equatable {
    /// Number of clips (quick 4, paper 15,359 as the original's wind CSV).
    public var count: Int?
    /// Wind speeds are drawn from U(wind_min, wind_max) m/s (default 0 and the calibrated maximum,
    /// `FlagScene.calibratedWindMax`); the CSV's wind_speed is normalised over the clips made.
    public var windMin: Double?
    public var windMax: Double?
    /// Up to this many extra flags behind the main one, n ~ U{0...K} (default 8; the original's 63).
    public var maxExtraFlags: Int?
    /// Frame size (default 720×480); H.264 in yuv420p needs even sizes.
    public var width: Int?
    public var height: Int?
    /// Samples per pixel along each axis (default 2: 4 samples per pixel).
    public var samples: Int?
    /// x264 constant rate factor (default 23, what the original's ffmpeg call used) and preset.
    public var crf: Int?
    public var preset: String?
    /// A folder of background images (PNG or JPEG; 2:1 images are panoramas, others backdrops).
    public var backgrounds: String?
    /// Whether the built-in procedural backgrounds are used (default true).
    public var proceduralBackgrounds: Bool?
    /// How many clips the contact sheet shows (default 48; the first ones by index).
    public var contactSheetClips: Int?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case count, width, height, samples, crf, preset, backgrounds
        case windMin = "wind_min"
        case windMax = "wind_max"
        case maxExtraFlags = "max_extra_flags"
        case proceduralBackgrounds = "procedural_backgrounds"
        case contactSheetClips = "contact_sheet_clips"
    }

    public init(count: Int? = nil, windMin: Double? = nil, windMax: Double? = nil, maxExtraFlags: Int? = nil,
                width: Int? = nil, height: Int? = nil, samples: Int? = nil, crf: Int? = nil, preset: String? = nil,
                backgrounds: String? = nil, proceduralBackgrounds: Bool? = nil, contactSheetClips: Int? = nil) {
        self.count = count
        self.windMin = windMin
        self.windMax = windMax
        self.maxExtraFlags = maxExtraFlags
        self.width = width
        self.height = height
        self.samples = samples
        self.crf = crf
        self.preset = preset
        self.backgrounds = backgrounds
        self.proceduralBackgrounds = proceduralBackgrounds
        self.contactSheetClips = contactSheetClips
    }

    /// The largest wind our cloth model stays stable in (m/s).
    public static let stableWindLimit = 40.0

    public func validate() throws {
        if let count, count <= 0 { throw ConfigValueError("count", "must be a positive number of clips, not \(count)") }
        let low = windMin ?? 0, high = windMax ?? FlagScene.calibratedWindMax
        if !(low >= 0 && low.isFinite) { throw ConfigValueError("wind_min", "must be 0 or more m/s, not \(low)") }
        if !(high > 0 && high <= Self.stableWindLimit) {
            throw ConfigValueError("wind_max", "must be above 0 and at most \(Self.stableWindLimit) m/s (the cloth model's stable range), not \(high)")
        }
        if low >= high {
            throw ConfigValueError(windMax == nil ? "wind_min" : "wind_max",
                                   "the wind range is empty: wind_min (\(low)) must be below wind_max (\(high))")
        }
        if let maxExtraFlags, !(0...63).contains(maxExtraFlags) {
            throw ConfigValueError("max_extra_flags", "must be between 0 and 63 (the original's most), not \(maxExtraFlags)")
        }
        for (key, value) in [("width", width), ("height", height)] {
            guard let value else { continue }
            if value < 16 || value > 4096 || value % 2 != 0 {
                throw ConfigValueError(key, "must be an even number of pixels between 16 and 4096 (H.264 in yuv420p needs even sizes), not \(value)")
            }
        }
        if let samples, !(1...4).contains(samples) { throw ConfigValueError("samples", "must be between 1 and 4 per axis, not \(samples)") }
        if let crf, !(0...51).contains(crf) { throw ConfigValueError("crf", "must be between 0 and 51, not \(crf)") }
        if let preset, !VideoWriter.presets.contains(preset) {
            throw ConfigValueError("preset", "unknown x264 preset '\(preset)'; expected one of \(VideoWriter.presets.joined(separator: ", "))")
        }
        if let contactSheetClips, contactSheetClips < 0 {
            throw ConfigValueError("contact_sheet_clips", "must be 0 or more, not \(contactSheetClips)")
        }
        if proceduralBackgrounds == false, backgrounds == nil {
            throw ConfigValueError("procedural_backgrounds", "with the procedural backgrounds off, give background images with backgrounds")
        }
    }

    /// The options with every default filled in for a scale.
    public func resolved(scale: Scale) throws -> ForceWindOptions {
        try validate()
        return ForceWindOptions(
            count: count ?? (scale == .paper ? 15_359 : 4), windMin: windMin ?? 0, windMax: windMax ?? FlagScene.calibratedWindMax,
            maxExtraFlags: maxExtraFlags ?? 8, width: width ?? 720, height: height ?? 480, samples: samples ?? 2,
            crf: crf ?? 23, preset: preset ?? "medium", backgrounds: backgrounds,
            proceduralBackgrounds: proceduralBackgrounds ?? true, contactSheetClips: contactSheetClips ?? 48)
    }
}
