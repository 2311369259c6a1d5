import ArgumentParser
import Foundation
import LoomCore
import Mocap

/// `loom generate mocap`.
struct GenerateMocap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mocap",
        abstract: "Real motion capture on DeepMimic's humanoid, cut into labelled windows (the self-correcting loop's human motion data).",
        discussion: """
            Sources (fetched by `make deps`, found through $LOOM_MOTION_DATA or ~/.cache/synthloom and \
            /usr/share/assimp/models): pybullet 3.2.7's DeepMimic humanoid and its 20 clips (zlib licence), \
            and the three CMU captures of Debian's assimp-testmodels, retargeted onto the humanoid. \
            Every clip is resampled to --fps with slerp, looping clips are unrolled, and each is put on \
            the ground; windows of --window frames every --stride frames, each with its left-right mirror, \
            are split into train and test by source clip.

            Per window (windows/NNNNN/): features.npy (HumanML3D-style, 161 values per frame), \
            positions.npy (frames x 13 x 3, metres, Y up), rotations.npy (frames x 13 x 4, w x y z), \
            root.npy, motion.bvh. Dataset files: windows.csv (labels and quality figures), \
            train_index.npy, test_index.npy, mean.npy, std.npy, summary.md, contact_sheet.png, \
            filmstrip.svg. See docs/motion.md.

            Clips: \(MocapSources.all.map { "\($0.id) (\($0.action))" }.joined(separator: ", ")).
            """
    )

    @Option(help: "Frames per second (default 20).")
    var fps: Int?

    @Option(help: "Frames per window (default 40 = 2 s at 20 fps).")
    var window: Int?

    @Option(help: "Frames between window starts (default 5 = 0.25 s; 20 at quick scale).")
    var stride: Int?

    @Flag(inversion: .prefixedNo, help: "Add each window's left-right mirror (default on).")
    var mirror: Bool?

    @Option(help: "Keep a fixed random subset of N training windows (the paper's 64, 128, 256; default all).")
    var n: Int?

    @Option(help: "Source clips, comma-separated ids such as deepmimic/walk,cmu/01_01 (default: all 23, listed above).")
    var clips: String?

    @Option(name: .customLong("test-clips"), help: "Clips held out for testing, comma-separated (default deepmimic/dance_b,deepmimic/getup_faceup,walker/0walk_forward,walker/turn_right1).")
    var testClips: String?

    @OptionGroup var file: ConfigFile

    @Option(help: "Dataset folder name under --out (default mocap).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = MocapOptions()
        options = try file.load(MocapOptions.self, or: options)
        if let fps { options.fps = fps }
        if let window { options.window = window }
        if let stride { options.stride = stride }
        if let mirror { options.mirror = mirror }
        if let n { options.n = n }
        if let clips { options.clips = CommaList.items(clips) }
        if let testClips { options.testClips = CommaList.items(testClips) }
        try options.validateFlags()
        try GeneratorRunner.run(MocapEntry.self, options: options, folder: name, context: common.context())
    }
}

/// The mocap generator in the registry.
enum MocapEntry: GeneratorEntry {
    static let summary = "Real motion capture (DeepMimic clips + CMU BVH) on one humanoid, in labelled 2-s windows with features and quality figures."

    static func make(options: MocapOptions, scale: Scale) throws -> MocapGenerator {
        do {
            return try MocapGenerator(options: options, scale: scale)
        } catch let error as ConfigValueError {
            throw LoomError.option("mocap", error)
        }
    }

    static func make(config: MocapOptions, scale: Scale) throws -> MocapGenerator {
        try make(options: config, scale: scale)
    }

    static func folderName(for generator: MocapGenerator) -> String { "mocap" }
}
