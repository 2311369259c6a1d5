import Foundation

/// `librosa.power_to_db` with its defaults: 10·log10(max(S, 1e-10)) relative to 1, then floored
/// at 80 dB below the largest value of the whole array.
public enum Decibels {
    /// Power values to decibels in place.
    public static func fromPower(_ values: inout [Float], amin: Float = 1e-10, topDecibels: Float = 80) {
        var peak = -Float.infinity
        for i in values.indices {
            let db = 10 * log10(max(values[i], amin))
            values[i] = db
            peak = max(peak, db)
        }
        let floor = peak - topDecibels
        for i in values.indices where values[i] < floor { values[i] = floor }
    }
}
