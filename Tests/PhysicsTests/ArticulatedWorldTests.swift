import Foundation
import LoomCore
import Media
import Mocap
@testable import Physics
import Testing

private let humanoid: Humanoid = try! Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))

@Suite struct ArticulatedWorldTests {
    /// Bullet's link frames of a posed humanoid sit where the skeleton's forward kinematics puts the
    /// links' centres of mass: both use the same joint conventions.
    @Test func bulletAgreesWithTheSkeletonsKinematics() throws {
        let source = MocapSources.all.first { $0.id == "deepmimic/run" }!
        let pose = try MocapClip.load(source, humanoid: humanoid, fps: 20, unrollSeconds: 6).motion.poses[7]
        let world = try ArticulatedWorld(gravity: [0, -9.81, 0], fixedStep: 1.0 / 600)
        let body = try world.addBody(humanoid.skeleton, friction: 0.9, selfCollision: false)
        let links = humanoid.skeleton.links
        var positions: [Double] = []
        for (i, link) in links.enumerated().dropFirst() {
            let q = pose.rotations[i]
            if case .revolute(let axis, _, _) = link.joint { positions.append(q.twist(about: axis)) } else { positions += [q.x, q.y, q.z, q.w] }
        }
        let base = pose.root + pose.rotations[0].rotate(links[0].centerOfMass)
        try world.setState(body, ArticulatedState(basePosition: base, baseRotation: pose.rotations[0], baseVelocity: .zero, baseOmega: .zero,
                                                  positions: positions, velocities: Array(repeating: 0, count: body.velocityCount)))
        let fk = humanoid.frame(pose)
        for (i, c) in try world.linkCenters(body).enumerated() {
            let expected = fk.positions[i] + fk.orientations[i].rotate(links[i].centerOfMass)
            let d = c - expected
            print("link \(links[i].name): \((d * d).sum().squareRoot())")
            #expect((d * d).sum().squareRoot() < 1e-5, "link \(links[i].name)")
        }
    }

    @Test func badCallsAreErrorsWithAReason() throws {
        let world = try ArticulatedWorld(gravity: [0, -9.81, 0], fixedStep: 1.0 / 600)
        let body = try world.addBody(humanoid.skeleton, friction: 0.9, selfCollision: true)
        #expect(throws: PhysicsError.self) { try world.addGround(normal: .zero, offset: 0, friction: 1) }
        #expect(throws: PhysicsError.self) { try world.addMotors(to: body, maxTorque: [1, 2]) }
        let bogus = ArticulatedBody(handle: 7, links: body.links, positionCount: body.positionCount, velocityCount: body.velocityCount)
        do {
            try world.step()
            try world.addBaseWrench(bogus, force: .zero, torque: .zero)
            Issue.record("a bad handle must throw")
        } catch {
            #expect("\(error)".contains("no body with handle 7"), "\(error)")
        }
        do {
            try world.setMotorTargets(body, positions: Array(repeating: 0, count: body.positionCount),
                                      velocities: Array(repeating: 0, count: body.velocityCount), kp: 0.3, kd: 0.1)
            Issue.record("targets before motors must throw")
        } catch {
            #expect("\(error)".contains("no motors"), "\(error)")
        }
    }
}
