/// Table 2 of Wei et al., "Do Music Generation Models Encode Music Theory?" (ISMIR 2024), the
/// handcrafted rows: validation-selected accuracy (R² for tempo), as transcribed in the reference
/// note (syntheory.md §4.3).
public enum PaperTable {
    /// Score per representation and concept.
    public static let handcrafted: [ClipFeatures.Kind: [String: Double]] = [
        .mel: ["notes": 0.712, "intervals": 0.995, "scales": 0.897, "chords": 0.988, "chord_progressions": 0.723,
               "tempos": 0.785, "time_signatures": 0.827],
        .mfcc: ["notes": 0.467, "intervals": 0.822, "scales": 0.370, "chords": 0.863, "chord_progressions": 0.872,
                "tempos": 0.923, "time_signatures": 0.688],
        .chroma: ["notes": 0.954, "intervals": 0.820, "scales": 0.989, "chords": 0.994, "chord_progressions": 0.869,
                  "tempos": 0.847, "time_signatures": 0.672],
        .aggregate: ["notes": 0.941, "intervals": 0.997, "scales": 0.972, "chords": 0.992, "chord_progressions": 0.868,
                     "tempos": 0.947, "time_signatures": 0.833],
    ]

    /// The paper's score for a representation (by our name: mel, mfcc, chroma, aggregate) and concept.
    public static func score(_ representation: String, _ concept: String) -> Double? {
        ClipFeatures.Kind(rawValue: representation).flatMap { handcrafted[$0]?[concept] }
    }

    /// The paper's name for a handcrafted representation, or the name itself.
    public static func title(_ representation: String) -> String {
        ClipFeatures.Kind(rawValue: representation)?.paperName ?? representation
    }
}
