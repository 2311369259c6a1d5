import Foundation
import Testing
@testable import Physics

/// A 1 × 0.5 m patch in the Y-Z plane, pinned along its y = 0 edge, jittered out of plane.
private func flag(in world: ClothWorld, pressure: Double = 1.2) throws -> Cloth {
    let patch = ClothPatch(c00: SIMD3(0, 0, 3), c10: SIMD3(0, 1, 3), c01: SIMD3(0, 0, 2.5), c11: SIMD3(0, 1, 2.5),
                           columns: 11, rows: 6, mass: 0.1, stretchStiffness: 0.9, bendStiffness: 0.1, iterations: 4,
                           damping: 0.005, pressureCoefficient: pressure)
    let cloth = try world.addCloth(patch)
    var rest = [Double]()
    world.positions(of: cloth, into: &rest)
    world.setPositions(cloth, (0..<patch.nodeCount).map { i in
        SIMD3(rest[3 * i] + (i % 3 == 0 ? 0.002 : -0.001), rest[3 * i + 1], rest[3 * i + 2])
    })
    for j in 0..<patch.rows { world.pin(cloth, node: j * patch.columns) }
    return cloth
}

private func tip(_ world: ClothWorld, _ cloth: Cloth) -> SIMD3<Double> {
    var p = [Double]()
    world.positions(of: cloth, into: &p)
    let i = 3 * (2 * 11 + 10)
    return SIMD3(p[i], p[i + 1], p[i + 2])
}

@Test func aPinnedClothDroopsAndTheWindBlowsIt() throws {
    let world = try ClothWorld()
    let cloth = try flag(in: world)
    var before = [Double]()
    world.positions(of: cloth, into: &before)
    for _ in 0..<48 { world.stepFrame() }
    var after = [Double]()
    world.positions(of: cloth, into: &after)
    // Pinned nodes stay put; the free edge falls.
    for j in 0..<6 { #expect(after[3 * j * 11 + 2] == before[3 * j * 11 + 2]) }
    let hanging = tip(world, cloth)
    #expect(hanging.z < 2.5, "the tip hangs at z \(hanging.z)")
    world.wind = SIMD3(15, 0, 0)
    for _ in 0..<48 { world.stepFrame() }
    #expect(tip(world, cloth).x > 0.3, "the tip is at x \(tip(world, cloth).x) in 15 m/s wind along +x")
    #expect(world.maxStretch(of: cloth) < 1.3)
    var normals = [Double]()
    world.normals(of: cloth, into: &normals)
    let n = SIMD3(normals[0], normals[1], normals[2])
    #expect(abs((n * n).sum() - 1) < 1e-3)
}

@Test func noPressureNoWindForce() throws {
    let still = try ClothWorld(), windy = try ClothWorld()
    let a = try flag(in: still, pressure: 0), b = try flag(in: windy, pressure: 0)
    windy.wind = SIMD3(20, 0, 0)
    for _ in 0..<30 {
        still.stepFrame()
        windy.stepFrame()
    }
    #expect(tip(still, a) == tip(windy, b))
}
