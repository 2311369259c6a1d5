import Foundation

/// The one place where `errno` and Foundation's file errors become the short reasons users read.
public enum SystemError {
    /// The text of an `errno` value, e.g. "No space left on device".
    public static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Runs a system call again while it fails with `EINTR`; returns its last result.
    public static func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// Writes all of `bytes` to the open file `descriptor` (at `offset` with `pwrite`, else at its
    /// position), retrying `EINTR` and short writes; a failure becomes `writeFailure` for `path`.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil, path: String) throws {
        var done = 0
        while done < bytes.count {
            let start = bytes.baseAddress! + done, left = bytes.count - done
            let n = offset.map { pwrite(descriptor, start, left, off_t($0 + done)) } ?? write(descriptor, start, left)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw writeFailure(errno, path: path) }
            // A write of nothing sets no errno: say so rather than read a stale one.
            guard n > 0 else { throw LoomError.unwritable(path: path, reason: "the device accepted no bytes") }
            done += n
        }
    }

    /// Whether an `errno` value means the device is out of space (or over quota).
    public static func isOutOfSpace(code: Int32) -> Bool {
        code == ENOSPC || code == EDQUOT
    }

    /// The POSIX error code behind a Foundation or POSIX error, if there is one.
    public static func code(of error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        switch CocoaError.Code(rawValue: ns.domain == NSCocoaErrorDomain ? ns.code : -1) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        default: return nil
        }
    }

    /// A short reason for any error, never Foundation's localized text.
    public static func reason(_ error: any Error) -> String {
        if let user = error as? any UserFacingError { return user.description }
        if let code = code(of: error) {
            return code == EEXIST || code == ENOTDIR ? "a file is in the way" : text(code)
        }
        let ns = error as NSError
        if ns.domain != NSCocoaErrorDomain {
            return String(describing: error)   // a Swift error of a corrector or a library, with its own text
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileReadCorruptFile: return "the content is not in the expected format"
            case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding: return "the file is not UTF-8 text"
            case .fileReadTooLarge: return "the file is too large"
            default: return "input/output error (code \(ns.code))"
            }
        }
        return "\(ns.domain) error \(ns.code)"
    }

    /// Whether `error` means the device is out of space (or over quota).
    public static func isOutOfSpace(_ error: any Error) -> Bool {
        if case LoomError.diskFull? = error as? LoomError { return true }
        guard let code = code(of: error) else { return false }
        return isOutOfSpace(code: code)
    }

    /// A failed write of `path` with `errno` `code`: `diskFull` (resumable, exit 1) when the device is
    /// out of space or quota, else `unwritable`.
    public static func writeFailure(_ code: Int32, path: String) -> LoomError {
        isOutOfSpace(code: code) ? .diskFull(path: path) : .unwritable(path: path, reason: text(code))
    }
}
