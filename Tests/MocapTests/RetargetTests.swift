import Foundation
import LoomCore
import Media
@testable import Mocap
import Physics
import Testing

@Suite struct RetargetTests {
    /// The supporting foot's heights (the lower foot, when it stands still) over a take.
    func supportHeights(_ clip: MocapClip) -> [Double] {
        let frames = clip.motion.poses.map(testHumanoid.frame)
        return frames.indices.dropLast().compactMap { frames[$0].supportHeight(next: frames[$0 + 1]) }.map(abs).sorted()
    }

    /// On ground-only takes the supporting foot is within 2 cm of the ground in at least 90 % of its
    /// frames; the remainder are CMU capture noise, slow shuffles that HumanML3D's lenient contact
    /// rule counts as still, and the retargeting's proportion error (summary.md lists the worst).
    @Test(arguments: ["cmu/01_01", "cmu/Boxing_Toes", "deepmimic/walk", "deepmimic/run", "walker/turn_left0"])
    func supportingFootStaysOnTheGround(id: String) throws {
        let heights = supportHeights(try loadClip(id))
        #expect(heights.count > 20)
        let within = Double(heights.filter { $0 <= 0.02 }.count) / Double(heights.count)
        #expect(within >= 0.9, "\(id): \(within) of the supporting frames within 2 cm")
        #expect(heights[heights.count * 9 / 10] <= 0.02)
    }

    /// The climbing take stands on playground equipment, so its feet are often far above the ground.
    @Test func climbingStandsAboveTheGround() throws {
        let heights = supportHeights(try loadClip("cmu/01_03"))
        #expect(heights[heights.count / 2] < 0.02)
        #expect(heights.last! > 0.5)
    }

    /// The humanoid takes the source's pose: at CMU's rest pose its legs splay 20° like CMU's rest
    /// legs, its arms are out in a T, and its trunk, knees and elbows are straight.
    @Test func cmuRestPoseIsCopied() throws {
        let (motion, _) = try BVHFile.read(MotionSources.url("BVH/01_01.bvh"))
        var rest = motion
        rest.values = Array(repeating: 0, count: motion.channelCount)
        let pose = try BVHRetarget(motion: rest, humanoid: testHumanoid, path: "01_01.bvh").poses().poses[0]
        let f = testHumanoid.frame(pose)
        func direction(_ a: Int, _ b: Int) -> Vec3 { let d = f.positions[b] - f.positions[a]; return d / (d * d).sum().squareRoot() }
        let thigh = direction(8, 9), upperArm = direction(11, 12)  // left hip → knee, left shoulder → elbow
        #expect(abs(acos(-thigh.y) - atan2(2.44811, 6.72613)) < 1e-6)  // CMU's LeftUpLeg → LeftLeg offset
        #expect(thigh.z < 0, "the left leg splays to the left (−Z)")
        #expect(abs(upperArm.y) < 0.05 && upperArm.z < -0.9, "the left arm points left")
        for j in [0, 1, 2, 4, 9, 7, 12] { #expect(pose.rotations[j].angle < 0.05, "\(Humanoid.linkNames[j]) turned by \(pose.rotations[j].angle) rad") }
    }
}
