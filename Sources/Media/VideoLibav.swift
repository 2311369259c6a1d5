import CFFmpeg
import Foundation

/// Small owners of libav handles shared by the video writer, the video reader, the PNG codec and the
/// image decoder. Each class owns exactly one C handle and frees it in `deinit`.

/// Sets libav's log level once (errors only), so encoders and demuxers do not chatter on stderr.
let silenceLibav: Void = { av_log_set_level(AV_LOG_ERROR) }()

/// libav's text for an error code.
func libavMessage(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    av_strerror(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Returns `code` when it is not negative; throws `VideoError.library` naming the call otherwise.
@discardableResult
func libavCheck(_ code: Int32, _ call: String) throws(VideoError) -> Int32 {
    guard code >= 0 else { throw VideoError.library(call: call, code: code, message: libavMessage(code)) }
    return code
}

/// `pointer`, or a `VideoError.library` naming the allocating call when it is nil.
func libavAllocated<T>(_ pointer: T?, _ call: String) throws(VideoError) -> T {
    guard let pointer else { throw VideoError.library(call: call, code: 0, message: "out of memory") }
    return pointer
}

/// An `AVFrame`.
final class LibavFrame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws(VideoError) {
        pointer = try libavAllocated(av_frame_alloc(), "av_frame_alloc")
    }

    /// A frame with its own buffers for the given size and pixel format.
    convenience init(width: Int, height: Int, format: AVPixelFormat) throws(VideoError) {
        try self.init()
        pointer.pointee.width = Int32(width)
        pointer.pointee.height = Int32(height)
        pointer.pointee.format = format.rawValue
        try libavCheck(av_frame_get_buffer(pointer, 0), "av_frame_get_buffer")
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    /// The plane pointers and line sizes, as `sws_scale` wants them.
    func withPlanes<R>(_ body: (UnsafePointer<UnsafeMutablePointer<UInt8>?>, UnsafePointer<Int32>) throws -> R) rethrows -> R {
        try withUnsafePointer(to: &pointer.pointee.data) { data in
            try withUnsafePointer(to: &pointer.pointee.linesize) { lines in
                try data.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { planes in
                    try lines.withMemoryRebound(to: Int32.self, capacity: 8) { try body(planes, $0) }
                }
            }
        }
    }
}

/// An `AVPacket`.
final class LibavPacket {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() throws(VideoError) {
        pointer = try libavAllocated(av_packet_alloc(), "av_packet_alloc")
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }
}

/// An `AVCodecContext` for one encoder or decoder.
final class LibavCodecContext {
    let pointer: UnsafeMutablePointer<AVCodecContext>

    init(codec: UnsafePointer<AVCodec>) throws(VideoError) {
        pointer = try libavAllocated(avcodec_alloc_context3(codec), "avcodec_alloc_context3")
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = pointer
        avcodec_free_context(&context)
    }

    /// Receives the next packet from an encoder: true when `packet` holds one, false when the encoder
    /// needs more input or is drained.
    func receive(_ packet: LibavPacket) throws(VideoError) -> Bool {
        let code = avcodec_receive_packet(pointer, packet.pointer)
        if code == cffmpeg_eagain() || code == cffmpeg_eof() { return false }
        try libavCheck(code, "avcodec_receive_packet")
        return true
    }

    /// Receives the next frame from a decoder: true when `frame` holds one.
    func receive(_ frame: LibavFrame) throws(VideoError) -> Bool {
        let code = avcodec_receive_frame(pointer, frame.pointer)
        if code == cffmpeg_eagain() || code == cffmpeg_eof() { return false }
        try libavCheck(code, "avcodec_receive_frame")
        return true
    }
}

/// A `SwsContext` converting between two pixel formats at one size.
final class LibavScaler {
    let pointer: OpaquePointer
    let width: Int
    let height: Int
    let source: AVPixelFormat
    /// Packed RGB rows copied here before `sws_scale`, each row padded to 64 bytes and the buffer
    /// followed by 64 zero bytes: swscale's SIMD loads read up to 16 bytes past a row's end, and
    /// reading past the caller's buffer made the converted frames (and the MP4 bytes) vary from run to run.
    private let staging: UnsafeMutableRawPointer
    private let stagingStride: Int
    static let padding = 64

    init(width: Int, height: Int, from source: AVPixelFormat, to destination: AVPixelFormat) throws(VideoError) {
        // Full-resolution chroma in and out: sharper colour edges (about 4 dB PSNR on rendered frames),
        // bit-exact so the bytes do not depend on the CPU's SIMD paths.
        let flags = Int32(SWS_BICUBIC | SWS_ACCURATE_RND | SWS_BITEXACT | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP)
        guard let context = sws_getContext(Int32(width), Int32(height), source, Int32(width), Int32(height),
                                           destination, flags, nil, nil, nil) else {
            throw VideoError.library(call: "sws_getContext", code: 0,
                                     message: "cannot convert \(Self.name(source)) to \(Self.name(destination))")
        }
        pointer = context
        self.width = width
        self.height = height
        self.source = source
        stagingStride = (width * 3 + Self.padding - 1) / Self.padding * Self.padding
        let bytes = stagingStride * height + Self.padding
        staging = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.padding)
        staging.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    deinit {
        sws_freeContext(pointer)
        staging.deallocate()
    }

    /// Converts packed RGB24 bytes (rows top to bottom, no padding) into `frame`'s planes.
    func scale(rgb: UnsafePointer<UInt8>, into frame: LibavFrame) {
        let row = width * 3
        for y in 0..<height { (staging + y * stagingStride).copyMemory(from: rgb + y * row, byteCount: row) }
        var sourcePlanes: [UnsafePointer<UInt8>?] = [UnsafePointer(staging.assumingMemoryBound(to: UInt8.self)), nil, nil, nil]
        var sourceStrides: [Int32] = [Int32(stagingStride), 0, 0, 0]
        frame.withPlanes { planes, strides in
            _ = sws_scale(pointer, &sourcePlanes, &sourceStrides, 0, Int32(height), planes, strides)
        }
    }

    /// Converts `frame` into packed RGB24 bytes (rows top to bottom, no padding).
    func scale(_ frame: LibavFrame, rgb: UnsafeMutablePointer<UInt8>) {
        var destinationPlanes: [UnsafeMutablePointer<UInt8>?] = [rgb, nil, nil, nil]
        var destinationStrides: [Int32] = [Int32(width * 3), 0, 0, 0]
        frame.withPlanes { planes, strides in
            planes.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { sourcePlanes in
                _ = sws_scale(pointer, sourcePlanes, strides, 0, Int32(height), &destinationPlanes, &destinationStrides)
            }
        }
    }

    static func name(_ format: AVPixelFormat) -> String {
        av_get_pix_fmt_name(format).map { String(cString: $0) } ?? "pixel format \(format.rawValue)"
    }
}
