import LoomCore

/// Errors of the MIDI, synthesizer and sound-file parts of the media engine. A full disk is the
/// core's `LoomError.diskFull`, not re-declared here.
public enum AudioError: UserFacingError {
    /// A MIDI file that cannot be parsed.
    case badMIDI(path: String, reason: String)
    /// A MIDI event that cannot be written (a value outside its range).
    case invalidMIDI(String)
    /// The SoundFont is missing or is not a SoundFont.
    case soundFont(path: String, reason: String)
    /// FluidSynth refused a call.
    case synthesizer(call: String)
    /// libsndfile could not open, write or read a file.
    case soundFile(path: String, reason: String)

    /// Whether the error is the user's (a bad MIDI argument or SoundFont) rather than a runtime failure.
    public var isUsageError: Bool {
        switch self {
        case .invalidMIDI, .soundFont: true
        case .badMIDI, .synthesizer, .soundFile: false
        }
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .badMIDI(let path, let reason):
            "\(path) is not a readable MIDI file: \(reason)"
        case .invalidMIDI(let message):
            "cannot write MIDI: \(message)"
        case .soundFont(let path, let reason):
            "SoundFont \(path) \(reason); install the Debian package timgm6mb-soundfont "
                + "(apt-get install timgm6mb-soundfont) for \(Synthesizer.defaultSoundFont), or pass --soundfont PATH"
        case .synthesizer(let call):
            "FluidSynth: \(call) failed"
        case .soundFile(let path, let reason):
            "cannot write or read audio file \(path): \(reason)"
        }
    }
}
