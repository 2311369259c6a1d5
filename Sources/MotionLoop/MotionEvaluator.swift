import Learn
import LoomCore
import MotionCorrection
import Physics

/// The per-generation figures of a motion generator against the real test windows (§3.6 of the
/// reference notes, with our frozen encoder in place of the T2M evaluator): FID in the encoder's
/// embedding and on kinematic features, diversity, precision and recall, action accuracy of the
/// label-conditioned samples, and the physics figures.
public struct MotionEvaluator: Sendable {
    /// The test windows the samples are compared with; samples are drawn with their labels.
    public let reference: MotionBatch
    public let encoder: MotionEncoder
    public let features: MotionFeatures
    public let fps: Double
    let referenceEmbeddings: Matrix
    let referenceKinematics: Matrix
    /// Per-feature scale of the kinematic features (sd over the training windows), so no unit dominates.
    let kinematicScale: [Float]

    public static let physicsNames = ["penetration_m", "floating_m", "skating_m_per_s", "jitter_m_per_s3"]
    public let metricNames = ["fid", "fid_kinematic", "diversity", "precision", "recall", "accuracy"] + physicsNames

    public init(reference: MotionBatch, training: MotionBatch, encoder: MotionEncoder, features: MotionFeatures, fps: Double) {
        self.reference = reference
        self.encoder = encoder
        self.features = features
        self.fps = fps
        let links = features.humanoid.linkCount
        let train = KinematicFeatures.of(training, links: links)
        let (_, covariance) = EmbeddingMetrics.moments(train)
        let d = train.cols
        kinematicScale = (0..<d).map { Float(max(covariance[$0 * d + $0].squareRoot(), 1e-6)) }
        referenceEmbeddings = encoder.embed(reference).embeddings
        referenceKinematics = Self.scaled(KinematicFeatures.of(reference, links: links), kinematicScale)
    }

    static func scaled(_ x: Matrix, _ scale: [Float]) -> Matrix {
        var out = x
        for i in out.values.indices { out.values[i] /= scale[i % x.cols] }
        return out
    }

    /// Every figure of `metricNames` for `windows` (labelled as `reference`).
    public func measure(_ windows: MotionBatch, random: inout RandomStream) throws -> [Double] {
        let (embeddings, predicted) = encoder.embed(windows)
        let kinematics = Self.scaled(KinematicFeatures.of(windows, links: features.humanoid.linkCount), kinematicScale)
        let (precision, recall) = EmbeddingMetrics.precisionRecall(real: referenceEmbeddings, generated: embeddings)
        let correct = zip(predicted, windows.labels).filter { $0 == $1 }.count
        return [try EmbeddingMetrics.frechetDistance(referenceEmbeddings, embeddings),
                try EmbeddingMetrics.frechetDistance(referenceKinematics, kinematics),
                EmbeddingMetrics.diversity(embeddings, random: &random), precision, recall,
                Double(correct) / Double(max(windows.count, 1))] + physics(windows)
    }

    /// Penetration, floating, skating and jitter of `windows` (mean over windows).
    public func physics(_ windows: MotionBatch) -> [Double] {
        physicsFigures(windows, features: features, fps: fps)
    }
}
