import LoomCore

/// Errors of the video, PNG and image code (libavformat, libavcodec, libswscale).
public enum VideoError: UserFacingError {
    /// A bad argument from the caller or the user (odd frame size, CRF out of range, unknown preset).
    case usage(String)
    /// A libav call failed at run time.
    case library(call: String, code: Int32, message: String)
    /// A frame whose size differs from the video's.
    case frameSize(expected: (Int, Int), got: (Int, Int))
    /// A file that cannot be read as a video.
    case unreadable(path: String, reason: String)
    /// A file that cannot be written.
    case unwritable(path: String, reason: String)

    public var isUsageError: Bool {
        switch self {
        case .usage: true
        case .library, .frameSize, .unreadable, .unwritable: false
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
        case .unreadable(let path, let reason):
            "cannot read video \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason); check that the folder exists and the disk has space"
        }
    }
}
