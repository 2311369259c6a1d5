import CSndFile

/// How audio is stored: WAV with 32-bit float samples (the default), WAV with 16-bit PCM, or
/// FLAC with 24-bit samples.
public enum AudioFormat: String, Codable, Sendable, CaseIterable {
    case wav
    case pcm16
    case flac

    /// The file name extension, without the dot.
    public var fileExtension: String { self == .flac ? "flac" : "wav" }

    /// The libsndfile major format and subtype (`AudioData.format` of a file written in this format).
    public var sndfileFormat: Int32 {
        switch self {
        case .wav: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .pcm16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        }
    }

    /// The full-scale integer value of the stored samples (nil for float), as libsndfile scales
    /// floats when it converts them.
    var integerScale: Float? {
        switch self {
        case .wav: nil
        case .pcm16: Float(0x7FFF)
        case .flac: Float(0x7F_FFFF)
        }
    }

    /// Whether audio whose largest absolute sample is `peak` is all zeros once stored in this
    /// format: for integer formats a sample that rounds to 0 (as libsndfile converts it) is zero.
    public func isSilent(peak: Float) -> Bool {
        guard let scale = integerScale else { return peak == 0 }
        return (peak * scale).rounded(.toNearestOrEven) == 0
    }
}
