import LoomCore
import Media

/// Options of `loom generate force-balls`.
public struct ForceBallsOptions: ConfigOptions {
    @Setting("Number of clips (paper: 12,000, the original's point-force CSV).")
    public var count = 4
    @Setting("Smallest push in newtons (the original's); the CSV's force is normalised over [force_min, force_max].")
    public var forceMin = 8.0
    @Setting("Largest push in newtons (the original's).")
    public var forceMax = 64.0
    @Setting("Frame width in pixels, even (H.264 in yuv420p).")
    public var width = 720
    @Setting("Frame height in pixels, even.")
    public var height = 480
    @Setting("Renderer samples per pixel (anti-aliasing), 1-64.")
    public var samples = 4
    @Setting("x264 constant rate factor, 0-51 (23, as the original's ffmpeg).")
    public var crf = 23
    @Setting("x264 preset (medium, as the original's ffmpeg).")
    public var preset = X264Preset.medium
    @Setting("A folder of PNG or JPEG ground images added to the built-in grounds.")
    public var textures: String? = nil
    @Setting("Use the built-in procedural grounds (off: only the textures images).")
    public var proceduralGrounds = true
    @Setting("Clips shown on the contact sheet (the first ones by index).")
    public var contactSheetClips = 48
    @Setting("List in the trainer's CSV only the clips whose pushed ball is in view in all 49 frames the trainer reads (the companion table lists all).")
    public var inViewOnly = false
    @Setting("Also write each clip's depth map, depth/<name>.npy: float16 metres along the view axis per pixel and frame, inf for the sky.")
    public var depth = false
    @Setting("Also write each clip's instance segmentation, segmentation/<name>.npy: uint8 per pixel and frame, 0 ground or sky, 1 the pushed ball, 2 and up the distractors.")
    public var segmentation = false

    public init() {}

    public static func defaults(for scale: Scale) -> Self {
        Self().with { if scale == .paper { $0.count = 12_000 } }
    }

    public static var flagAliases: [String: String] { ["procedural": "procedural_grounds", "contact-sheet": "contact_sheet_clips"] }

    public func validate() throws {
        if count <= 0 { throw ConfigValueError("count", "must be a positive number of clips, not \(count)") }
        if !(forceMin > 0 && forceMin.isFinite) { throw ConfigValueError("force_min", "must be a positive number of newtons, not \(forceMin)") }
        if !forceMax.isFinite { throw ConfigValueError("force_max", "must be a finite number of newtons, not \(forceMax)") }
        if forceMin >= forceMax {
            throw ConfigValueError("force_max", "the force range is empty: force_min (\(forceMin)) must be below force_max (\(forceMax))")
        }
        try VideoSize.check(width: width, height: height)
        if !(1...64).contains(samples) { throw ConfigValueError("samples", "must be between 1 and 64, not \(samples)") }
        if !(0...51).contains(crf) { throw ConfigValueError("crf", "must be between 0 and 51, not \(crf)") }
        if contactSheetClips < 0 { throw ConfigValueError("contact_sheet_clips", "must be 0 or more, not \(contactSheetClips)") }
        if !proceduralGrounds, textures == nil {
            throw ConfigValueError("procedural_grounds", "with the procedural grounds off, give ground images with textures")
        }
    }
}

/// The frame-size rule the clip generators share.
enum VideoSize {
    /// Throws unless both sides are even and between 16 and 4096 pixels.
    static func check(width: Int, height: Int) throws {
        for (key, value) in [("width", width), ("height", height)] where value < 16 || value > 4096 || value % 2 != 0 {
            throw ConfigValueError(key, "must be an even number of pixels between 16 and 4096 (H.264 in yuv420p needs even sizes), not \(value)")
        }
    }
}
