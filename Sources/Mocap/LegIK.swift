import Foundation
import Physics

/// Two-bone inverse kinematics of the humanoid's legs: moves an ankle while the hip stays where it
/// is and the foot keeps its orientation in the world, by bending the knee about its hinge and
/// swinging the thigh by the shortest turn. (The hinge axes are perpendicular to the bones, as
/// in DeepMimic's humanoid.)
struct LegIK {
    let humanoid: Humanoid

    /// `pose` with foot `foot` (0 left, 1 right) lowered by `drop` metres, or as near as the leg reaches.
    func lowered(_ pose: HumanoidPose, foot: Int, by drop: Double) -> HumanoidPose {
        let links = humanoid.skeleton.links
        let ankle = humanoid.feet[foot]
        guard let knee = links[ankle].parent, let hip = links[knee].parent, let pelvis = links[hip].parent,
              case .revolute(let axis, let lower, let upper) = links[knee].joint else { return pose }
        let (p, o) = humanoid.skeleton.forward(root: pose.root, rotations: pose.rotations)
        func length(_ v: Vec3) -> Double { (v * v).sum().squareRoot() }
        let thigh = links[knee].jointOffset, shin = links[ankle].jointOffset
        let l1 = length(thigh), l2 = length(shin)
        let reach = p[ankle] - p[hip] - Vec3(0, drop, 0)
        // |thigh + R(bend) shin|² = l1² + l2² + 2 l1 l2 cos(bend + rest)
        let normal = Vec3(thigh.y * shin.z - thigh.z * shin.y, thigh.z * shin.x - thigh.x * shin.z, thigh.x * shin.y - thigh.y * shin.x)
        let rest = atan2((axis * normal).sum(), (thigh * shin).sum())
        let d = length(reach)
        let c = (d * d - l1 * l1 - l2 * l2) / (2 * l1 * l2)
        let bend = min(max(-acos(min(max(c, -1), 1)) - rest, lower), upper)
        let kneeRotation = Quaternion(axis: axis, angle: bend)
        let reached = o[hip].rotate(thigh + kneeRotation.rotate(shin))
        let hipWorld = Quaternion(from: reached / length(reached), to: reach / d) * o[hip]
        var out = pose
        out.rotations[hip] = o[pelvis].conjugate * hipWorld
        out.rotations[knee] = kneeRotation
        out.rotations[ankle] = (hipWorld * kneeRotation).conjugate * o[ankle]
        return out
    }
}
