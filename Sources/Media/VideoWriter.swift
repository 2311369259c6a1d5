import CFFmpeg
import Foundation
import LoomCore

/// Writes RGB frames to an MP4 file as H.264 (libx264, yuv420p), through libavformat, libavcodec and
/// libswscale.
///
/// With `threads: 1` (the default) the same frames and settings give the same bytes. RGB is converted
/// to limited-range BT.601 YUV, as the `ffmpeg` command line does by default, and tagged so players know.
/// The file is written at `url` directly; write to a temporary name (`AtomicFile.produce`) and rename.
public final class VideoWriter {
    /// The presets libx264 knows, fastest first.
    public static let presets = X264Preset.allCases.map(\.rawValue)

    /// Frame width in pixels.
    public let width: Int
    /// Frame height in pixels.
    public let height: Int
    /// Frames per second.
    public let fps: Int
    private let output: LibavOutput
    private let encoder: LibavCodecContext
    private let stream: UnsafeMutablePointer<AVStream>
    private let frame: LibavFrame
    private let packet: LibavPacket
    private let scaler: LibavScaler
    private var framesWritten = 0
    private var finished = false

    /// Opens `url` for writing.
    ///
    /// - Parameters:
    ///   - crf: x264's constant rate factor, 0 (lossless) to 51; 18 is visually lossless.
    ///   - preset: one of `presets`.
    ///   - threads: encoder threads; 1 gives reproducible bytes, 0 lets x264 choose.
    public init(url: URL, width: Int, height: Int, fps: Int = 24, crf: Int = 18, preset: String = "medium",
                threads: Int = 1) throws(VideoError) {
        _ = silenceLibav
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw VideoError.core(.usage("H.264 in yuv420p needs an even width and height, got \(width)×\(height); use an even resolution such as 720×480"))
        }
        guard (1...240).contains(fps) else { throw VideoError.core(.usage("fps must be between 1 and 240, got \(fps)")) }
        guard (0...51).contains(crf) else { throw VideoError.core(.usage("CRF must be between 0 and 51, got \(crf)")) }
        guard Self.presets.contains(preset) else {
            throw VideoError.core(.usage("unknown x264 preset '\(preset)'; expected one of \(Self.presets.joined(separator: ", "))"))
        }
        guard threads >= 0 else { throw VideoError.core(.usage("encoder threads must be 0 (automatic) or more, got \(threads)")) }
        self.width = width
        self.height = height
        self.fps = fps

        output = try LibavOutput(url: url, format: "mp4")
        guard let codec = avcodec_find_encoder_by_name("libx264") else {
            throw VideoError.library(call: "avcodec_find_encoder_by_name", code: 0,
                                     message: "this libavcodec has no libx264 encoder; install Debian's libavcodec59 (it links libx264)")
        }
        stream = try libavAllocated(avformat_new_stream(output.pointer, nil), "avformat_new_stream")
        encoder = try LibavCodecContext(codec: codec)
        let context = encoder.pointer
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.time_base = AVRational(num: 1, den: Int32(fps))
        context.pointee.framerate = AVRational(num: Int32(fps), den: 1)
        context.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        context.pointee.thread_count = Int32(threads)
        context.pointee.color_range = AVCOL_RANGE_MPEG
        context.pointee.colorspace = AVCOL_SPC_SMPTE170M
        context.pointee.color_primaries = AVCOL_PRI_BT709
        context.pointee.color_trc = AVCOL_TRC_IEC61966_2_1
        if output.pointer.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 {
            context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        }
        try libavCheck(av_opt_set(context.pointee.priv_data, "preset", preset, 0), "av_opt_set(preset)")
        try libavCheck(av_opt_set(context.pointee.priv_data, "crf", String(crf), 0), "av_opt_set(crf)")
        // x264's macroblock-tree rate control gave other bytes for the same frames within one process
        // (about 1 process run in 2, 8 encodings each); without it, 56 of 56 encodings were identical.
        try libavCheck(av_opt_set(context.pointee.priv_data, "mbtree", "0", 0), "av_opt_set(mbtree)")
        try libavCheck(avcodec_open2(context, codec, nil), "avcodec_open2(libx264)")
        try libavCheck(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
        stream.pointee.time_base = context.pointee.time_base
        stream.pointee.avg_frame_rate = context.pointee.framerate

        frame = try LibavFrame(width: width, height: height, format: AV_PIX_FMT_YUV420P)
        frame.pointer.pointee.color_range = AVCOL_RANGE_MPEG
        frame.pointer.pointee.colorspace = AVCOL_SPC_SMPTE170M
        packet = try LibavPacket()
        scaler = try LibavScaler(width: width, height: height, from: AV_PIX_FMT_RGB24, to: AV_PIX_FMT_YUV420P)
        try output.open()
    }

