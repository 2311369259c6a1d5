import LoomCore

/// Errors of the video, PNG and image code (libavformat, libavcodec, libswscale).
public enum VideoError: UserFacingError {
    /// A libav call failed at run time.
    case library(call: String, code: Int32, message: String)
    /// A frame whose size differs from the video's.
    case frameSize(expected: (Int, Int), got: (Int, Int))
    /// A bad argument, or a file that cannot be read as a video or cannot be written: the core's
    /// error, wrapped.
    case core(LoomError)

    /// Whether the error is the user's (a wrapped usage error) rather than a runtime failure.
    public var isUsageError: Bool {
        switch self {
        case .library, .frameSize: false
        case .core(let cause): cause.isUsageError
        }
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .library(let call, let code, let message):
            "libav: \(call) failed (\(code)): \(message)"
        case .frameSize(let expected, let got):
            "video frame is \(got.0)×\(got.1) but the video is \(expected.0)×\(expected.1)"
        case .core(let cause):
            cause.description
        }
    }
}
