/// `librosa.feature.melspectrogram` with its defaults: power STFT (periodic Hann, zero-padded,
/// centred frames) through a Slaney mel filterbank. Holds its FFT plan: one per thread.
public final class MelSpectrogram {
    /// The power STFT.
    public let stft: ShortTimeFourier
    /// The Slaney mel filterbank applied to each frame.
    public let filterbank: MelFilterbank

    /// librosa's defaults: n_fft 2048, hop 512, 128 mels over 0 Hz – Nyquist.
    public init(sampleRate: Double = 22_050, fftSize: Int = 2048, hop: Int = 512, bands: Int = 128) {
        stft = ShortTimeFourier(size: fftSize, hop: hop, window: Window.hann(fftSize))
        filterbank = MelFilterbank(sampleRate: sampleRate, fftSize: fftSize, bands: bands)
    }

    /// Number of frames for a signal of `count` samples.
    public func frameCount(samples count: Int) -> Int { stft.frameCount(samples: count) }

    /// The mel power spectrogram, frames × bands: each frame's power spectrum goes through the
    /// filterbank while it is in cache (the whole power spectrogram is never stored).
    public func apply(_ signal: UnsafeBufferPointer<Float>) -> [Float] {
        let bins = stft.bins, bands = filterbank.bands
        var out = [Float](repeating: 0, count: frameCount(samples: signal.count) * bands)
        let power = UnsafeMutablePointer<Float>.allocate(capacity: bins)
        defer { power.deallocate() }
        out.withUnsafeMutableBufferPointer { o in
            stft.forEachFrame(signal) { frame, spectrum in
                for k in 0..<bins { power[k] = spectrum[k].0 * spectrum[k].0 + spectrum[k].1 * spectrum[k].1 }
                filterbank.apply(row: power, into: o.baseAddress! + frame * bands)
            }
        }
        return out
    }
}
