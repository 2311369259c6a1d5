import CFFTW
import Foundation

/// The magnitude constant-Q transform of `librosa.cqt` (librosa 0.11, `tuning=0`): Hann-windowed
/// complex wavelets, L1-normalised, one octave at a time from the top, the signal halved in rate
/// (and scaled by √2) between octaves, the FFT basis sparsified at quantile 0.01, and each bin
/// divided by √(its filter length). Our rate halving is `HalfbandDecimator`, not soxr.
public final class ConstantQ {
    /// Parameters of a constant-Q analysis.
    public struct Layout: Sendable, Equatable {
        /// Input sample rate (Hz).
        public var sampleRate: Double
        /// Frame step at the input rate (samples); must be divisible by 2^(octaves−1).
        public var hop: Int
        /// Centre frequency of the lowest bin (Hz).
        public var minFrequency: Double
        /// Bins per octave.
        public var binsPerOctave: Int
        /// Octaves covered; each is analysed at half the sample rate of the octave above it.
        public var octaves: Int

        /// librosa's `chroma_cqt` defaults at 22,050 Hz: hop 512, C1 (32.70 Hz), 36 bins per octave, 7 octaves.
        public static let chromaDefaults = Layout(sampleRate: 22_050, hop: 512, minFrequency: 440 * pow(2, -45.0 / 12),
                                                  binsPerOctave: 36, octaves: 7)

        /// Total bins, `binsPerOctave × octaves`.
        public var bins: Int { binsPerOctave * octaves }
    }

    /// The frequencies and framing.
    public let layout: Layout
    /// The FFT length every octave uses (samples at that octave's rate).
    public let fftSize: Int
    /// The octave's sparse FFT basis: bin j (low to high) keeps FFT bins
    /// `columns[offsets[j]..<offsets[j+1]]` with complex weights (`re`, `im`) at the same positions.
    let offsets: [Int]
    let columns: [Int32]
    let re: [Float]
    let im: [Float]
    /// 1/√(filter length at the input rate), per bin, low to high.
    let lengthScale: [Float]
    /// One STFT per octave (window of ones), the hop halving from octave to octave.
    let stfts: [ShortTimeFourier]
    let decimator = HalfbandDecimator()

    /// A transform of this layout; the hop must be divisible by 2^(octaves−1).
    public init(layout: Layout) {
        precondition(layout.hop % (1 << (layout.octaves - 1)) == 0, "the hop must halve once per octave")
        self.layout = layout
        let b = layout.binsPerOctave
        let freqs = (0..<layout.bins).map { layout.minFrequency * pow(2, Double($0) / Double(b)) }
        let ratio = pow(2, 2 / Double(b))
        let alpha = (ratio - 1) / (ratio + 1)
        let q = 1 / alpha
        lengthScale = freqs.map { Float(1 / (q * layout.sampleRate / $0).squareRoot()) }
        // The filters of the top octave at the input rate; every lower octave has the same ones in
        // its own samples, since frequency and rate both halve.
        let top = Array(freqs.suffix(b))
        let lengths = top.map { q * layout.sampleRate / $0 }
        let size = 1 << Int(ceil(log2(lengths.max()!)))
        fftSize = size
        let basis = Self.filterSpectra(frequencies: top, lengths: lengths, sampleRate: layout.sampleRate, fftSize: size)
        offsets = basis.reduce(into: [0]) { $0.append($0.last! + $1.index.count) }
        columns = basis.flatMap(\.index)
        re = basis.flatMap(\.re)
        im = basis.flatMap(\.im)
        let ones = [Float](repeating: 1, count: size)
        stfts = (0..<layout.octaves).map { ShortTimeFourier(size: size, hop: layout.hop >> $0, window: ones) }
    }

