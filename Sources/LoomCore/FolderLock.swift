import Foundation

/// An exclusive claim on part of an output folder (a shard of a dataset, a loop or sweep run),
/// held with `flock` on a file in `<folder>/.loom-locks/`: the kernel drops it when the process
/// dies, so a killed run never blocks its rerun. Works across machines on file systems whose
/// `flock` is shared (NFS v4, Lustre, GPFS).
public final class FolderLock: @unchecked Sendable {
    /// The folder, below an output folder, that holds its lock files.
    public static let folderName = ".loom-locks"

    /// The lock file.
    public let url: URL
    private let descriptor: Int32
    private let locks: URL

    /// Takes the lock `name` of `folder` for `purpose` (e.g. "shard 0/3"), or throws `LoomError.busy`
    /// naming the process that holds it.
    public init(folder: URL, name: String, purpose: String) throws {
        let locks = folder.appendingPathComponent(Self.folderName)
        do {
            try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        } catch {
            throw LoomError.unwritable(path: locks.path, reason: SystemError.reason(error))
        }
        let url = locks.appendingPathComponent(name + ".lock")
        self.url = url
        self.locks = locks
        descriptor = try Self.acquire(url, folder: folder, purpose: purpose)
        let identity = "\(ProcessIdentity.tag) (pid \(getpid()) on \(ProcessIdentity.host), \(purpose), since \(ProcessIdentity.startTime))\n"
        ftruncate(descriptor, 0)
        _ = identity.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Opens and locks `url`. Retries when a releasing holder removed the file or the folder under us,
    /// and for a moment when the lock is busy (another process may be peeking at it: `liveOwners`).
    private static func acquire(_ url: URL, folder: URL, purpose: String) throws -> Int32 {
        var busyTries = 0
        while true {
            let fd = SystemError.retrying { open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
            guard fd >= 0 else {
                let code = errno
                if code == ENOENT, mkdir(url.deletingLastPathComponent().path, 0o755) == 0 || errno == EEXIST { continue }
                throw LoomError.unwritable(path: url.path, reason: SystemError.text(code))
            }
            guard SystemError.retrying({ flock(fd, LOCK_EX | LOCK_NB) }) == 0 else {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK {
                    busyTries += 1
                    if busyTries < 10 { usleep(20_000); continue }
                    throw LoomError.busy(folder: folder.path, what: purpose, holder: holder(of: url) ?? "another process")
                }
                throw LoomError.unwritable(path: url.path, reason: "cannot lock: " + SystemError.text(code))
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(url.path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return fd
            }
            close(fd)   // the file we locked was removed by the holder that just finished: take the new one
        }
    }

    deinit {
        // Unlink before unlocking, so that a waiting process re-opens a fresh file (see `acquire`).
        unlink(url.path)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        rmdir(locks.path)   // only when no other lock is left
    }

    /// What the holder wrote into a lock file: its owner tag and a description.
    static func holder(of url: URL) -> String? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        guard let space = line.firstIndex(of: " ") else { return line.isEmpty ? nil : line }
        return String(line[line.index(after: space)...]).trimmingCharacters(in: CharacterSet(charactersIn: "()"))
    }

    /// The owner tags of the processes that hold a lock in `folder` now (this process included).
    public static func liveOwners(in folder: URL) -> Set<String> {
        var owners: Set<String> = [ProcessIdentity.tag]
        let locks = folder.appendingPathComponent(folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: locks.path)) ?? []
        for name in names where name.hasSuffix(".lock") {
            let path = locks.appendingPathComponent(name).path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if flock(fd, LOCK_SH | LOCK_NB) == 0 {
                flock(fd, LOCK_UN)   // nobody holds it: its writer is gone
                continue
            }
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let tag = text.split(separator: " ").first {
                owners.insert(String(tag))
            }
        }
        return owners
    }
}

/// Who this process is, in temporary names and lock files: host and pid.
public enum ProcessIdentity {
    /// The host name, as the lock files show it.
    public static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let name = String(cString: buffer)
        return name.isEmpty ? "localhost" : name
    }()

    /// `<host>.<pid>.<start>` with only letters, digits, `.` and `_`: part of every temporary name this
    /// process writes. The start time tells apart two processes that got the same pid (containers).
    public static let tag: String = {
        let safe = host.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") ? $0 : "_" }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let start = String(UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec), radix: 36)
        return String(safe) + "." + String(getpid()) + "." + start
    }()

    /// When this process started (UTC, ISO 8601).
    static let startTime: String = ISO8601DateFormatter().string(from: Date())

    /// The owner tags of the temporaries in `folder` whose process still runs on this host (for
    /// shared scratch places such as the system's temporary folder, which hold no locks).
    public static func liveOwnersOnThisHost(in folder: URL) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var live: Set<String> = [tag]
        let prefix = String(tag.split(separator: ".").dropLast(2).joined(separator: ".")) + "."
        for name in names {
            guard let owner = owner(ofTemporary: name) else { continue }
            let parts = owner.split(separator: ".")
            // Another host's, or one we cannot parse: never ours to remove.
            guard owner.hasPrefix(prefix), parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { live.insert(owner); continue }
            if kill(pid, 0) == 0 || errno == EPERM { live.insert(owner) }
        }
        return live
    }

    /// The owner tag inside a temporary name `.<name>.loomtmp-<tag>-<n>`, or nil for another name.
    static func owner(ofTemporary name: String) -> String? {
        guard let range = name.range(of: AtomicFile.marker + "-") else { return nil }
        let rest = name[range.upperBound...]
        guard let dash = rest.lastIndex(of: "-") else { return nil }
        return String(rest[..<dash])
    }
}
