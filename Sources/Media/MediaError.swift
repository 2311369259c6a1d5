import LoomCore

/// Errors of the media engine (MIDI, audio, video, images).
public enum MediaError: UserFacingError {
    /// A C library call failed.
    case library(name: String, call: String, message: String)
    /// A file that is not what it should be.
    case badFile(path: String, reason: String)

    public var isUsageError: Bool { false }

    public var description: String {
        switch self {
        case .library(let name, let call, let message): "\(name): \(call) failed: \(message)"
        case .badFile(let path, let reason): "\(path): \(reason)"
        }
    }
}