    /// The sparsified FFTs of the octave's wavelets: Hann-windowed complex exponentials of the given
    /// lengths (samples), L1-normalised, scaled by length/fftSize and centred in `fftSize` samples.
    static func filterSpectra(frequencies: [Double], lengths: [Double], sampleRate: Double,
                              fftSize: Int) -> [(index: [Int32], re: [Float], im: [Float])] {
        let fft = RealFFT(size: fftSize)
        var basis: [(index: [Int32], re: [Float], im: [Float])] = []
        for (f, length) in zip(frequencies, lengths) {
            let start = Int(floor(-length / 2)), end = Int(floor(length / 2))
            let count = end - start
            var re = [Double](), im = [Double]()
            for (i, n) in (start..<end).enumerated() {
                let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(count))
                let phase = 2 * Double.pi * f * Double(n) / sampleRate
                re.append(cos(phase) * window)
                im.append(sin(phase) * window)
            }
            let l1 = zip(re, im).reduce(0) { $0 + ($1.0 * $1.0 + $1.1 * $1.1).squareRoot() }
            let scale = length / Double(fftSize) / l1
            let offset = (fftSize - count) / 2
            // B = FFT(real part) + i·FFT(imaginary part), both through the real FFT.
            func spectrum(_ part: [Double]) -> [(Double, Double)] {
                for i in 0..<fftSize { fft.input[i] = 0 }
                for i in 0..<count { fft.input[offset + i] = Float(part[i] * scale) }
                fft.transform()
                return (0..<fft.bins).map { (Double(fft.output[$0].0), Double(fft.output[$0].1)) }
            }
            let a = spectrum(re), c = spectrum(im)
            basis.append(sparsify(re: zip(a, c).map { $0.0 - $1.1 }, im: zip(a, c).map { $0.1 + $1.0 }, quantile: 0.01))
        }
        return basis
    }

    /// librosa's `util.sparsify_rows`: drops the smallest magnitudes that add up to less than
    /// `quantile` of the row's L1 norm.
    static func sparsify(re: [Double], im: [Double], quantile: Double) -> (index: [Int32], re: [Float], im: [Float]) {
        let mags = zip(re, im).map { ($0 * $0 + $1 * $1).squareRoot() }
        let norm = mags.reduce(0, +)
        let sorted = mags.sorted()
        var cumulative = 0.0, threshold = sorted.last!
        for m in sorted {
            cumulative += m / norm
            if cumulative >= quantile { threshold = m; break }
        }
        var kept: (index: [Int32], re: [Float], im: [Float]) = ([], [], [])
        for k in mags.indices where mags[k] >= threshold {
            kept.index.append(Int32(k))
            kept.re.append(Float(re[k]))
            kept.im.append(Float(im[k]))
        }
        return kept
    }

    /// Number of frames for a signal of `count` samples (the fewest of any octave).
    public func frameCount(samples count: Int) -> Int {
        var n = count, hop = layout.hop, frames = Int.max
        for _ in 0..<layout.octaves {
            frames = min(frames, 1 + n / hop)
            n = (n + 1) / 2
            hop /= 2
        }
        return frames
    }

    /// |CQT| as frames × bins (bins low to high), of a signal at `layout.sampleRate`.
    public func magnitude(_ signal: [Float]) -> [Float] {
        let b = layout.binsPerOctave, bins = layout.bins
        let frames = frameCount(samples: signal.count)
        var out = [Float](repeating: 0, count: frames * bins)
        var y = signal
        for octave in 0..<layout.octaves {
            let firstBin = bins - b * (octave + 1)
            let gain = Float(pow(2, Double(octave) / 2))
            out.withUnsafeMutableBufferPointer { o in
                y.withUnsafeBufferPointer { signal in
                    offsets.withUnsafeBufferPointer { offsets in
                        columns.withUnsafeBufferPointer { columns in
                            re.withUnsafeBufferPointer { wr in
                                im.withUnsafeBufferPointer { wi in
                                    lengthScale.withUnsafeBufferPointer { scale in
                                        stfts[octave].forEachFrame(signal) { frame, spectrum in
                                            guard frame < frames else { return }
                                            let row = o.baseAddress! + frame * bins + firstBin
                                            for j in 0..<b {
                                                var sr: Float = 0, si: Float = 0
                                                for t in offsets[j]..<offsets[j + 1] {
                                                    let s = spectrum[Int(columns[t])]
                                                    sr += wr[t] * s.0 - wi[t] * s.1
                                                    si += wr[t] * s.1 + wi[t] * s.0
                                                }
                                                row[j] = (sr * sr + si * si).squareRoot() * gain * scale[firstBin + j]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if octave + 1 < layout.octaves {
                y = y.withUnsafeBufferPointer { decimator.apply($0, gain: Float(2.0.squareRoot())) }
            }
        }
        return out
    }
}
