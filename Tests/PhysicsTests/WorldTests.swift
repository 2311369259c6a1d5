import Testing
@testable import Physics

/// A world with a 40 m ground box whose top is at z = 0.
private func groundWorld(_ settings: World.Settings = World.Settings()) throws -> World {
    let world = try World(settings: settings)
    _ = try world.addBox(halfExtents: SIMD3(20, 20, 0.5), mass: 0, at: SIMD3(0, 0, -0.5),
                         material: SurfaceMaterial(friction: 0.8, restitution: 0), motion: .fixed)
    return world
}

private let ballSurface = SurfaceMaterial(friction: 0.5, restitution: 0.5, linearDamping: 0.04,
                                          angularDamping: 0.1, margin: 0.02)

private func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { ((a - b) * (a - b)).sum().squareRoot() }

/// Pushes a ball resting at the origin away from a point 0.5 m toward +x (at z = 0.28 above the
/// centre) for 24 frames, then lets it roll 24 more; returns the trajectory of its centre.
private func push(mass: Double, strength: Double) throws -> [SIMD3<Double>] {
    let world = try groundWorld()
    let ball = try world.addSphere(radius: 0.55, mass: mass, at: SIMD3(0, 0, 0.57), material: ballSurface)
    let field = SIMD3(0.5, 0.0, 0.85)
    var path = [world.state(of: ball).position]
    for frame in 0..<48 {
        if frame < 24 {
            let away = world.state(of: ball).position - field
            world.holdForce(away * (strength / (away * away).sum().squareRoot()), on: ball)
        }
        world.stepFrame()
        path.append(world.state(of: ball).position)
    }
    return path
}

@Test func ballAtRestStaysAtRest() throws {
    let world = try groundWorld()
    let start = SIMD3(1.0, -2.0, 0.57)
    let ball = try world.addSphere(radius: 0.55, mass: 1, at: start, material: ballSurface)
    for _ in 0..<96 { world.stepFrame() }
    let state = world.state(of: ball)
    #expect(distance(state.position, start) < 1e-3)
    #expect((state.linearVelocity * state.linearVelocity).sum().squareRoot() < 1e-3)
    #expect(world.frame == 96)
}