    /// Number of frames appended so far.
    public var frameCount: Int { framesWritten }

    /// Encodes one frame; it must have the video's size.
    public func append(_ image: RGBImage) throws(VideoError) {
        guard !finished else { throw VideoError.core(.usage("VideoWriter.append after finish()")) }
        guard image.width == width, image.height == height else {
            throw VideoError.frameSize(expected: (width, height), got: (image.width, image.height))
        }
        try libavCheck(av_frame_make_writable(frame.pointer), "av_frame_make_writable")
        image.pixels.withUnsafeBufferPointer { scaler.scale(rgb: $0.baseAddress!, into: frame) }
        frame.pointer.pointee.pts = Int64(framesWritten)
        framesWritten += 1
        try libavCheck(avcodec_send_frame(encoder.pointer, frame.pointer), "avcodec_send_frame")
        try writePackets()
    }

    /// Flushes the encoder and writes the MP4 index; the file is complete after this returns.
    public func finish() throws(VideoError) {
        guard !finished else { return }
        finished = true
        try libavCheck(avcodec_send_frame(encoder.pointer, nil), "avcodec_send_frame(flush)")
        try writePackets()
        try output.close()
    }

    private func writePackets() throws(VideoError) {
        while try encoder.receive(packet) {
            av_packet_rescale_ts(packet.pointer, encoder.pointer.pointee.time_base, stream.pointee.time_base)
            packet.pointer.pointee.stream_index = stream.pointee.index
            let code = av_interleaved_write_frame(output.pointer, packet.pointer)
            av_packet_unref(packet.pointer)
            try libavCheck(code, "av_interleaved_write_frame")
        }
    }
}

/// An output `AVFormatContext` with its file.
final class LibavOutput {
    let pointer: UnsafeMutablePointer<AVFormatContext>
    let path: String

    init(url: URL, format: String) throws(VideoError) {
        path = url.path
        var context: UnsafeMutablePointer<AVFormatContext>?
        try libavCheck(avformat_alloc_output_context2(&context, nil, format, path), "avformat_alloc_output_context2")
        guard let context else {
            throw VideoError.library(call: "avformat_alloc_output_context2", code: 0, message: "no context")
        }
        pointer = context
    }

    /// Opens the file and writes the container header (after the streams are set up).
    func open() throws(VideoError) {
        if pointer.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            let code = avio_open(&pointer.pointee.pb, path, AVIO_FLAG_WRITE)
            guard code >= 0 else {
                throw VideoError.core(.unwritable(path: path, reason: libavMessage(code)))
            }
        }
        try libavCheck(avformat_write_header(pointer, nil), "avformat_write_header")
    }

    /// Writes the trailer and closes the file.
    func close() throws(VideoError) {
        try libavCheck(av_write_trailer(pointer), "av_write_trailer")
        try libavCheck(avio_closep(&pointer.pointee.pb), "avio_closep")
    }

    deinit {
        if pointer.pointee.pb != nil { avio_closep(&pointer.pointee.pb) }
        avformat_free_context(pointer)
    }
}

/// An x264 speed/size preset, fastest first.
public enum X264Preset: String, Codable, Sendable, CaseIterable {
    /// libx264's preset names, fastest (largest files) to slowest (smallest).
    case ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow, placebo
}
