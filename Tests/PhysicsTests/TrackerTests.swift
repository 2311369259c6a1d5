import Foundation
import LoomCore
import Media
import Mocap
import Physics
import Testing

/// The DeepMimic humanoid from the `make deps` cache.
private let humanoid: Humanoid = try! Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))

/// The first `frames` frames of a take at 20 fps, on the ground (as the mocap dataset loads it).
private func clip(_ id: String, frames: Int = 81) throws -> [HumanoidPose] {
    let source = MocapSources.all.first { $0.id == id }!
    return Array(try MocapClip.load(source, humanoid: humanoid, fps: 20, unrollSeconds: 6).motion.poses.prefix(frames))
}

private func quality(_ poses: [HumanoidPose]) -> MotionQuality {
    MotionQuality.measure(poses.map(humanoid.frame), fps: 20)
}

@Suite struct TrackerTests {
    let tracker = HumanoidTracker(humanoid: humanoid)

    @Test(arguments: ["deepmimic/walk", "deepmimic/run"])
    func fullStrengthTracksRealMotion(id: String) throws {
        let t = try tracker.track(try clip(id), fps: 20, helperForce: tracker.weight, failSafeError: 0.5)
        print("\(id): root-relative \(t.rootRelativeError) m, link \(t.linkError) m, resets \(t.resets), steps \(t.steps)")
        #expect(t.rootRelativeError < 0.03)
        #expect(t.resets == 0)
        #expect(t.poses.count == 81)
    }

    @Test func withoutHelpTheHumanoidFalls() throws {
        let t = try tracker.track(try clip("deepmimic/walk"), fps: 20, helperForce: 0, failSafeError: 0.5)
        print("strength 0: root-relative \(t.rootRelativeError) m, link \(t.linkError) m, resets \(t.resets)")
        #expect(t.resets > 0)
        let free = try tracker.track(try clip("deepmimic/walk"), fps: 20, helperForce: 0, failSafeError: nil)
        let rootHeight = free.poses.last!.root.y, standing = free.poses[0].root.y
        print("strength 0 without fail-safe: root from \(standing) to \(rootHeight) m")
        #expect(rootHeight < 0.6 * standing)
    }

    @Test func aClipInTheFloorComesOutOnIt() throws {
        var poses = try clip("deepmimic/walk", frames: 41)
        for t in poses.indices { poses[t].root.y -= 0.05 }
        let before = quality(poses)
        let out = try tracker.track(poses, fps: 20, helperForce: tracker.weight, failSafeError: 0.5)
        let after = quality(out.poses)
        print("lowered: penetration \(before.penetration) -> \(after.penetration), floating \(after.floating)")
        #expect(before.penetration > 0.04)
        #expect(after.penetration == 0)
    }

    @Test func aFloatingClipComesDown() throws {
        var poses = try clip("deepmimic/walk", frames: 41)
        for t in poses.indices { poses[t].root.y += 0.15 }
        let before = quality(poses)
        let out = try tracker.track(poses, fps: 20, helperForce: tracker.weight, failSafeError: 0.5)
        let after = quality(out.poses)
        print("floating: \(before.floating) -> \(after.floating), penetration \(after.penetration)")
        #expect(after.floating < 0.02)
    }

    @Test func jitterIsSmoothedOut() throws {
        var poses = try clip("deepmimic/walk", frames: 41)
        var random = RandomStream(seed: 7, dataset: "test/jitter", index: 0)
        for t in poses.indices {
            for j in 1..<poses[t].rotations.count {
                let axis = Vec3(random.normal(), random.normal(), random.normal())
                poses[t].rotations[j] = poses[t].rotations[j] * Quaternion(axis: axis / (axis * axis).sum().squareRoot(), angle: 0.15)
            }
        }
        let before = quality(poses)
        let out = try tracker.track(poses, fps: 20, helperForce: tracker.weight, failSafeError: 0.5)
        let after = quality(out.poses)
        print("jitter: \(before.jitter) -> \(after.jitter) m/s^3")
        #expect(after.jitter <= 0.5 * before.jitter)
    }
}

