import Foundation

/// Writes files so that a reader sees either nothing or the whole file: write to a temporary
/// name beside the target, then rename.
public enum AtomicFile {
    /// The marker in every temporary name; a rerun removes files that carry it.
    public static let marker = ".loomtmp"

    /// A temporary path beside `url`, named after this process (`ProcessIdentity.tag`) so that
    /// concurrent writers into one folder never take each other's temporaries for stray ones.
    public static func temporaryPath(for url: URL) -> URL {
        let name = ".\(url.lastPathComponent)\(marker)-\(ProcessIdentity.tag)-\(counter.add())"
        return url.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Creates a scratch folder in the system's temporary folder, owned by this process, after removing
    /// the ones that killed processes on this host left there. The caller removes it.
    public static func systemScratchFolder(purpose: String) throws -> URL {
        let temporary = FileManager.default.temporaryDirectory
        removeStrayTemporaries(in: temporary, live: ProcessIdentity.liveOwnersOnThisHost(in: temporary), depth: 1)
        return try scratchFolder(in: temporary, purpose: purpose)
    }

    /// Creates a scratch folder inside `folder`, owned by this process; the caller removes it, and a
    /// rerun's `removeStrayTemporaries` removes it when a killed process left it.
    public static func scratchFolder(in folder: URL, purpose: String) throws -> URL {
        let url = folder.appendingPathComponent(".\(purpose)\(marker)-\(ProcessIdentity.tag)-\(counter.add())")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw writeError(error, path: url.path)
        }
        return url
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
            guard fd >= 0 else { throw SystemError.writeFailure(errno, path: url.path) }
            for chunk in chunks where chunk.count > 0 {
                var done = 0
                while done < chunk.count {
                    let piece = UnsafeRawBufferPointer(rebasing: chunk[done..<min(done + Self.piece, chunk.count)])
                    observe?(piece)
                    do {
                        try SystemError.writeAll(fd, piece, path: url.path)
                    } catch {
                        close(fd)
                        throw error
                    }
                    done += piece.count
                }
            }
            guard close(fd) == 0 else { throw SystemError.writeFailure(errno, path: url.path) }
        }
    }

    /// Lets `body` write a temporary file (for C libraries that take a path), then renames it to `url`.
    /// On failure the temporary file is removed and the error rethrown.
    public static func produce(_ url: URL, _ body: (URL) throws -> Void) throws {
        try makeParent(of: url)
        let temp = temporaryPath(for: url)
        do {
            try body(temp)
            if rename(temp.path, url.path) != 0 { throw SystemError.writeFailure(errno, path: url.path) }
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
            throw LoomError.unwritable(path: parent.path, reason: SystemError.reason(error))
        }
    }

    /// Removes the temporary files and scratch folders below `folder` whose writer is gone: their
    /// owner holds no lock in `folder` (see `FolderLock`). Returns how many it removed.
    @discardableResult
    public static func removeStrayTemporaries(in folder: URL) -> Int {
        removeStrayTemporaries(in: folder, live: FolderLock.liveOwners(in: folder))
    }

    /// Removes the temporaries below `folder` (down to `depth` levels) whose owner tag is not in `live`;
    /// returns how many.
    @discardableResult
    public static func removeStrayTemporaries(in folder: URL, live: Set<String>, depth: Int = .max) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if walker.level > depth { walker.skipDescendants(); continue }
            if name == FolderLock.folderName { walker.skipDescendants(); continue }
            guard let owner = ProcessIdentity.owner(ofTemporary: name) else { continue }
            if live.contains(owner) { continue }
            let path = folder.appendingPathComponent(relative)
            if (try? path.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true { walker.skipDescendants() }
            try? FileManager.default.removeItem(at: path)
            removed += 1
        }
        return removed
    }

    /// A failed write as a `LoomError`: `diskFull` when the device is out of space, else `unwritable`.
    public static func writeError(_ error: any Error, path: String) -> LoomError {
        if let loom = error as? LoomError { return loom }
        return SystemError.isOutOfSpace(error) ? .diskFull(path: path) : .unwritable(path: path, reason: SystemError.reason(error))
    }

    private static let counter = Counter()
}

import Synchronization

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func add() -> Int { value.add(1, ordering: .relaxed).newValue }
}
