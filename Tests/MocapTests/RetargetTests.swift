import Foundation
import LoomCore
import Media
@testable import Mocap
import Physics
import Testing

@Suite struct RetargetTests {
    /// DeepMimic takes where a foot stands still while the body rests on another part: the crawl
    /// kneels (its feet up to 6 cm above the ground), the face-up get-up lies on its back while one
    /// foot halts at the top of a swing, 64 cm up. There the body's lowest point is on the ground.
    static let restingOnOtherParts = ["deepmimic/crawl", "deepmimic/getup_faceup"]

    /// On every take, retargeted or not, the supporting foot (the lower foot, while its soles stand
    /// still by HumanML3D's rule) is within 2 cm of the ground on every frame where it stands still
    /// (on a take resting on other parts, the body's lowest point), and no link's rotation changes
    /// hemisphere between frames (quaternion sign continuity).
    @Test(arguments: MocapSources.all.map(\.id))
    func supportingFootStaysOnTheGround(id: String) throws {
        let clip = try loadClip(id)
        let frames = clip.motion.poses.map(testHumanoid.frame)
        let heights = frames.indices.dropLast().compactMap { t in
            frames[t].supportHeight(next: frames[t + 1]).map { Self.restingOnOtherParts.contains(id) ? frames[t].lowest : $0 }
        }
        #expect(heights.count >= 20)
        let off = heights.filter { abs($0) > 0.02 }
        #expect(off.count == 0, "\(id): \(off.count) of \(heights.count) supporting frames off the ground, worst \(off.map(abs).max() ?? 0) m")
        let poses = clip.motion.poses
        let flips = poses.indices.dropFirst().reduce(0) { n, t in
            n + zip(poses[t].rotations, poses[t - 1].rotations).filter { $0.dot($1) < 0 }.count
        }
        #expect(flips == 0, "\(id): \(flips) rotations change sign between frames")
    }

    /// Leg IK moves a bent leg's foot straight down by the asked drop, keeping the foot's orientation
    /// and the hip where they were.
    @Test func legIKLowersTheFootStraightDown() {
        var pose = restPose()
        pose.rotations[9] = Quaternion(axis: [0, 0, 1], angle: -1.0)  // left knee bent 57°
        pose.rotations[8] = Quaternion(axis: [0, 0, 1], angle: 0.5)  // left thigh forward
        let before = testHumanoid.frame(pose)
        let after = testHumanoid.frame(LegIK(humanoid: testHumanoid).lowered(pose, foot: 0, by: 0.03))
        let moved = after.positions[10] - before.positions[10]
        #expect(abs(moved.x) < 1e-9 && abs(moved.y + 0.03) < 1e-9 && abs(moved.z) < 1e-9, "ankle moved by \(moved)")
        #expect(after.orientations[10].dot(before.orientations[10]).magnitude > 1 - 1e-12)
        #expect(after.positions[8] == before.positions[8])
        #expect(abs(after.soles[0].y - before.soles[0].y + 0.03) < 1e-9)
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
