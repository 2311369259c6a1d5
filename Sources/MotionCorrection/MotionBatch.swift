import SelfConsuming

/// Motion windows in the mocap dataset's feature format (`MotionFeatures`, HumanML3D's layout):
/// `count × frames × width` values, window after window, frame after frame.
///
/// The loop engine, the external corrector and the humanoid corrector see only the values; an
/// action label per window, when the model is conditioned, travels beside them in `labels`.
public struct MotionBatch: SampleBatch, Equatable {
    /// Feature frames per window.
    public let frames: Int
    /// Values per feature frame (`MotionFeatures.width`).
    public let width: Int
    /// The `count × frames × width` feature values, window after window.
    public var values: [Double]
    /// The action label of each window (an index into the dataset's actions); empty when unlabelled.
    public var labels: [Int]

    /// `[frames, width]`, the shape of one window.
    public var sampleShape: [Int] { [frames, width] }

    /// A batch of `values.count / (frames · width)` windows.
    public init(values: [Double], frames: Int, width: Int, labels: [Int] = []) {
        precondition(frames > 0 && width > 0 && values.count % (frames * width) == 0,
                     "\(values.count) values are not windows of \(frames) × \(width)")
        precondition(labels.isEmpty || labels.count == values.count / (frames * width), "one label per window")
        self.frames = frames
        self.width = width
        self.values = values
        self.labels = labels
    }

    /// An unlabelled batch of windows of `[frames, width]` shape.
    public init(values: [Double], sampleShape: [Int]) {
        precondition(sampleShape.count == 2, "motion windows have a [frames, width] sample shape, not \(sampleShape)")
        self.init(values: values, frames: sampleShape[0], width: sampleShape[1])
    }

    /// The first `k` windows with their labels.
    public func prefix(_ k: Int) -> MotionBatch {
        k >= count ? self : MotionBatch(values: Array(values.prefix(k * sampleSize)), frames: frames, width: width,
                                        labels: Array(labels.prefix(k)))
    }

    /// These windows' labels on new values (what a corrector returned for them).
    public func replacingValues(_ values: [Double]) -> MotionBatch {
        MotionBatch(values: values, frames: frames, width: width, labels: labels)
    }

    /// The feature values of window `i` (`frames · width` of them).
    public subscript(i: Int) -> ArraySlice<Double> {
        values[i * sampleSize..<(i + 1) * sampleSize]
    }
}