@Test func pushMovesTheBallAwayFromTheFieldPoint() throws {
    let path = try push(mass: 1, strength: 20)
    let moved = path.last! - path.first!
    // The field is at +x, so the ball must go toward −x, and stay on the ground line.
    #expect(moved.x < -5)
    #expect(abs(moved.y) < 1e-3)
    #expect(abs(path.last!.z - 0.57) < 0.01)
    // Monotone: every frame is further from the field than the one before, from the push on.
    for (a, b) in zip(path.dropFirst(), path.dropFirst(2)) { #expect(b.x <= a.x + 1e-9) }
}

@Test func bowlingBallMovesLessThanSoccerBallForTheSameForce() throws {
    let soccer = try push(mass: 1, strength: 30)
    let bowling = try push(mass: 4, strength: 30)
    let dSoccer = distance(soccer.last!, soccer.first!)
    let dBowling = distance(bowling.last!, bowling.first!)
    #expect(dBowling < dSoccer)
    // Rolling without slipping, the displacement scales as 1/mass.
    #expect(abs(dBowling / dSoccer - 0.25) < 0.03, "ratio \(dBowling / dSoccer)")
}

@Test func sameInputsGiveTheSameTrajectoryBitForBit() throws {
    func run() throws -> [[BodyState]] {
        let world = try groundWorld()
        let ball = try world.addSphere(radius: 0.55, mass: 1, at: SIMD3(0, 0, 0.57), material: ballSurface)
        var bodies = [ball]
        for i in 0..<3 {
            bodies.append(try world.addSphere(radius: 0.55, mass: 1, at: SIMD3(-3 - 1.2 * Double(i), 0.3 * Double(i), 0.57),
                                              material: ballSurface, motion: i == 0 ? .kinematic : .dynamic))
        }
        var states: [[BodyState]] = []
        for frame in 0..<72 {
            if frame < 24 { world.holdForce(SIMD3(-40, 0, -20), on: ball) }
            world.stepFrame()
            states.append(bodies.map { world.state(of: $0) })
        }
        return states
    }
    let a = try run(), b = try run()
    #expect(a == b)
    // The run had contacts: the pushed ball hit the kinematic one and stopped short of it.
    #expect(a.last![0].position.x > -3)
}

@Test func kinematicBodiesHoldUntilSwitchedToDynamic() throws {
    let world = try groundWorld()
    let ball = try world.addSphere(radius: 0.5, mass: 2, at: SIMD3(0, 0, 3), material: ballSurface, motion: .kinematic)
    #expect(world.isKinematic(ball))
    #expect(world.mass(of: ball) == 0)
    for _ in 0..<12 { world.stepFrame() }
    #expect(world.state(of: ball).position.z == 3)
    world.setKinematic(ball, false)
    #expect(!world.isKinematic(ball))
    #expect(abs(world.mass(of: ball) - 2) < 1e-6)
    world.stepFrame()
    // Falling freely for 1/24 s from rest under gravity: v = g·t.
    #expect(abs(world.state(of: ball).linearVelocity.z + 9.81 / 24) < 0.01)
    for _ in 0..<48 { world.stepFrame() }
    // It lands on the ground and rests on its contact radius (0.5 + 0.02).
    #expect(abs(world.state(of: ball).position.z - 0.52) < 0.01)
    world.setMass(ball, 5)
    #expect(abs(world.mass(of: ball) - 5) < 1e-5)
}

@Test func slidingBoxStopsWhereCoulombFrictionSays() throws {
    let world = try groundWorld()
    let box = try world.addBox(halfExtents: SIMD3(0.5, 0.5, 0.5), mass: 1, at: SIMD3(0, 0, 0.5),
                               material: SurfaceMaterial(friction: 0.5, restitution: 0))
    world.stepFrame()
    world.setVelocity(box, linear: SIMD3(4, 0, 0))
    let x0 = world.state(of: box).position.x
    for _ in 0..<48 { world.stepFrame() }
    // μ = 0.8 × 0.5 = 0.4: stopping distance v²/(2μg).
    let expected = 16 / (2 * 0.4 * 9.81)
    #expect(abs(world.state(of: box).position.x - x0 - expected) < 0.05 * expected)
}

@Test func dampingFollowsBulletsLaw() throws {
    let world = try World(settings: World.Settings(gravity: .zero))
    let ball = try world.addSphere(radius: 0.5, mass: 1, at: .zero,
                                   material: SurfaceMaterial(linearDamping: 0.3, angularDamping: 0.1))
    world.setVelocity(ball, linear: SIMD3(2, 0, 0), angular: SIMD3(0, 0, 1))
    for _ in 0..<24 { world.stepFrame() }
    let state = world.state(of: ball)
    // v·(1 − d)^t after t = 1 s.
    #expect(abs(state.linearVelocity.x - 2 * 0.7) < 1e-4)
    #expect(abs(state.angularVelocity.z - 0.9) < 1e-4)
}

@Test func restitutionMakesBallsBounce() throws {
    func bounceHeight(_ groundRestitution: Double) throws -> Double {
        let world = try World()
        _ = try world.addPlane(normal: SIMD3(0, 0, 1), offset: 0,
                               material: SurfaceMaterial(friction: 0.5, restitution: groundRestitution))
        let ball = try world.addSphere(radius: 0.5, mass: 1, at: SIMD3(0, 0, 2.5),
                                       material: SurfaceMaterial(restitution: 0.8, margin: 0))
        var peak = 0.0, landed = false
        for _ in 0..<72 {
            world.stepFrame()
            let s = world.state(of: ball)
            if s.linearVelocity.z > 0.1 { landed = true }
            if landed { peak = max(peak, s.position.z) }
        }
        return peak
    }
    // e = 0.8 × 1 bounces back to about e² of the 2 m drop; e = 0.8 × 0 does not bounce.
    let high = try bounceHeight(1)
    #expect(abs(high - 0.5 - 0.64 * 2) < 0.2, "peak \(high)")
    #expect(try bounceHeight(0) < 0.55)
}
