import LoomCore
import Media

/// Options of `loom generate force-balls`; unset values take their defaults when resolved.
public struct ForceBallsOptions: ConfigOptions, Equatable {
    /// Number of clips (quick 4, paper 12,000 as the original's point-force CSV).
    public var count: Int?
    /// Push strengths are drawn from U(force_min, force_max) newtons (default 8 and 64, the
    /// original's); the CSV's force is normalised over this range.
    public var forceMin: Double?
    public var forceMax: Double?
    /// Frame size (default 720×480); H.264 in yuv420p needs even sizes.
    public var width: Int?
    public var height: Int?
    /// Renderer samples per pixel (anti-aliasing; default 4).
    public var samples: Int?
    /// x264 constant rate factor (default 23, what the original's ffmpeg call used) and preset.
    public var crf: Int?
    public var preset: String?
    /// A folder of ground images (PNG or JPEG) added to the ground materials.
    public var textures: String?
    /// Whether the built-in procedural grounds are used (default true).
    public var proceduralGrounds: Bool?
    /// How many clips the contact sheet shows (default 48; the first ones by index).
    public var contactSheetClips: Int?
    /// Whether the trainer's CSV lists only the clips whose pushed ball is in view in all 49 frames
    /// the trainer reads (default false: every clip).
    public var inViewOnly: Bool?
    /// Whether each clip also gets its per-frame depth map, `depth/<name>.npy` (default false).
    public var depth: Bool?
    /// Whether each clip also gets its per-frame instance segmentation, `segmentation/<name>.npy`
    /// (default false).
    public var segmentation: Bool?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case count, width, height, samples, crf, preset, textures, depth, segmentation
        case forceMin = "force_min"
        case forceMax = "force_max"
        case proceduralGrounds = "procedural_grounds"
        case contactSheetClips = "contact_sheet_clips"
        case inViewOnly = "in_view_only"
    }

    public init(count: Int? = nil, forceMin: Double? = nil, forceMax: Double? = nil, width: Int? = nil,
                height: Int? = nil, samples: Int? = nil, crf: Int? = nil, preset: String? = nil,
                textures: String? = nil, proceduralGrounds: Bool? = nil, contactSheetClips: Int? = nil,
                inViewOnly: Bool? = nil, depth: Bool? = nil, segmentation: Bool? = nil) {
        self.count = count
        self.forceMin = forceMin
        self.forceMax = forceMax
        self.width = width
        self.height = height
        self.samples = samples
        self.crf = crf
        self.preset = preset
        self.textures = textures
        self.proceduralGrounds = proceduralGrounds
        self.contactSheetClips = contactSheetClips
        self.inViewOnly = inViewOnly
        self.depth = depth
        self.segmentation = segmentation
    }

    public func validate() throws {
        if let count, count <= 0 { throw ConfigValueError("count", "must be a positive number of clips, not \(count)") }
        let low = forceMin ?? 8, high = forceMax ?? 64
        if !(low > 0 && low.isFinite) { throw ConfigValueError("force_min", "must be a positive number of newtons, not \(low)") }
        if !high.isFinite { throw ConfigValueError("force_max", "must be a finite number of newtons, not \(high)") }
        if low >= high {
            throw ConfigValueError(forceMax == nil ? "force_min" : "force_max",
                                   "the force range is empty: force_min (\(low)) must be below force_max (\(high))")
        }
        for (key, value) in [("width", width), ("height", height)] {
            guard let value else { continue }
            if value < 16 || value > 4096 || value % 2 != 0 {
                throw ConfigValueError(key, "must be an even number of pixels between 16 and 4096 (H.264 in yuv420p needs even sizes), not \(value)")
            }
        }
        if let samples, !(1...64).contains(samples) { throw ConfigValueError("samples", "must be between 1 and 64, not \(samples)") }
        if let crf, !(0...51).contains(crf) { throw ConfigValueError("crf", "must be between 0 and 51, not \(crf)") }
        if let preset, !VideoWriter.presets.contains(preset) {
            throw ConfigValueError("preset", "unknown x264 preset '\(preset)'; expected one of \(VideoWriter.presets.joined(separator: ", "))")
        }
        if let contactSheetClips, contactSheetClips < 0 {
            throw ConfigValueError("contact_sheet_clips", "must be 0 or more, not \(contactSheetClips)")
        }
        if proceduralGrounds == false, textures == nil {
            throw ConfigValueError("procedural_grounds", "with the procedural grounds off, give ground images with textures")
        }
    }

    /// The options with every default filled in for a scale.
    public func resolved(scale: Scale) throws -> ForceBallsOptions {
        try validate()
        return ForceBallsOptions(
            count: count ?? (scale == .paper ? 12_000 : 4), forceMin: forceMin ?? 8, forceMax: forceMax ?? 64,
            width: width ?? 720, height: height ?? 480, samples: samples ?? 4, crf: crf ?? 23,
            preset: preset ?? "medium", textures: textures, proceduralGrounds: proceduralGrounds ?? true,
            contactSheetClips: contactSheetClips ?? 48, inViewOnly: inViewOnly ?? false,
            depth: depth ?? false, segmentation: segmentation ?? false)
    }
}
