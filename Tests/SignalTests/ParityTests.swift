import Foundation
import LoomCore
import Signal
import Testing

/// The test signals of Parity/make_parity.py, by the same formulas (2 s at 22,050 Hz).
enum ParitySignal: String, CaseIterable {
    case tones, chirp, note, noise

    static let sampleRate = 22_050.0
    static let count = 44_100

    var samples: [Float] {
        (0..<Self.count).map { i in
            let t = Double(i) / Self.sampleRate
            switch self {
            case .tones:
                return Float((0.5 * sin(2 * .pi * 440 * t) + 0.25 * sin(2 * .pi * 660 * t)
                              + 0.1 * sin(2 * .pi * 1234.5 * t)) * exp(-t))
            case .chirp:
                return Float(0.8 * sin(2 * .pi * (100 * t + 0.25 * (4000 - 100) * t * t)))
            case .note:
                return Float((1...6).reduce(0.0) { $0 + sin(2 * .pi * Double($1) * 130.8128 * t) / Double($1) } * exp(-2 * t) * 0.3)
            case .noise:
                let hashed = (UInt64(i) &* 2_654_435_761) & 0xFFFF_FFFF
                return Float(0.5 * (Double(hashed) / 4_294_967_296 - 0.5))
            }
        }
    }

    /// librosa's array for this signal: frames × features.
    func reference(_ kind: String) throws -> (values: [Float], frames: Int, width: Int) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Parity/\(rawValue)_\(kind).npy")
        let array = try Npy.read(url)
        return (try array.values(as: Float.self), array.shape[0], array.shape[1])
    }
}

/// The largest error relative to the reference, where the reference is not tiny: |a − b| / (|b| + floor),
/// with the floor a small fraction of the array's largest magnitude (values 1e-6 of the peak carry no information).
func worstRelativeError(_ ours: [Float], _ theirs: [Float], floorFraction: Float) -> Float {
    let peak = theirs.map(abs).max() ?? 0
    let floor = peak * floorFraction
    return zip(ours, theirs).map { abs($0 - $1) / (abs($1) + floor) }.max() ?? 0
}

@Suite struct ParityTests {
    /// Our `kind` array for `signal` (frames × features) against librosa's: same shape, and the worst
    /// error relative to |value| + `floorFraction` × the largest magnitude below 1e-4.
    func expectParity(_ signal: ParitySignal, _ kind: String, floorFraction: Float,
                      _ compute: (_ samples: [Float], _ mel: MelSpectrogram) -> [Float]) throws {
        let reference = try signal.reference(kind)
        let mel = MelSpectrogram()
        let samples = signal.samples
        let ours = compute(samples, mel)
        #expect(mel.frameCount(samples: samples.count) == reference.frames)
        #expect(ours.count == reference.values.count)
        let worst = worstRelativeError(ours, reference.values, floorFraction: floorFraction)
        print("\(kind) \(signal): worst relative error \(worst)")
        #expect(worst < 1e-4)
    }

    @Test(arguments: ParitySignal.allCases)
    func melMatchesLibrosa(_ signal: ParitySignal) throws {
        try expectParity(signal, "mel", floorFraction: 1e-6) { samples, mel in samples.withUnsafeBufferPointer { mel.apply($0) } }
    }

    /// MFCCs cross zero, so errors are relative to |value| + 1% of the largest coefficient
    /// (librosa's own float32 sums differ from ours by that much near zero crossings).
    @Test(arguments: ParitySignal.allCases)
    func mfccMatchesLibrosa(_ signal: ParitySignal) throws {
        try expectParity(signal, "mfcc", floorFraction: 1e-2) { samples, mel in
            let power = samples.withUnsafeBufferPointer { mel.apply($0) }
            return Cepstrum(coefficients: 20, bands: 128).apply(melPower: power, frames: mel.frameCount(samples: samples.count))
        }
    }

    /// Our CQT halves the rate with our own filter, not soxr, so chroma is compared with an
    /// absolute tolerance on its [0, 1] scale: at most 0.05 anywhere, 0.005 on average.
    @Test(arguments: ParitySignal.allCases)
    func chromaMatchesLibrosa(_ signal: ParitySignal) throws {
        let reference = try signal.reference("chroma")
        let chroma = Chroma()
        let samples = signal.samples
        let ours = chroma.apply(samples)
        #expect(chroma.frameCount(samples: samples.count) == reference.frames)
        #expect(ours.count == reference.values.count)
        let worst = zip(ours, reference.values).map { abs($0 - $1) }.max() ?? 0
        let mean = zip(ours, reference.values).map { abs($0 - $1) }.reduce(0, +) / Float(ours.count)
        print("chroma \(signal): worst \(worst), mean \(mean)")
        #expect(worst < 0.05)
        #expect(mean < 0.005)
    }
}
