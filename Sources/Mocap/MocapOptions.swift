import LoomCore

/// Options of `loom generate mocap`.
public struct MocapOptions: ConfigOptions {
    @Setting("Frames per second of the dataset (HumanML3D's 20).")
    public var fps = 20
    @Setting("Frames per window (40: 2 s at 20 fps).")
    public var window = 40
    @Setting("Frames between window starts (paper scale 5 = 0.25 s).")
    public var stride = 20
    @Setting("Add each window's left-right mirror image, as HumanML3D.")
    public var mirror = true
    @Setting("Seconds a looping DeepMimic clip is unrolled to.")
    public var unrollSeconds = 6.0
    @Setting("Source takes, by id (`loom generate mocap --help` lists them).")
    public var clips = MocapSources.all.map(\.id)
    @Setting("Takes held out for testing (none: the default test takes among clips).")
    public var testClips: [String]? = nil
    @Setting("Keep a fixed random subset of this many training windows (the paper's 64, 128, 256; none: all).")
    public var n: Int? = nil
    @Setting("Seed of the training subset.")
    public var subsetSeed = 42
    @Setting("Windows drawn on the contact sheet.")
    public var contactSheetWindows = 24

    /// The quick-scale defaults.
    public init() {}

    /// The quick defaults, with a stride of 5 frames at paper scale.
    public static func defaults(for scale: Scale) -> Self {
        Self().with { if scale == .paper { $0.stride = 5 } }
    }

    /// The takes held out for testing: `test_clips`, or the default test takes, among `clips`.
    public var testTakes: [String] { (testClips ?? MocapSources.defaultTestClips).filter(clips.contains) }

    /// The test takes filled in.
    public func completed(for scale: Scale) throws -> Self { with { $0.testClips = testTakes } }

    /// Rejects unknown takes and sizes out of range.
    public func validate() throws {
        if !(1...240).contains(fps) { throw ConfigValueError("fps", "must be 1 to 240 frames per second, not \(fps)") }
        if window < 4 { throw ConfigValueError("window", "must be at least 4 frames, not \(window)") }
        if stride < 1 { throw ConfigValueError("stride", "must be at least 1 frame, not \(stride)") }
        if !(unrollSeconds >= 0 && unrollSeconds <= 600) {
            throw ConfigValueError("unroll_seconds", "must be 0 to 600 seconds, not \(unrollSeconds)")
        }
        let known = Set(MocapSources.all.map(\.id))
        for (key, list) in [("clips", clips), ("test_clips", testClips ?? [])] {
            for id in list where !known.contains(id) {
                throw ConfigValueError(key, "unknown clip '\(id)'; expected some of \(MocapSources.all.map(\.id).joined(separator: ", "))")
            }
        }
        if clips.isEmpty { throw ConfigValueError("clips", "needs at least one clip") }
        if let n, n < 1 { throw ConfigValueError("n", "must be a positive number of training windows, not \(n)") }
        if contactSheetWindows < 0 {
            throw ConfigValueError("contact_sheet_windows", "must not be negative, not \(contactSheetWindows)")
        }
    }
}
