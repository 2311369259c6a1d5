import Foundation

/// Writes files so that a reader sees either nothing or the whole file: write to a temporary
/// name beside the target, then rename.
public enum AtomicFile {
    /// The marker in every temporary name; a rerun removes files that carry it.
    public static let marker = ".loomtmp"

    /// A temporary path beside `url`, unique within this process.
    public static func temporaryPath(for url: URL) -> URL {
        let n = counter.add()
        let name = ".\(url.lastPathComponent)\(marker)-\(getpid())-\(n)"
        return url.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Writes `data` to `url` atomically, creating the parent folder.
    public static func write(_ data: Data, to url: URL, passing observe: ((UnsafeRawBufferPointer) -> Void)? = nil) throws {
        try data.withUnsafeBytes { try write(chunks: [$0], to: url, passing: observe) }
    }

    /// Bytes handed to `write(2)` at once: small enough that `observe` (e.g. a hash) reads them from
    /// the cache just before the kernel copies them.
    static let piece = 1 << 18

    /// Writes `chunks` one after the other to `url` atomically, straight from their memory (no copy
    /// into a `Data`), in pieces of up to 256 KiB; `observe` sees each piece just before it is written.
    public static func write(chunks: [UnsafeRawBufferPointer], to url: URL,
                             passing observe: ((UnsafeRawBufferPointer) -> Void)? = nil) throws {
        try produce(url) { temp in
            let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw posixError(errno, path: url.path) }
            for chunk in chunks where chunk.count > 0 {
                var done = 0
                while done < chunk.count {
                    let piece = UnsafeRawBufferPointer(rebasing: chunk[done..<min(done + Self.piece, chunk.count)])
                    observe?(piece)
                    var sent = 0
                    while sent < piece.count {
                        let n = Glibc.write(fd, piece.baseAddress! + sent, piece.count - sent)
                        if n < 0 && errno == EINTR { continue }
                        guard n > 0 else {
                            let code = errno
                            close(fd)
                            throw posixError(code, path: url.path)
                        }
                        sent += n
                    }
                    done += piece.count
                }
            }
            guard close(fd) == 0 else { throw posixError(errno, path: url.path) }
        }
    }

    /// Lets `body` write a temporary file (for C libraries that take a path), then renames it to `url`.
    /// On failure the temporary file is removed and the error rethrown.
    public static func produce(_ url: URL, _ body: (URL) throws -> Void) throws {
        try makeParent(of: url)
        let temp = temporaryPath(for: url)
        do {
            try body(temp)
            if rename(temp.path, url.path) != 0 { throw posixError(errno, path: url.path) }
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    /// Creates the folder that will hold `url` (one system call when it exists already).
    public static func makeParent(of url: URL) throws {
        let parent = url.deletingLastPathComponent()
        if mkdir(parent.path, 0o777) == 0 || errno == EEXIST { return }
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw LoomError.unwritable(path: parent.path, reason: reason(error))
        }
    }

    /// Removes every temporary file left below `folder` by a killed run; returns how many.
    @discardableResult
    public static func removeStrayTemporaries(in folder: URL) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            if (relative as NSString).lastPathComponent.contains(marker) {
                unlink(folder.appendingPathComponent(relative).path)
                removed += 1
            }
        }
        return removed
    }

    /// A failed write as a `LoomError`: `diskFull` when the device is out of space, else `unwritable`.
    public static func writeError(_ error: any Error, path: String) -> LoomError {
        if let loom = error as? LoomError { return loom }
        let ns = error as NSError
        let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        let outOfSpace = (ns.domain == NSCocoaErrorDomain && ns.code == CocoaError.fileWriteOutOfSpace.rawValue)
            || [ns, underlying].contains { $0?.domain == NSPOSIXErrorDomain && ($0?.code == Int(ENOSPC) || $0?.code == Int(EDQUOT)) }
        return outOfSpace ? .diskFull(path: path) : .unwritable(path: path, reason: reason(error))
    }

    /// A failed system call's `errno` as a `LoomError`: `diskFull` when the device is out of space.
    static func posixError(_ code: Int32, path: String) -> LoomError {
        code == ENOSPC || code == EDQUOT ? .diskFull(path: path) : .unwritable(path: path, reason: String(cString: strerror(code)))
    }

    /// A short reason for a Foundation or POSIX error.
    public static func reason(_ error: any Error) -> String {
        if let loom = error as? LoomError { return loom.description }
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    private static let counter = Counter()
}

import Synchronization

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func add() -> Int { value.add(1, ordering: .relaxed).newValue }
}
