import LoomCore
import Physics

extension MocapGenerator {
    /// The dataset card: the windows, the humanoid, the sources and their licences, every file and label.
    public var card: DatasetCard {
        let frames = config.window, fps = config.fps, links = humanoid.linkCount, width = features.width
        let usesCMU = clips.contains { $0.source.isBVH }, usesDeepMimic = clips.contains { !$0.source.isBVH }
        var sources: [DatasetCard.Entry] = [
            .init("DeepMimic's humanoid (`pybullet_data/humanoid/humanoid.urdf`, pybullet 3.2.7 on PyPI)", "zlib (Bullet Physics / pybullet)"),
        ]
        if usesDeepMimic {
            sources.append(.init("DeepMimic clips (`pybullet_data/data/motions/`, pybullet 3.2.7 on PyPI)", "zlib (Bullet Physics / pybullet)"))
        }
        if usesCMU {
            sources.append(.init("CMU captures (`/usr/share/assimp/models/BVH/`, Debian `assimp-testmodels`), retargeted",
                                 "free for any use with this acknowledgement: \"The data used in this project was obtained from mocap.cs.cmu.edu. "
                                 + "The database was created with funding from NSF EIA-0196217.\""))
        }
        return DatasetCard(
            title: "Motion windows on DeepMimic's humanoid (SynthLoom)",
            summary: "\(windows.count) windows of \(frames) frames at \(fps) fps (\(String(format: "%.1f", Double(frames) / Double(fps))) s) cut from "
                + "\(clips.count) real motion takes, on DeepMimic's humanoid (\(links) links, Y up, lengths in metres), each window moved to start "
                + "above the origin facing +Z, with HumanML3D-style features (\(width) per frame), joint positions and rotations, a BVH file, "
                + "an action label and physical-plausibility figures. The real data of the human-motion self-consuming experiment.",
            paper: "Nate Gillman, Michael Freeman, Daksh Aggarwal, Chia-Hong Hsu, Calvin Luo, Yonglong Tian, Chen Sun: *Self-Correcting "
                + "Self-Consuming Loops for Generative Model Training* (ICML 2024), https://arxiv.org/abs/2402.07087 (its motion experiment "
                + "uses HumanML3D; this dataset stands in for it, see Notes)",
            sources: sources,
            files: [
                .init("`windows/NNNNN/features.npy`", "float32 (\(frames), \(width)): HumanML3D's per-frame layout (root yaw velocity, root xz velocity, root height, link positions, 6-D rotations, link velocities, 4 foot contacts; see docs/motion.md)"),
                .init("`windows/NNNNN/positions.npy`", "float32 (\(frames), \(links), 3): link positions in the world, m"),
                .init("`windows/NNNNN/rotations.npy`", "float32 (\(frames), \(links), 4): quaternions (w, x, y, z); the root's in the world, the others against their parent"),
                .init("`windows/NNNNN/root.npy`", "float32 (\(frames), 3): the root's position, m"),
                .init("`windows/NNNNN/motion.bvh`", "the window as BVH on the humanoid's skeleton (Blender and other tools open it)"),
                .init("`windows.csv`", "one row per window: index, folder and every label"),
                .init("`train_index.npy`, `test_index.npy`", "int64: the windows of each split (split by source take)"),
                .init("`mean.npy`, `std.npy`", "float32 (\(width),): per-feature mean and standard deviation over the training windows (std floored at 1e-6)"),
                .init("`summary.md`", "windows per action and split, and the quality figures"),
                .init("`contact_sheet.png`, `filmstrip.svg`", "stick figures of a spread of windows, and one window frame by frame"),
            ],
            labels: [
                .init("clip", "the source take, `<collection>/<file stem>` (deepmimic, walker or cmu)"),
                .init("action", "what the take shows (walk, run, jump, …), the label a conditioned model gets"),
                .init("split", "train or test; whole takes are held out, so no test window overlaps a training one"),
                .init("mirrored", "whether the window is the left-right mirror image of the take (as HumanML3D augments)"),
                .init("start_frame", "the window's first frame in the take at \(fps) fps"),
                .init("penetration_m", "mean depth of the lowest point below the ground over frames deeper than 5 mm, m"),
                .init("floating_m", "mean height of the lowest point above the ground over frames higher than 5 mm, m"),
                .init("skating_m_per_s", "mean horizontal speed of sole points touching the ground in two consecutive frames, m/s"),
                .init("jitter_m_per_s3", "mean norm of the third time difference of the link positions, m/s³"),
                .init("support_height_m", "the worst height of a supporting (still) foot's lowest point above or below the ground, m"),
            ],
            notes: [
                "The paper uses HumanML3D (AMASS, SMPL, 22 joints, 263 features), which cannot be downloaded without registration; these are real takes that package registries ship, on a humanoid Bullet can simulate, in HumanML3D's feature layout.",
                "Labels are the take's action, not HumanML3D's text captions.",
            ],
            tags: ["motion", "motion-capture", "human-motion", "self-consuming"])
    }
}
