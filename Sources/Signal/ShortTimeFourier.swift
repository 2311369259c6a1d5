import CFFTW

/// The short-time Fourier transform as librosa computes it with `center=True` and
/// `pad_mode="constant"`: the signal is padded with `size/2` zeros on both sides and frame `t`
/// starts at sample `t·hop − size/2`, giving `1 + n/hop` frames for `n` samples.
public final class ShortTimeFourier {
    /// Frame length (samples).
    public let size: Int
    /// Frame step (samples).
    public let hop: Int
    /// The analysis window, `size` values.
    public let window: [Float]
    private let fft: RealFFT

    /// An STFT of frames of `size` samples every `hop` samples, each multiplied by `window`.
    public init(size: Int, hop: Int, window: [Float]) {
        precondition(hop > 0 && window.count == size, "the window must have `size` values and the hop must be positive")
        self.size = size
        self.hop = hop
        self.window = window
        fft = RealFFT(size: size)
    }

    /// Number of complex bins per frame, `size/2 + 1`.
    public var bins: Int { fft.bins }

    /// Number of frames for a signal of `count` samples.
    public func frameCount(samples count: Int) -> Int { 1 + count / hop }

    /// Calls `body` with each frame's index and spectrum (`bins` complex values), in order.
    public func forEachFrame(_ signal: UnsafeBufferPointer<Float>,
                             _ body: (_ frame: Int, _ spectrum: UnsafePointer<fftwf_complex>) -> Void) {
        let half = size / 2
        let input = fft.input
        window.withUnsafeBufferPointer { w in
            for frame in 0..<frameCount(samples: signal.count) {
                // Window the samples inside the signal; the padding outside it is zeros.
                let start = frame * hop - half
                let first = max(0, -start), end = min(size, signal.count - start)
                for i in 0..<first { input[i] = 0 }
                if first < end {
                    let from = signal.baseAddress! + start
                    for i in first..<end { input[i] = from[i] * w[i] }
                }
                for i in max(end, first)..<size { input[i] = 0 }
                fft.transform()
                body(frame, fft.output)
            }
        }
    }
}
