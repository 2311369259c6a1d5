import LoomCore

/// Options of `loom generate mocap`; unset values take their defaults (by scale) when resolved.
public struct MocapOptions: ConfigOptions, Equatable {
    /// Frames per second of the dataset (default 20, HumanML3D's).
    public var fps: Int?
    /// Frames per window (default 40: 2 s at 20 fps).
    public var window: Int?
    /// Frames between window starts (default 5 = 0.25 s; quick 20 = 1 s).
    public var stride: Int?
    /// Add each window's left-right mirror image (default true, as HumanML3D).
    public var mirror: Bool?
    /// Seconds a looping DeepMimic clip is unrolled to (default 6).
    public var unrollSeconds: Double?
    /// Source takes (ids of `MocapSources.all`; default all of them).
    public var clips: [String]?
    /// Takes held out for testing (default `MocapSources.defaultTestClips`).
    public var testClips: [String]?
    /// Keep a fixed random subset of this many training windows (the paper's 64, 128, 256); default all.
    public var n: Int?
    /// Seed of the training subset (default 42).
    public var subsetSeed: Int?
    /// Windows drawn on the contact sheet (default 24).
    public var contactSheetWindows: Int?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case fps, window, stride, mirror, clips, n
        case unrollSeconds = "unroll_seconds"
        case testClips = "test_clips"
        case subsetSeed = "subset_seed"
        case contactSheetWindows = "contact_sheet_windows"
    }

    public init(fps: Int? = nil, window: Int? = nil, stride: Int? = nil, mirror: Bool? = nil, unrollSeconds: Double? = nil,
                clips: [String]? = nil, testClips: [String]? = nil, n: Int? = nil, subsetSeed: Int? = nil,
                contactSheetWindows: Int? = nil) {
        self.fps = fps
        self.window = window
        self.stride = stride
        self.mirror = mirror
        self.unrollSeconds = unrollSeconds
        self.clips = clips
        self.testClips = testClips
        self.n = n
        self.subsetSeed = subsetSeed
        self.contactSheetWindows = contactSheetWindows
    }

    public func validate() throws {
        if let fps, !(1...240).contains(fps) { throw ConfigValueError("fps", "must be 1 to 240 frames per second, not \(fps)") }
        if let window, window < 4 { throw ConfigValueError("window", "must be at least 4 frames, not \(window)") }
        if let stride, stride < 1 { throw ConfigValueError("stride", "must be at least 1 frame, not \(stride)") }
        if let unrollSeconds, !(unrollSeconds >= 0 && unrollSeconds <= 600) {
            throw ConfigValueError("unroll_seconds", "must be 0 to 600 seconds, not \(unrollSeconds)")
        }
        let known = Set(MocapSources.all.map(\.id))
        for (key, list) in [("clips", clips), ("test_clips", testClips)] {
            for id in list ?? [] where !known.contains(id) {
                throw ConfigValueError(key, "unknown clip '\(id)'; expected some of \(MocapSources.all.map(\.id).joined(separator: ", "))")
            }
        }
        if let clips, clips.isEmpty { throw ConfigValueError("clips", "needs at least one clip") }
        if let n, n < 1 { throw ConfigValueError("n", "must be a positive number of training windows, not \(n)") }
        if let contactSheetWindows, contactSheetWindows < 0 {
            throw ConfigValueError("contact_sheet_windows", "must not be negative, not \(contactSheetWindows)")
        }
    }

    /// The options with every default filled in.
    public func resolved(scale: Scale) throws -> MocapOptions {
        try validate()
        let chosen = clips ?? MocapSources.all.map(\.id)
        return MocapOptions(fps: fps ?? 20, window: window ?? 40, stride: stride ?? (scale == .quick ? 20 : 5), mirror: mirror ?? true,
                            unrollSeconds: unrollSeconds ?? 6, clips: chosen,
                            testClips: (testClips ?? MocapSources.defaultTestClips).filter(chosen.contains), n: n,
                            subsetSeed: subsetSeed ?? 42, contactSheetWindows: contactSheetWindows ?? 24)
    }
}
