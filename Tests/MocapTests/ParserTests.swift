import Foundation
import LoomCore
import Media
@testable import Mocap
import Physics
import Testing

@Suite struct BVHTests {
    static let small = """
        HIERARCHY
        ROOT Hips
        {
        \tOFFSET 0 0 0
        \tCHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
        \tJOINT Leg
        \t{
        \t\tOFFSET 0 -1 0
        \t\tCHANNELS 3 Xrotation Yrotation Zrotation
        \t\tEnd Site
        \t\t{
        \t\t\tOFFSET 0 -1 0
        \t\t}
        \t}
        }
        MOTION
        Frames: 2
        Frame Time: 0.05
        0 1 0 10 20 30 1 2 3
        0.5 1 0 11 21 31 4 5 6

        """

    @Test(arguments: ["01_01", "01_03", "Boxing_Toes"])
    func cmuCapturesParse(stem: String) throws {
        let (motion, warnings) = try BVHFile.read(MotionSources.url("BVH/\(stem).bvh"))
        #expect(motion.joints.first?.name == "Hips")
        #expect(motion.frameCount > 2000)
        let finite = motion.values.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(warnings.isEmpty == (stem != "Boxing_Toes"), "Boxing_Toes has one frame line more than its count")
    }

    @Test func readsChannelOrdersAndEndSites() throws {
        let motion = try BVHFile.parse(Self.small, path: "small.bvh").motion
        #expect(motion.joints.map(\.name) == ["Hips", "Leg"])
        #expect(motion.joints[0].channels == ["Xposition", "Yposition", "Zposition", "Zrotation", "Xrotation", "Yrotation"])
        #expect(motion.joints[1].channels == ["Xrotation", "Yrotation", "Zrotation"])
        #expect(motion.joints[1].endSite == [0, -1, 0])
        #expect(motion.frameCount == 2 && motion.frameTime == 0.05)
        #expect(Array(motion.values[9...]) == [0.5, 1, 0, 11, 21, 31, 4, 5, 6])
    }

    @Test func writeThenReadIsIdentical() throws {
        let clip = try loadClip("deepmimic/walk")
        let poses = Array(clip.motion.poses.prefix(30))
        let motion = HumanoidBVH.motion(poses, humanoid: testHumanoid, fps: 20)
        let back = try BVHFile.parse(BVHFile.text(motion), path: "walk.bvh").motion
        #expect(back == motion)
        for (a, b) in zip(poses, HumanoidBVH.poses(back, humanoid: testHumanoid)) {
            let fa = testHumanoid.frame(a).positions, fb = testHumanoid.frame(b).positions
            for (p, q) in zip(fa, fb) { #expect(((p - q) * (p - q)).sum().squareRoot() < 1e-6) }
        }
    }

    /// Each bad file is a config error (exit 2) naming the file and what is wrong.
    @Test(arguments: [
        ("CHANNELS 3 Xrotation Yrotation Zrotation", "CHANNELS 3 Xrotation Yrotation", "lists only 2"),
        ("\t\tOFFSET 0 -1 0\n\t\tCHANNELS", "\t\tCHANNELS", "has no OFFSET"),
        ("0.5 1 0 11 21 31 4 5 6", "0.5 1 0 11 nan 31 4 5 6", "not a finite number"),
        ("Frames: 2", "Frames: 3", "Frames: says 3 but the file has 2"),
        ("0.5 1 0 11 21 31 4 5 6\n", "0.5 1 0 11 21 31 4 5 6\n1 1 1 1 1 1 1 1 1\n2 2 2 2 2 2 2 2 2\n", "the file has 4"),
    ])
    func badFilesAreOneLineErrors(_ find: String, _ replace: String, _ message: String) {
        let text = Self.small.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.small)
        do {
            _ = try BVHFile.parse(text, path: "bad.bvh")
            Issue.record("parsed a bad file: \(message)")
        } catch let error as LoomError {
            #expect(error.isUsageError)
            #expect(error.description.hasPrefix("bad.bvh:"))
            #expect(error.description.contains(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func oneExtraFrameLineIsReadToTheCountWithAWarning() throws {
        let text = Self.small + "9 9 9 9 9 9 9 9 9\n"
        let (motion, warnings) = try BVHFile.parse(text, path: "extra.bvh")
        #expect(motion.frameCount == 2)
        #expect(warnings.count == 1)
    }
}

@Suite struct URDFTests {
    @Test func deepMimicHumanoid() throws {
        let h = testHumanoid
        #expect(h.skeleton.links.map(\.name) == Humanoid.linkNames)
        #expect(abs(h.skeleton.mass - 45) < 1e-3)  // and pybullet's 0.1 g base link
        #expect(h.skeleton.links[4].joint == .revolute(axis: [0, 0, 1], lower: -3.14, upper: 0))
        #expect(h.skeleton.links[1].joint == .spherical)
        #expect(abs(h.skeleton.links[1].jointOffset.y - 0.944604 * 0.25) < 1e-12)
        #expect(h.deepMimicWidth == 43)
        guard case .box(let half) = h.skeleton.links[5].shape else { Issue.record("the ankle is not a box"); return }
        let expected: Vec3 = [0.0885, 0.0275, 0.045]
        #expect(((half - expected) * (half - expected)).sum() < 1e-20)
    }

    static let robot = """
        <robot name="r">
          <link name="a"><inertial><mass value="1"/><inertia ixx="1" iyy="1" izz="1"/></inertial>
            <collision><geometry><sphere radius="0.1"/></geometry></collision></link>
          <link name="b"><inertial><mass value="1"/><inertia ixx="1" iyy="1" izz="1"/></inertial>
            <collision><geometry><box size="1 1 1"/></geometry></collision></link>
          <joint name="j" type="spherical"><parent link="a"/><child link="b"/><origin xyz="0 1 0"/></joint>
        </robot>
        """

    func read(_ text: String) throws -> Skeleton {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-urdf-\(UUID().uuidString).urdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try (Data(text.utf8) + Data([0])).write(to: url)
        return try URDFReader.read(url)
    }

    @Test func readsAFileEndingInNUL() throws {
        let s = try read(Self.robot)
        #expect(s.links.map(\.name) == ["a", "b"])
        #expect(s.links[1].parent == 0 && s.links[1].jointOffset == [0, 1, 0])
    }

    @Test(arguments: [
        ("type=\"spherical\"", "type=\"prismatic\"", "only fixed, spherical and revolute"),
        ("<inertial><mass value=\"1\"/><inertia ixx=\"1\" iyy=\"1\" izz=\"1\"/></inertial>\n    <collision><geometry><box", "<collision><geometry><box", "link 'b' has no <inertial>"),
    ])
    func badRobotsAreOneLineErrors(_ find: String, _ replace: String, _ message: String) {
        let text = Self.robot.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.robot)
        #expect { try read(text) } throws: { error in
            guard let e = error as? LoomError else { return false }
            return e.isUsageError && e.description.contains(message) && !e.description.contains("\n")
        }
    }
}

@Suite struct DeepMimicClipTests {
    @Test func everyClipParses() throws {
        for source in MocapSources.all where !source.isBVH {
            let clip = try DeepMimicClip.read(MotionSources.url(source.path), width: testHumanoid.deepMimicWidth)
            #expect(clip.frames.count >= 25, "\(source.id)")
        }
    }

    @Test func missingSourceNamesMakeDeps() {
        #expect { try MotionSources.url("pybullet_data/nothing.txt") } throws: { error in
            (error as? LoomError)?.description.contains("make deps") == true
        }
    }
}
