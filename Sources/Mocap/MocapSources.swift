/// A source take: where it comes from and what it shows.
public struct MocapSource: Sendable, Equatable {
    /// The clip's name in the dataset (`<collection>/<file stem>`).
    public let id: String
    /// The path for `MotionSources.url`.
    public let path: String
    /// The action label of every window cut from it.
    public let action: String

    /// Whether the take is a CMU BVH capture (retargeted) rather than a DeepMimic clip.
    public var isBVH: Bool { path.hasSuffix(".bvh") }
}

/// The takes the dataset is built from: pybullet 3.2.7's DeepMimic clips (zlib licence) and
/// the CMU captures in Debian's assimp-testmodels (mocap.cs.cmu.edu; free with acknowledgement).
public enum MocapSources {
    /// The humanoid every clip is expressed on.
    public static let humanoidPath = "pybullet_data/humanoid/humanoid.urdf"

    static func deepMimic(_ stem: String, _ action: String) -> MocapSource {
        MocapSource(id: "deepmimic/\(stem)", path: "pybullet_data/data/motions/humanoid3d_\(stem).txt", action: action)
    }

    static func walker(_ stem: String, _ action: String) -> MocapSource {
        MocapSource(id: "walker/\(stem)", path: "pybullet_data/data/motions/walker/\(stem).txt", action: action)
    }

    static func cmu(_ stem: String, _ action: String) -> MocapSource {
        MocapSource(id: "cmu/\(stem)", path: "BVH/\(stem).bvh", action: action)
    }

    /// Every take, in dataset order.
    public static let all: [MocapSource] = [
        deepMimic("walk", "walk"), deepMimic("run", "run"), deepMimic("jump", "jump"), deepMimic("kick", "kick"),
        deepMimic("spinkick", "kick"), deepMimic("punch", "punch"), deepMimic("spin", "spin"),
        deepMimic("cartwheel", "cartwheel"), deepMimic("backflip", "backflip"), deepMimic("dance_a", "dance"),
        deepMimic("dance_b", "dance"), deepMimic("crawl", "crawl"), deepMimic("getup_facedown", "getup"),
        deepMimic("getup_faceup", "getup"), deepMimic("roll", "roll"),
        walker("0walk_forward", "walk"), walker("turn_left0", "turn"), walker("turn_left1", "turn"),
        walker("turn_right0", "turn"), walker("turn_right1", "turn"),
        cmu("01_01", "jump"), cmu("01_03", "climb"), cmu("Boxing_Toes", "boxing"),
    ]

    /// The takes held out for testing by default: a second take of an action that has two or more.
    public static let defaultTestClips = ["deepmimic/dance_b", "deepmimic/getup_faceup", "walker/0walk_forward", "walker/turn_right1"]
}
