/// Sample levels of rendered audio.
public enum AudioLevel {
    /// The largest absolute sample (0 for no samples), eight lanes at a time.
    public static func peak(_ samples: UnsafeBufferPointer<Float>) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        let whole = samples.count / 8 * 8
        var i = 0
        while i < whole {
            let chunk = SIMD8<Float>(samples[i], samples[i + 1], samples[i + 2], samples[i + 3],
                                     samples[i + 4], samples[i + 5], samples[i + 6], samples[i + 7])
            lanes = pointwiseMax(lanes, pointwiseMax(chunk, -chunk))
            i += 8
        }
        var peak = lanes.max()
        while i < samples.count {
            peak = max(peak, abs(samples[i]))
            i += 1
        }
        return peak
    }
}
