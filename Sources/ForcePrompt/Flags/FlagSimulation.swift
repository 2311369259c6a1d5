import Foundation
import LoomCore
import Physics

/// What a flag clip's simulation gives: every flag's node positions over the clip's frames, and the
/// main flag's tip over all 240 frames.
public struct FlagMotion: Sendable {
    /// One flag's nodes: `columns` × `rows`, x y z per node per clip frame, as Float.
    public struct Flag: Sendable {
        public let columns: Int
        public let rows: Int
        /// `clipFrames.count` × nodes × 3 values.
        public let positions: [Float]

        /// Node positions in clip frame `k` (0 = frame 121).
        public func frame(_ k: Int) -> ArraySlice<Float> {
            let n = columns * rows * 3
            return positions[(k * n)..<((k + 1) * n)]
        }
    }

    /// The main flag first, then the extra flags in the clip's order.
    public let flags: [Flag]
    /// The main flag's tip (middle of the free edge) in frames 1...240.
    public let tip: [SIMD3<Double>]
    /// The largest link stretch the main flag reached (length over rest length).
    public let maxStretch: Double
}

/// Simulates a flag clip's cloths in a Bullet soft-body world: frames 1...120 without wind, then
/// constant wind for frames 121...240 (reference §4.2, §10.2).
public enum FlagSimulation {
    /// A cloth stretched beyond this (link length over rest length) has blown up.
    public static let stretchLimit = 1.6

    /// A simulation that blew up: a non-finite node or a structural link stretched beyond
    /// `stretchLimit`, in any of the clip's flags.
    public struct Unstable: Error, Sendable {
        public let frame: Int
        public let stretch: Double
    }

    public static func run(_ clip: FlagClip) throws -> FlagMotion {
        let world = try ClothWorld(settings: ClothWorld.Settings(frameRate: Double(FlagScene.frameRate),
                                                                 substepsPerFrame: FlagScene.substepsPerFrame))
        var perturbation = RandomStream(key: clip.perturbationKey)
        var specs = [(base: SIMD3<Double>.zero, columns: FlagScene.columns, rows: FlagScene.rows)]
        specs += clip.extras.map { (SIMD3($0.base[0], $0.base[1], $0.base[2]), $0.columns, $0.rows) }
        var cloths: [Cloth] = []
        for spec in specs {
            let patch = FlagScene.patch(base: spec.base, columns: spec.columns, rows: spec.rows)
            let cloth = try world.addCloth(patch)
            // Out-of-plane (x) jitter, so the flat vertical patch can buckle and droop.
            var rest = [Double]()
            world.positions(of: cloth, into: &rest)
            let points = (0..<patch.nodeCount).map { i in
                SIMD3(rest[3 * i] + perturbation.uniform(-1, 1) * FlagScene.perturbation, rest[3 * i + 1], rest[3 * i + 2])
            }
            world.setPositions(cloth, points)
            // The pole-side edge: node 0 of every row.
            for j in 0..<spec.rows { world.pin(cloth, node: j * spec.columns) }
            cloths.append(cloth)
        }
        let clipFrames = FlagScene.clipFrames.count
        var positions = specs.map { [Float](repeating: 0, count: clipFrames * $0.columns * $0.rows * 3) }
        var tip: [SIMD3<Double>] = []
        let tipNode = FlagScene.tipNode(columns: FlagScene.columns, rows: FlagScene.rows)
        var buffer = [Double](), worst = 1.0
        let wind = FlagScene.wind(speed: clip.windSpeed, angle: clip.windAngle)
        for frame in 1...FlagScene.simulatedFrames {
            world.wind = FlagScene.windOn(frame: frame) ? wind : .zero
            world.stepFrame()
            for (f, cloth) in cloths.enumerated() {
                world.positions(of: cloth, into: &buffer)
                let stretch = world.maxStretch(of: cloth)
                guard stretch.isFinite, stretch <= stretchLimit else { throw Unstable(frame: frame, stretch: stretch) }
                if f == 0 {
                    tip.append(SIMD3(buffer[3 * tipNode], buffer[3 * tipNode + 1], buffer[3 * tipNode + 2]))
                    worst = max(worst, stretch)
                }
                guard FlagScene.clipFrames.contains(frame) else { continue }
                let k = frame - FlagScene.clipFrames.lowerBound, n = buffer.count
                positions[f].withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[k * n + i] = Float(buffer[i]) }
                }
            }
        }
        let flags = zip(specs, positions).map { FlagMotion.Flag(columns: $0.columns, rows: $0.rows, positions: $1) }
        return FlagMotion(flags: flags, tip: tip, maxStretch: worst)
    }
}
