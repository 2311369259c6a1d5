/// The physical plausibility figures of a motion (PhysDiff's and UHC's, on this humanoid's
/// collision shapes and foot soles instead of SMPL vertices). Lengths in metres.
public struct MotionQuality: Sendable, Equatable, Codable {
    /// Mean over frames of how deep the lowest point is below the ground (frames deeper than `tolerance`), m.
    public var penetration: Double
    /// Mean over frames of how high the lowest point is above the ground (frames higher than `tolerance`), m.
    public var floating: Double
    /// Mean horizontal speed of sole points that touch the ground in two consecutive frames, m/s.
    public var skating: Double
    /// Mean norm of the third time difference of the link positions, m/s³.
    public var jitter: Double

    /// Depth or height below which a frame counts as touching the ground (PhysDiff's 5 mm).
    public static let tolerance = 0.005
    /// A sole point this close to the ground (or below it) touches it, m.
    public static let contactHeight = 0.02

    /// Measures a motion sampled at `fps` frames per second.
    public static func measure(_ frames: [HumanoidFrame], fps: Double) -> MotionQuality {
        let n = Double(max(frames.count, 1))
        var penetration = 0.0, floating = 0.0
        for f in frames {
            if -f.lowest > tolerance { penetration += -f.lowest }
            if f.lowest > tolerance { floating += f.lowest }
        }
        var slide = 0.0, touching = 0
        for t in frames.indices.dropFirst() {
            for (a, b) in zip(frames[t - 1].soles, frames[t].soles) where a.y <= contactHeight && b.y <= contactHeight {
                let d = b - a
                slide += (d.x * d.x + d.z * d.z).squareRoot()
                touching += 1
            }
        }
        var jerk = 0.0, terms = 0
        if frames.count >= 4 {
            for t in 3..<frames.count {
                for j in frames[t].positions.indices {
                    let d = frames[t].positions[j] - 3 * frames[t - 1].positions[j] + 3 * frames[t - 2].positions[j] - frames[t - 3].positions[j]
                    jerk += (d * d).sum().squareRoot()
                    terms += 1
                }
            }
        }
        return MotionQuality(penetration: penetration / n, floating: floating / n,
                             skating: touching == 0 ? 0 : slide / Double(touching) * fps,
                             jitter: terms == 0 ? 0 : jerk / Double(terms) * fps * fps * fps)
    }
}
