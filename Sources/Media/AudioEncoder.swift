import CSndFile
import Foundation

/// Encodes audio files in memory through libsndfile, reusing one buffer: for writing many clips
/// without a temporary file, a fresh allocation or a copy per clip.
public final class AudioEncoder {
    private let memory = MemoryFile()

    /// An encoder with an empty in-memory file.
    public init() {}

    /// Encodes interleaved float `samples` as `SoundFile.write` would store them and hands the
    /// file's bytes to `body`. The bytes are only valid inside `body`.
    public func withEncoded<R>(_ samples: UnsafeBufferPointer<Float>, channels: Int = 2, sampleRate: Int = 44_100,
                               format: AudioFormat = .wav, _ body: (Data) throws -> R) throws -> R {
        memory.reset()
        var info = SF_INFO(channels: channels, sampleRate: sampleRate, format: format)
        try SoundFile.fill(try SoundFileHandle(memory: memory, info: &info), with: samples, channels: channels, format: format)
        return try body(Data(bytesNoCopy: memory.base, count: memory.count, deallocator: .none))
    }
}

/// A growable byte buffer that libsndfile reads, writes and seeks through its virtual I/O.
final class MemoryFile {
    private(set) var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0
    private var position = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        base.deallocate()
    }

    /// Empties the file, keeping its storage.
    func reset() {
        count = 0
        position = 0
    }

    private func reserve(_ size: Int) {
        guard size > capacity else { return }
        let grown = max(size, 2 * capacity)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        storage.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = storage
        capacity = grown
    }

    func write(_ source: UnsafeRawPointer, _ n: Int) {
        let end = position + n
        reserve(end)
        if position > count { (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: position - count) }
        (base + position).copyMemory(from: source, byteCount: n)
        position = end
        count = max(count, end)
    }

    func read(into target: UnsafeMutableRawPointer, _ n: Int) -> Int {
        let available = max(0, min(n, count - position))
        target.copyMemory(from: base + position, byteCount: available)
        position += available
        return available
    }

    func seek(_ offset: Int, whence: Int32) -> Int {
        let origin = whence == SEEK_CUR ? position : whence == SEEK_END ? count : 0
        guard origin + offset >= 0 else { return -1 }
        position = origin + offset
        return position
    }

    static func from(_ user: UnsafeMutableRawPointer?) -> MemoryFile {
        Unmanaged<MemoryFile>.fromOpaque(user!).takeUnretainedValue()
    }

    /// The callbacks, as C function pointers (no captures: the file comes through `user_data`).
    static let virtualIO = SF_VIRTUAL_IO(
        get_filelen: { user in sf_count_t(MemoryFile.from(user).count) },
        seek: { offset, whence, user in sf_count_t(MemoryFile.from(user).seek(Int(offset), whence: whence)) },
        read: { target, n, user in sf_count_t(MemoryFile.from(user).read(into: target!, Int(n))) },
        write: { source, n, user in
            MemoryFile.from(user).write(source!, Int(n))
            return n
        },
        tell: { user in sf_count_t(MemoryFile.from(user).seek(0, whence: SEEK_CUR)) })
}
