import LoomCore
import Mocap

/// `loom generate mocap`.
enum MocapEntry: GeneratorEntry {
    static let summary = "Real motion capture (DeepMimic clips + CMU BVH) on one humanoid, in labelled 2-s windows with features and quality figures."
    static let abstract = "Real motion capture on DeepMimic's humanoid, cut into labelled windows (the self-correcting loop's human motion data)."
    static let discussion = """
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

    static func make(options: MocapOptions) throws -> MocapGenerator {
        do {
            return try MocapGenerator(options: options)
        } catch let error as ConfigValueError {
            throw LoomError.option("mocap", error)
        }
    }

    static func folderName(for options: MocapOptions) -> String { "mocap" }
}
