import Foundation

/// librosa's default mel filterbank (`librosa.filters.mel`: Slaney mel scale, `norm="slaney"`,
/// fmin 0 Hz, fmax = Nyquist), stored sparsely: each band's first FFT bin and its weights.
public struct MelFilterbank: Sendable {
    /// Number of mel bands.
    public let bands: Int
    /// Number of FFT bins a spectrum row has.
    public let bins: Int
    let starts: [Int]
    let weights: [[Float]]

    /// `bands` triangular filters over the `fftSize/2 + 1` bins of an FFT at `sampleRate` Hz,
    /// spaced evenly in Slaney mels from `minFrequency` to `maxFrequency` (Hz; default Nyquist).
    public init(sampleRate: Double, fftSize: Int, bands: Int, minFrequency: Double = 0, maxFrequency: Double? = nil) {
        self.bands = bands
        bins = fftSize / 2 + 1
        let top = maxFrequency ?? sampleRate / 2
        let low = Self.mel(minFrequency), high = Self.mel(top)
        let edges = (0..<(bands + 2)).map { Self.hertz(low + (high - low) * Double($0) / Double(bands + 1)) }
        var starts: [Int] = [], weights: [[Float]] = []
        for m in 0..<bands {
            let (lo, centre, hi) = (edges[m], edges[m + 1], edges[m + 2])
            let norm = 2 / (hi - lo)
            var row: [Float] = [], first = -1
            for k in 0..<bins {
                let f = Double(k) * sampleRate / Double(fftSize)
                let w = max(0, min((f - lo) / (centre - lo), (hi - f) / (hi - centre)))
                if w > 0 {
                    if first < 0 { first = k }
                    row += [Float](repeating: 0, count: k - first - row.count) + [Float(w * norm)]
                }
            }
            starts.append(max(first, 0))
            weights.append(row)
        }
        self.starts = starts
        self.weights = weights
    }

    /// Hertz to Slaney mels: linear below 1 kHz, logarithmic above.
    public static func mel(_ hertz: Double) -> Double {
        hertz >= 1000 ? 15 + log(hertz / 1000) / (log(6.4) / 27) : hertz * 3 / 200
    }

    /// Slaney mels to hertz.
    public static func hertz(_ mel: Double) -> Double {
        mel >= 15 ? 1000 * exp((log(6.4) / 27) * (mel - 15)) : mel * 200 / 3
    }

    /// Applies the filterbank to one power spectrum (`bins` values), writing `bands` values.
    @inline(__always)
    public func apply(row: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for m in 0..<bands {
            let start = row + starts[m]
            out[m] = weights[m].withUnsafeBufferPointer { w in
                var sum = 0.0
                for k in 0..<w.count { sum += Double(w[k]) * Double(start[k]) }
                return Float(sum)
            }
        }
    }
}
