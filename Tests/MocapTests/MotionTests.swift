import Foundation
import LoomCore
@testable import Mocap
import Physics
import Testing

@Suite struct KinematicsTests {
    @Test func restPoseStandsOnItsLinks() {
        let f = testHumanoid.frame(HumanoidPose(root: .zero, rotations: Array(repeating: .identity, count: 13)))
        #expect(abs(f.positions[1].y - 0.236151) < 1e-6)  // chest
        #expect(abs(f.positions[4].y + 0.421546) < 1e-6)  // right knee below the hip
        #expect(abs(f.positions[3].z - 0.084887) < 1e-6)  // right hip towards +Z
        // Sole: ankle − 0.0225 − 0.0275 (box centre and half height).
        #expect(abs(f.soles[0].y - (f.positions[10].y - 0.05)) < 1e-9)
        #expect(abs(f.lowest - f.soles[0].y) < 1e-9)
    }

    @Test func bendingTheKneeMovesTheAnkleBack() {
        var pose = HumanoidPose(root: .zero, rotations: Array(repeating: .identity, count: 13))
        pose.rotations[4] = Quaternion(axis: [0, 0, 1], angle: -.pi / 2)
        let f = testHumanoid.frame(pose)
        let shin = 0.40987
        #expect(abs(f.positions[5].x - -shin) < 1e-6)
        #expect(abs(f.positions[5].y - f.positions[4].y) < 1e-6)
    }
}

@Suite struct FeatureTests {
    @Test(arguments: ["deepmimic/walk", "deepmimic/cartwheel", "cmu/Boxing_Toes"])
    func featuresRoundTripThroughForwardKinematics(id: String) throws {
        let clip = try loadClip(id)
        let poses = clip.motion.canonicalWindow(0..<41)
        let features = MotionFeatures(humanoid: testHumanoid)
        let f = features.extract(poses)
        #expect(f.count == 40 * features.width)
        let recovered = features.recover(f)
        for (a, b) in zip(poses, recovered) {
            for (p, q) in zip(testHumanoid.frame(a).positions, testHumanoid.frame(b).positions) {
                #expect(((p - q) * (p - q)).sum().squareRoot() < 1e-5)
            }
        }
        let again = features.extract(recovered)
        let worst = zip(again, f.prefix(again.count)).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-5)
    }
}

@Suite struct MirrorTests {
    @Test func mirroredWalksLeftFootIsTheOriginalsRight() throws {
        let clip = try loadClip("deepmimic/walk")
        for pose in clip.motion.poses.prefix(40) {
            let original = testHumanoid.frame(pose), mirrored = testHumanoid.frame(testHumanoid.mirrored(pose))
            let left = testHumanoid.feet[0], right = testHumanoid.feet[1]
            let r = original.positions[right], l = mirrored.positions[left]
            #expect(abs(l.x - r.x) < 1e-9 && abs(l.y - r.y) < 1e-9 && abs(l.z + r.z) < 1e-9)
            #expect(abs(mirrored.soles[0].z + original.soles[2].z) < 1e-9)
        }
    }
}

@Suite struct QualityTests {
    func frames(_ heights: [Double]) -> [HumanoidFrame] { heights.map { testHumanoid.frame(restPose(soleHeight: $0)) } }

    @Test func aFootFiveCentimetresBelowTheFloorReportsFive() {
        let q = MotionQuality.measure(frames([-0.05, -0.05, -0.05]), fps: 20)
        #expect(abs(q.penetration - 0.05) < 1e-9)
        #expect(q.floating == 0)
    }

    @Test func floatingAndTolerance() {
        let q = MotionQuality.measure(frames([0.1, 0.1, 0.003, 0.003]), fps: 20)
        #expect(abs(q.floating - 0.05) < 1e-9)
        #expect(q.penetration == 0)
    }

    @Test func skatingIsTheSlideOfGroundedSoles() {
        var poses = [restPose(), restPose()]
        poses[1].root.x += 0.01
        let q = MotionQuality.measure(poses.map(testHumanoid.frame), fps: 20)
        #expect(abs(q.skating - 0.2) < 1e-9)  // 1 cm per frame at 20 fps
        #expect(q.jitter == 0)
    }

    @Test func jitterIsTheMeanJerk() {
        var poses = (0..<4).map { _ in restPose(soleHeight: 0.5) }
        poses[3].root.y += 0.001  // every link's third difference is 1 mm
        let q = MotionQuality.measure(poses.map(testHumanoid.frame), fps: 20)
        #expect(abs(q.jitter - 0.001 * 8000) < 1e-6)
    }
}
