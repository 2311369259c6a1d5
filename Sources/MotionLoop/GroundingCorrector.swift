import LoomCore
import MotionCorrection
import Physics
import SelfConsuming

/// A simple physics-motivated corrector (not the humanoid tracker): it moves each frame's root
/// height so that the body's lowest point approaches the ground, by the fraction s = γ/(1+γ) of the
/// way (s = 1 puts every frame on the ground: no penetration, no floating).
///
/// It edits the features in place: the root height of each frame, and every link's vertical
/// velocity by the change of that shift to the next frame (the last frame keeps its velocities).
public struct GroundingCorrector: Corrector {
    public typealias Batch = MotionBatch
    public let features: MotionFeatures
    public var name: String { "grounding" }

    public init(features: MotionFeatures) {
        self.features = features
    }

    public func correct(_ batch: MotionBatch, gamma: Double, context: CorrectionContext, random: inout RandomStream) -> MotionBatch {
        let s = correctionFraction(gamma: gamma)
        let w = batch.width, j = features.humanoid.linkCount, velocity = 4 + 3 * (j - 1) + 6 * j
        var values = batch.values
        for i in 0..<batch.count {
            let window = batch[i], base = window.startIndex
            let shift = features.recover(Array(window)).map { -s * features.humanoid.frame($0).lowest }
            for t in 0..<batch.frames {
                values[base + t * w + 3] += shift[t]
                let change = t + 1 < batch.frames ? shift[t + 1] - shift[t] : 0
                for link in 0..<j { values[base + t * w + velocity + 3 * link + 1] += change }
            }
        }
        return batch.replacingValues(values)
    }
}
