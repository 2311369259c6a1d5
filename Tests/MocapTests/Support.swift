import Foundation
import Media
@testable import Mocap
import Physics

/// The DeepMimic humanoid from the `make deps` cache.
let testHumanoid: Humanoid = try! Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))

/// A take loaded as the dataset loads it (20 fps, loops unrolled to 6 s).
func loadClip(_ id: String) throws -> MocapClip {
    try MocapClip.load(MocapSources.all.first { $0.id == id }!, humanoid: testHumanoid, fps: 20, unrollSeconds: 6)
}

/// The humanoid standing at rest with its soles `height` metres above the ground.
func restPose(soleHeight height: Double = 0) -> HumanoidPose {
    var pose = HumanoidPose(root: .zero, rotations: Array(repeating: .identity, count: testHumanoid.linkCount))
    let sole = testHumanoid.frame(pose).soles.map(\.y).min()!
    pose.root.y = height - sole
    return pose
}
