import LoomCore
import Foundation
import Media
import Signal

/// The handcrafted features of one clip, as the original's `MELSPEC`, `MFCC`, `CHROMA` and
/// `HANDCRAFT` extractors compute them: librosa defaults on the clip at 22,050 Hz mono,
/// peak-normalised, each feature pooled by `ClipFeatures.moments`. Holds its FFT plans: one per thread.
public final class ClipFeatures {
    /// The handcrafted representations, in the order they are stored.
    public enum Kind: String, CaseIterable, Sendable {
        case mel, mfcc, chroma, aggregate

        /// Pooled dimensions: 6 × (128 mels, 20 MFCCs, 12 chroma), the aggregate all three.
        public var dimensions: Int {
            switch self {
            case .mel: 768
            case .mfcc: 120
            case .chroma: 72
            case .aggregate: 960
            }
        }

        /// The paper's name for the representation (Table 2).
        public var paperName: String {
            switch self {
            case .mel: "Mel spectrogram"
            case .mfcc: "MFCC"
            case .chroma: "Chroma (CQT)"
            case .aggregate: "Aggregate handcrafted"
            }
        }
    }

    /// The rate every clip is analysed at (Hz), librosa's default.
    public static let sampleRate = 22_050

    let mel = MelSpectrogram()
    let cepstrum = Cepstrum(coefficients: 20, bands: 128)
    let chroma = Chroma()
    let decimator = HalfbandDecimator()

    public init() {}

    /// Mono at 22,050 Hz, peak-normalised: channels averaged, 44.1 kHz halved.
    public func prepare(_ audio: AudioData, path: String) throws -> [Float] {
        var mono = [Float](repeating: 0, count: audio.frames)
        let channels = audio.channels
        audio.samples.withUnsafeBufferPointer { s in
            for i in 0..<audio.frames {
                var sum: Float = 0
                for c in 0..<channels { sum += s[i * channels + c] }
                mono[i] = sum / Float(channels)
            }
        }
        switch audio.sampleRate {
        case Self.sampleRate: break
        case 2 * Self.sampleRate: mono = mono.withUnsafeBufferPointer { decimator.apply($0) }
        default:
            throw LoomError.usage("\(path) is at \(audio.sampleRate) Hz; the features need 44,100 or 22,050 Hz audio")
        }
        let peak = mono.reduce(0) { max($0, abs($1)) }
        if peak > 0 { for i in mono.indices { mono[i] /= peak } }
        return mono
    }

    /// The mel power spectrogram and MFCCs (frames × 128, frames × 20) of a prepared signal.
    public func melAndMFCC(_ signal: [Float]) -> (mel: [Float], mfcc: [Float]) {
        let power = signal.withUnsafeBufferPointer { mel.apply($0) }
        return (power, cepstrum.apply(melPower: power, frames: mel.frameCount(samples: signal.count)))
    }

    /// The pooled mel (768), MFCC (120) and chroma (72) vectors of a prepared signal.
    public func features(_ signal: [Float]) -> (mel: [Float], mfcc: [Float], chroma: [Float]) {
        let (power, mfcc) = melAndMFCC(signal)
        let chromagram = chroma.apply(signal)
        return (Self.moments(power, width: 128), Self.moments(mfcc, width: 20), Self.moments(chromagram, width: 12))
    }

    /// The original's `concat_features`: for the feature and its first and second differences along
    /// time, the per-dimension mean and (population) standard deviation: [mean₀, std₀, mean₁, std₁,
    /// mean₂, std₂], 6 × `width` values, from a frames × width array.
    public static func moments(_ values: [Float], width: Int) -> [Float] {
        var out = [Float](repeating: 0, count: 6 * width)
        var current = values.map(Double.init)
        var frames = values.count / width
        current.withUnsafeMutableBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                var sum = [Double](repeating: 0, count: width), square = sum
                for order in 0...2 {
                    if order > 0 {
                        // Differences in place: row t becomes row t+1 − row t.
                        frames -= 1
                        for i in 0..<(max(frames, 0) * width) { x[i] = x[i + width] - x[i] }
                    }
                    for d in 0..<width { sum[d] = 0; square[d] = 0 }
                    for t in 0..<max(frames, 0) {
                        let row = x.baseAddress! + t * width
                        for d in 0..<width {
                            sum[d] += row[d]
                            square[d] += row[d] * row[d]
                        }
                    }
                    let n = Double(max(frames, 1))
                    for d in 0..<width {
                        let mean = sum[d] / n
                        o[2 * order * width + d] = Float(mean)
                        o[(2 * order + 1) * width + d] = Float(max(square[d] / n - mean * mean, 0).squareRoot())
                    }
                }
            }
        }
        return out
    }
}
