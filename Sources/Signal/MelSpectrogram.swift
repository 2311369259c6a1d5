/// `librosa.feature.melspectrogram` with its defaults: power STFT (periodic Hann, zero-padded,
/// centred frames) through a Slaney mel filterbank. Holds its FFT plan: one per thread.
public final class MelSpectrogram {
    public let stft: ShortTimeFourier
    public let filterbank: MelFilterbank

    /// librosa's defaults: n_fft 2048, hop 512, 128 mels over 0 Hz – Nyquist.
    public init(sampleRate: Double = 22_050, fftSize: Int = 2048, hop: Int = 512, bands: Int = 128) {
        stft = ShortTimeFourier(size: fftSize, hop: hop, window: Window.hann(fftSize))
        filterbank = MelFilterbank(sampleRate: sampleRate, fftSize: fftSize, bands: bands)
    }

    /// Number of frames for a signal of `count` samples.
    public func frameCount(samples count: Int) -> Int { stft.frameCount(samples: count) }

    /// The mel power spectrogram, frames × bands.
    public func apply(_ signal: UnsafeBufferPointer<Float>) -> [Float] {
        filterbank.apply(stft.power(signal), frames: frameCount(samples: signal.count))
    }
}
