/// `librosa.feature.chroma_cqt` (librosa 0.11 defaults, `tuning=0`): |CQT| with 36 bins per
/// octave from C1 over 7 octaves, each pitch class summing its three centred bins in every octave,
/// then every frame divided by its largest value (frames that are all zero stay zero).
public final class Chroma {
    /// Number of pitch classes (12).
    public let classes = 12
    /// The constant-Q transform the pitch classes are folded from.
    public let transform: ConstantQ

    /// A chroma of this layout, whose bins per octave are a multiple of 12.
    public init(layout: ConstantQ.Layout = .chromaDefaults) {
        precondition(layout.binsPerOctave % 12 == 0, "the bins per octave must be a multiple of 12")
        transform = ConstantQ(layout: layout)
    }

    /// Number of frames for a signal of `count` samples.
    public func frameCount(samples count: Int) -> Int { transform.frameCount(samples: count) }

    /// Chroma (frames × 12, C first) of a signal at the layout's sample rate.
    public func apply(_ signal: [Float]) -> [Float] {
        let cqt = transform.magnitude(signal)
        let bins = transform.layout.bins, perOctave = transform.layout.binsPerOctave
        let merge = perOctave / classes
        let frames = cqt.count / bins
        var out = [Float](repeating: 0, count: frames * classes)
        for t in 0..<frames {
            var peak: Float = 0
            for c in 0..<classes {
                var sum: Float = 0
                for octave in 0..<transform.layout.octaves {
                    for d in 0..<merge {
                        // librosa rolls the bin-to-class map by ⌊merge/2⌋ so each class is centred on its pitch.
                        let within = (c * merge + d - merge / 2 + perOctave) % perOctave
                        sum += cqt[t * bins + octave * perOctave + within]
                    }
                }
                out[t * classes + c] = sum
                peak = max(peak, sum)
            }
            if peak > Float.leastNormalMagnitude {
                for c in 0..<classes { out[t * classes + c] /= peak }
            }
        }
        return out
    }
}
