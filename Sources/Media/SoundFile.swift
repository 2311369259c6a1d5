import CSndFile
import Foundation
import LoomCore

/// Audio read back from a file: interleaved float samples and how they are laid out.
public struct AudioData: Sendable {
    /// Sample frames (one sample per channel each).
    public let frames: Int
    /// Channels per frame.
    public let channels: Int
    /// Frames per second (Hz).
    public let sampleRate: Int
    /// libsndfile's major format and subtype (`SF_FORMAT_*`).
    public let format: Int32
    /// Interleaved samples, `frames * channels` of them, in [-1, 1] for integer formats.
    public let samples: [Float]
}

/// Reading and writing audio files through libsndfile.
public enum SoundFile {
    /// Writes interleaved float `samples` to `path` in `format`. WAV files carry no PEAK chunk
    /// (libsndfile would stamp it with the time of day, which breaks byte-identical reruns).
    /// A failed write removes the partial file (if it is a plain file) and throws; a full disk
    /// throws `LoomError.diskFull`.
    public static func write(_ samples: UnsafeBufferPointer<Float>, channels: Int = 2, sampleRate: Int = 44_100,
                             format: AudioFormat = .wav, to path: String) throws {
        var info = SF_INFO(channels: channels, sampleRate: sampleRate, format: format)
        do {
            try fill(try SoundFileHandle(path: path, mode: Int32(SFM_WRITE), info: &info), with: samples, channels: channels,
                     format: format)
        } catch {
            removeIfRegularFile(path)
            throw error
        }
    }

    /// The bytes of an audio file holding `samples` in `format`, made in memory (no temporary
    /// file), exactly as `write` would store them. `AudioEncoder` does the same without allocating.
    public static func encode(_ samples: UnsafeBufferPointer<Float>, channels: Int = 2, sampleRate: Int = 44_100,
                              format: AudioFormat = .wav) throws -> Data {
        try AudioEncoder().withEncoded(samples, channels: channels, sampleRate: sampleRate, format: format) { Data($0) }
    }

    static func fill(_ file: SoundFileHandle, with samples: UnsafeBufferPointer<Float>, channels: Int, format: AudioFormat) throws {
        precondition(channels > 0 && samples.count % channels == 0, "samples must hold whole frames")
        sf_command(file.handle, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE))
        if var level = format.compressionLevel {
            sf_command(file.handle, Int32(SFC_SET_COMPRESSION_LEVEL), &level, Int32(MemoryLayout<Double>.size))
        }
        let frames = samples.count / channels
        errno = 0
        let written = samples.isEmpty ? 0 : sf_writef_float(file.handle, samples.baseAddress, sf_count_t(frames))
        if written != frames { throw file.failure(errno) }
        try file.close()
    }

    /// Removes a partly written file, but never a device or anything else that is not a plain file.
    static func removeIfRegularFile(_ path: String) {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path) }
    }

    /// Reads a whole audio file as interleaved floats.
    public static func read(_ path: String) throws -> AudioData {
        var info = SF_INFO()
        let file = try SoundFileHandle(path: path, mode: Int32(SFM_READ), info: &info)
        let count = Int(info.frames) * Int(info.channels)
        var samples = [Float](repeating: 0, count: count)
        let read = samples.withUnsafeMutableBufferPointer { sf_readf_float(file.handle, $0.baseAddress, info.frames) }
        guard read == info.frames else {
            throw AudioError.soundFile(path: path, reason: "read \(read) of \(info.frames) frames")
        }
        return AudioData(frames: Int(info.frames), channels: Int(info.channels), sampleRate: Int(info.samplerate),
                         format: info.format, samples: samples)
    }

    /// Reads only the header: frames, channels, sample rate and format (no samples).
    public static func info(_ path: String) throws -> AudioData {
        var info = SF_INFO()
        _ = try SoundFileHandle(path: path, mode: Int32(SFM_READ), info: &info)
        return AudioData(frames: Int(info.frames), channels: Int(info.channels), sampleRate: Int(info.samplerate),
                         format: info.format, samples: [])
    }
}

extension SF_INFO {
    init(channels: Int, sampleRate: Int, format: AudioFormat) {
        self.init()
        self.channels = Int32(channels)
        self.samplerate = Int32(sampleRate)
        self.format = format.sndfileFormat
    }
}

/// An open libsndfile handle on a file or on memory; closed when released.
final class SoundFileHandle {
    let path: String
    private(set) var handle: OpaquePointer?
    /// The in-memory file a virtual handle writes to; kept alive as long as the handle.
    private let memory: MemoryFile?

    init(path: String, mode: Int32, info: inout SF_INFO) throws {
        self.path = path
        memory = nil
        errno = 0
        guard let handle = sf_open(path, mode, &info) else {
            let reason = String(cString: sf_strerror(nil))
            if SystemError.isOutOfSpace(code: errno) { throw LoomError.diskFull(path: path) }
            throw AudioError.soundFile(path: path, reason: reason)
        }
        self.handle = handle
    }

    /// Opens `memory` for writing through libsndfile's virtual I/O.
    init(memory: MemoryFile, info: inout SF_INFO) throws {
        path = "<memory>"
        self.memory = memory
        var io = MemoryFile.virtualIO
        guard let handle = sf_open_virtual(&io, Int32(SFM_WRITE), &info, Unmanaged.passUnretained(memory).toOpaque()) else {
            throw AudioError.soundFile(path: path, reason: String(cString: sf_strerror(nil)))
        }
        self.handle = handle
    }

    /// The error for a failed write: a full disk (`LoomError.diskFull`) or libsndfile's own message.
    func failure(_ code: Int32) -> any Error {
        if SystemError.isOutOfSpace(code: code) { return LoomError.diskFull(path: path) }
        let reason = String(cString: sf_strerror(handle))
        return AudioError.soundFile(path: path, reason: code != 0 ? "\(reason) (\(SystemError.text(code)))" : reason)
    }

    /// Closes the file, reporting a failure to flush it (e.g. a full disk).
    func close() throws {
        guard let open = handle else { return }
        handle = nil
        errno = 0
        if sf_close(open) != 0 {
            if SystemError.isOutOfSpace(code: errno) { throw LoomError.diskFull(path: path) }
            throw AudioError.soundFile(path: path, reason: "closing it failed")
        }
    }

    deinit {
        if let handle { sf_close(handle) }
    }
}