@Suite struct TrackerDebug {
    @Test func debugWalk() throws {
        let tracker = HumanoidTracker(humanoid: humanoid)
        let poses = try clip("deepmimic/walk")
        for cap in [0.0, 200, 441, 1000] {
            let t = try tracker.track(poses, fps: 20, helperForce: cap, failSafeError: nil)
            var perLink = [Double](repeating: 0, count: 13)
            for f in 1..<poses.count {
                let a = humanoid.frame(t.poses[f]).positions, b = humanoid.frame(poses[f]).positions
                for j in 0..<13 { let d = (a[j] - a[0]) - (b[j] - b[0]); perLink[j] += (d * d).sum().squareRoot() / 80 }
            }
            print("cap \(cap): rel \(t.rootRelativeError) per link \(perLink.map { String(format: "%.3f", $0) })")
            for f in stride(from: 0, to: 81, by: 10) {
                let a = t.poses[f], b = poses[f]
                print(String(format: "  f%02d sim root (%.3f %.3f %.3f) ref (%.3f %.3f %.3f) rotErr %.3f refLow %.3f simLow %.3f", f, a.root.x, a.root.y, a.root.z, b.root.x, b.root.y, b.root.z,
                             (a.rotations[0].conjugate * b.rotations[0]).angle, humanoid.frame(b).lowest, humanoid.frame(a).lowest))
            }
        }
    }
}

@Suite struct MotorDebug {
    @Test func motorsReachTargets() throws {
        let tracker = HumanoidTracker(humanoid: humanoid)
        var pose = HumanoidPose(root: [0, 2, 0], rotations: Array(repeating: .identity, count: 13))
        pose.rotations[4] = Quaternion(axis: [0, 0, 1], angle: -1.0)
        pose.rotations[3] = Quaternion(axis: [0, 0, 1], angle: 0.5)
        pose.rotations[1] = Quaternion(axis: [1, 0, 0], angle: 0.3)
        let rest = HumanoidPose(root: [0, 2, 0], rotations: Array(repeating: .identity, count: 13))
        let poses = [rest] + Array(repeating: pose, count: 20)
        let t = try tracker.track(poses, fps: 20, helperForce: 1e7, failSafeError: nil)
        for f in [1, 2, 5, 10, 20] {
            let p = t.poses[f]
            print("f\(f): knee \(p.rotations[4].twist(about: [0, 0, 1])) hip \(p.rotations[3]) chest \(p.rotations[1]) root \(p.root)")
        }
    }
}

@Suite struct StandDebug {
    @Test func standAndAirWalk() throws {
        let tracker = HumanoidTracker(humanoid: humanoid)
        var rest = HumanoidPose(root: .zero, rotations: Array(repeating: .identity, count: 13))
        rest.root.y = -humanoid.frame(rest).lowest
        let stand = try tracker.track(Array(repeating: rest, count: 41), fps: 20, helperForce: tracker.weight, failSafeError: nil)
        print("stand: rel \(stand.rootRelativeError) link \(stand.linkError)")
        var walk = try clip("deepmimic/walk")
        for t in walk.indices { walk[t].root.y += 1 }
        for cap in [441.0, 5000] {
            let air = try tracker.track(walk, fps: 20, helperForce: cap, failSafeError: nil)
            var perLink = [Double](repeating: 0, count: 13)
            for f in 1..<walk.count {
                let a = humanoid.frame(air.poses[f]).positions, b = humanoid.frame(walk[f]).positions
                for j in 0..<13 { let d = (a[j] - a[0]) - (b[j] - b[0]); perLink[j] += (d * d).sum().squareRoot() / 80 }
            }
            print("air walk \(cap): rel \(air.rootRelativeError) link \(air.linkError) \(perLink.map { String(format: "%.3f", $0) })")
            for f in [1, 2, 3, 10, 40] {
                let k = air.poses[f].rotations[4].twist(about: [0, 0, 1]), kr = walk[f].rotations[4].twist(about: [0, 0, 1])
                print("  f\(f) knee sim \(k) ref \(kr); root rot err \((air.poses[f].rotations[0].conjugate * walk[f].rotations[0]).angle)")
            }
        }
    }
}
