import Physics

/// One sample of the dataset: a stretch of a take, maybe mirrored.
public struct MocapWindow: Sendable, Equatable {
    /// Index into the generator's clips.
    public let clip: Int
    /// Whether the window is the take's left-right mirror image.
    public let mirrored: Bool
    /// First frame in the (unrolled) clip at the dataset's rate.
    public let start: Int
    /// Whether the window belongs to the test split.
    public let test: Bool
}

/// The figures of one window: its poses in the window's own frame and what they measure.
struct WindowMotion {
    /// `window + 1` poses: the last one only gives the velocities of the last feature frame.
    let poses: [HumanoidPose]
    let frames: [HumanoidFrame]
    let features: [Double]
    let quality: MotionQuality
    /// The largest height of a supporting foot's lower sole point above or below the ground, m.
    let supportHeight: Double

    init(poses: [HumanoidPose], humanoid: Humanoid, features: MotionFeatures, fps: Double) {
        self.poses = poses
        frames = poses.map(humanoid.frame)
        self.features = features.extract(poses)
        let shown = Array(frames.dropLast())
        quality = MotionQuality.measure(shown, fps: fps)
        supportHeight = Self.supportHeight(frames)
    }

    /// The worst height of the supporting foot above or below the ground.
    static func supportHeight(_ frames: [HumanoidFrame]) -> Double {
        frames.indices.dropLast().compactMap { frames[$0].supportHeight(next: frames[$0 + 1]) }.map(abs).max() ?? 0
    }
}
