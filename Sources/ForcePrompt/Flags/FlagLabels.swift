import Foundation
import Render

/// A flag clip's labels: the wind in the original's units, and how far and how fast the main flag's
/// tip moves on screen (a check that the motion follows the label).
public struct FlagLabels: Sendable {
    /// Wind speed in the original's units: 15000 × v / `FlagScene.calibratedWindMax` (v in m/s).
    public let speed: Double
    /// Mean on-screen distance (px) of the tip, over the clip, from where it hung at frame 120.
    public let tipDisplacement: Double
    /// Mean on-screen distance (px) the tip moves from one clip frame to the next.
    public let tipSpeed: Double

    public init(clip: FlagClip, motion: FlagMotion, camera: Camera) {
        speed = clip.windSpeed * FlagScene.originalWindMax / FlagScene.calibratedWindMax
        let pixels = motion.tip.map { camera.project($0) ?? SIMD2(0, 0) }
        let rest = pixels[FlagScene.settleFrames - 1]
        let clip = pixels[(FlagScene.clipFrames.lowerBound - 1)...]
        tipDisplacement = clip.map { (($0 - rest) * ($0 - rest)).sum().squareRoot() }.reduce(0, +) / Double(clip.count)
        let steps = zip(clip.dropFirst(), clip).map { (($0 - $1) * ($0 - $1)).sum().squareRoot() }
        tipSpeed = steps.reduce(0, +) / Double(max(steps.count, 1))
    }
}
