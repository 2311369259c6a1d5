import Physics

/// Puts a take on the ground frame by frame. On every frame where the supporting foot stands still
/// (HumanML3D's contact rule), the root is raised or lowered so that the body's lowest point is
/// within `MotionQuality.tolerance` of the ground; between those frames the root's correction is
/// linear in time, smoothed, and never pushes the body deeper than that tolerance. Where a hand or
/// the pelvis lies lower than the supporting foot (sitting), that foot is then brought down onto the
/// ground by leg inverse kinematics, as far as its leg stays above the ground and up to `reach`,
/// easing in and out over `ramp` frames. Moving the root and the feet changes the soles' steps
/// between frames, and so which frames stand still: the alignment repeats until the contact frames
/// no longer change.
enum GroundAlignment {
    /// The most alignment passes (each recomputes the contact frames; every source take settles within 4).
    static let passes = 8
    /// Frames over which a foot's inverse-kinematics drop eases in and out.
    static let ramp = 4
    /// The highest a supporting foot is brought down by inverse kinematics, m: a foot higher than this
    /// while the body lies on another part is at the top of a swing (HumanML3D's rule counts any
    /// slow sole as still), not standing. The retargeted sitting of `cmu/Boxing_Toes` needs 10 cm.
    static let reach = 0.15
    /// Frames either side averaged into the root's correction.
    static let smoothing = 2

    /// Aligns `motion` in place; returns the height each frame's root was lowered by, metres.
    static func align(_ motion: inout MotionClip, humanoid: Humanoid) -> [Double] {
        var lowered = [Double](repeating: 0, count: motion.poses.count)
        var previous: [Int]? = nil
        let legs = LegIK(humanoid: humanoid)
        for _ in 0..<passes {
            var frames = motion.poses.map(humanoid.frame)
            let contacts = frames.indices.dropLast().filter { frames[$0].supportHeight(next: frames[$0 + 1]) != nil }
            if contacts == previous { break }
            previous = contacts
            let lift = corrections(lowest: frames.map(\.lowest), contacts: contacts)
            for t in motion.poses.indices {
                motion.poses[t].root.y += lift[t]
                lowered[t] -= lift[t]
            }
            frames = motion.poses.map(humanoid.frame)
            for (foot, drop) in drops(frames, contacts: contacts).enumerated() {
                for t in drop.indices where drop[t] > 1e-9 {
                    motion.poses[t] = placed(motion.poses[t], foot: foot, drop: drop[t], legs: legs)
                }
            }
        }
        motion.makeContinuous()
        return lowered
    }

    /// The height to add to each frame's root: minus its lowest point on the contact frames, linear
    /// in time between them (held before the first and after the last), averaged over `smoothing`
    /// frames either side, then kept within `MotionQuality.tolerance` of minus the lowest point on
    /// the contact frames and no deeper than that tolerance anywhere. Without contact frames, one
    /// lift that puts the lowest point of all on the ground.
    static func corrections(lowest: [Double], contacts: [Int]) -> [Double] {
        guard let first = contacts.first, let last = contacts.last else {
            let lift = -(lowest.min() ?? 0)
            return lowest.map { _ in lift }
        }
        var lift = [Double](repeating: 0, count: lowest.count)
        for t in 0...first { lift[t] = -lowest[first] }
        for t in last..<lowest.count { lift[t] = -lowest[last] }
        for (a, b) in zip(contacts, contacts.dropFirst()) {
            for t in a...b {
                let u = Double(t - a) / Double(b - a)
                lift[t] = -lowest[a] + u * (lowest[a] - lowest[b])
            }
        }
        let smooth = lift.indices.map { t in
            let near = lift[max(t - smoothing, 0)...min(t + smoothing, lift.count - 1)]
            return near.reduce(0, +) / Double(near.count)
        }
        let tolerance = MotionQuality.tolerance
        var out = zip(smooth, lowest).map { max($0, -$1 - tolerance) }
        for t in contacts { out[t] = min(max(out[t], -lowest[t] - tolerance), -lowest[t] + tolerance) }
        return out
    }

    /// For each foot (left, right), how far to lower it in each frame: its height where it is the
    /// supporting foot of a contact frame (up to `reach`), fading linearly over `ramp` frames either side, and never
    /// below the ground.
    static func drops(_ frames: [HumanoidFrame], contacts: [Int]) -> [[Double]] {
        var drops = [[Double]](repeating: [Double](repeating: 0, count: frames.count), count: 2)
        for t in contacts {
            let lows = frames[t].footLowest
            let foot = lows[0] <= lows[1] ? 0 : 1
            guard lows[foot] <= reach else { continue }
            for s in max(t - ramp, 0)...min(t + ramp, frames.count - 1) {
                let fade = Double(ramp + 1 - abs(s - t)) / Double(ramp + 1)
                drops[foot][s] = max(drops[foot][s], min(lows[foot] * fade, frames[s].footLowest[foot]))
            }
        }
        return drops
    }

    /// `pose` with a foot lowered by `drop`, or by as much of it as keeps the thigh and shin above the ground.
    static func placed(_ pose: HumanoidPose, foot: Int, drop: Double, legs: LegIK) -> HumanoidPose {
        let skeleton = legs.humanoid.skeleton
        let knee = skeleton.links[legs.humanoid.feet[foot]].parent!, hip = skeleton.links[knee].parent!
        func fits(_ candidate: HumanoidPose) -> Bool {
            let (p, o) = skeleton.forward(root: candidate.root, rotations: candidate.rotations)
            return [hip, knee].allSatisfy { skeleton.lowestPoint(of: $0, positions: p, orientations: o) >= -1e-4 }
        }
        let full = legs.lowered(pose, foot: foot, by: drop)
        if fits(full) { return full }
        var reachable = 0.0, blocked = drop
        for _ in 0..<12 {
            let mid = (reachable + blocked) / 2
            if fits(legs.lowered(pose, foot: foot, by: mid)) { reachable = mid } else { blocked = mid }
        }
        return reachable > 0 ? legs.lowered(pose, foot: foot, by: reachable) : pose
    }
}
