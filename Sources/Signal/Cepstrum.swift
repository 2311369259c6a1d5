import Foundation

/// Mel-frequency cepstral coefficients as `librosa.feature.mfcc` computes them from a mel power
/// spectrogram: decibels (`power_to_db`), then the orthonormal DCT-II along the mel axis, first
/// `coefficients` kept.
public struct Cepstrum: Sendable {
    /// Number of coefficients kept.
    public let coefficients: Int
    /// Number of mel bands in.
    public let bands: Int
    /// coefficients × bands, row-major.
    let basis: [Float]

    /// The DCT basis for `coefficients` of `bands` mel bands (1 ≤ coefficients ≤ bands).
    public init(coefficients: Int, bands: Int) {
        precondition(coefficients >= 1 && coefficients <= bands, "between 1 and `bands` coefficients")
        self.coefficients = coefficients
        self.bands = bands
        var basis = [Float](repeating: 0, count: coefficients * bands)
        for k in 0..<coefficients {
            let scale = (k == 0 ? 1 / Double(bands) : 2 / Double(bands)).squareRoot()
            for m in 0..<bands {
                basis[k * bands + m] = Float(scale * cos(Double.pi * Double(k) * (2 * Double(m) + 1) / Double(2 * bands)))
            }
        }
        self.basis = basis
    }

    /// MFCCs (frames × coefficients) of a frames × bands mel power spectrogram.
    public func apply(melPower: [Float], frames: Int) -> [Float] {
        precondition(melPower.count == frames * bands, "expected \(frames) × \(bands) values")
        var db = melPower
        Decibels.fromPower(&db)
        var out = [Float](repeating: 0, count: frames * coefficients)
        basis.withUnsafeBufferPointer { w in
            db.withUnsafeBufferPointer { x in
                for t in 0..<frames {
                    for k in 0..<coefficients {
                        var sum = 0.0
                        for m in 0..<bands { sum += Double(w[k * bands + m]) * Double(x[t * bands + m]) }
                        out[t * coefficients + k] = Float(sum)
                    }
                }
            }
        }
        return out
    }
}
