import LoomCore

/// Errors of the video, PNG and image code (libavformat, libavcodec, libswscale).
public enum VideoError: UserFacingError {
    /// A bad argument from the caller or the user (odd frame size, CRF out of range, unknown preset).
    case usage(String)
    /// A libav call failed at run time.
    case library(call: String, code: Int32, message: String)
    /// A frame whose size differs from the video's.
    case frameSize(expected: (Int, Int), got: (Int, Int))
    /// A file that cannot be read as a video or cannot be written: the core's error, wrapped.
    case file(LoomError)

    public var isUsageError: Bool {
        switch self {
        case .usage: true
        case .library, .frameSize: false
        case .file(let cause): cause.isUsageError
        }
    }

    public var description: String {
        switch self {
        case .usage(let message):
            message
        case .library(let call, let code, let message):
            "libav: \(call) failed (\(code)): \(message)"
        case .frameSize(let expected, let got):
            "video frame is \(got.0)×\(got.1) but the video is \(expected.0)×\(expected.1)"
        case .file(let cause):
            cause.description
        }
    }
}
