import CFFmpeg
import Foundation
import LoomCore

/// Reads a video (any container and codec libavformat/libavcodec know) into RGB frames.
public enum VideoReader {
    /// Decodes every frame of the file's first video stream.
    public static func read(url: URL) throws(VideoError) -> (frames: [RGBImage], fps: Double, width: Int, height: Int) {
        let decoder = try LibavVideoDecoder(path: url.path)
        var frames: [RGBImage] = []
        try decoder.forEachFrame { frames.append($0); return true }
        return (frames, decoder.framesPerSecond, decoder.width, decoder.height)
    }
}

/// An input `AVFormatContext` opened on a file.
final class LibavInput {
    let pointer: UnsafeMutablePointer<AVFormatContext>

    init(path: String) throws(VideoError) {
        _ = silenceLibav
        var context: UnsafeMutablePointer<AVFormatContext>?
        let code = avformat_open_input(&context, path, nil, nil)
        guard code >= 0, let context else { throw VideoError.core(.unreadable(path: path, reason: libavMessage(code))) }
        pointer = context
        let info = avformat_find_stream_info(context, nil)
        guard info >= 0 else { throw VideoError.core(.unreadable(path: path, reason: libavMessage(info))) }
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = pointer
        avformat_close_input(&context)
    }

    /// The short name of the demuxer that recognised the file (`mov,mp4,…`, `png_pipe`, …).
    var formatName: String { String(cString: pointer.pointee.iformat.pointee.name) }
}

/// The best video stream of a file with an open decoder, converting frames to RGB.
final class LibavVideoDecoder {
    let path: String
    let input: LibavInput
    let decoder: LibavCodecContext
    let stream: UnsafeMutablePointer<AVStream>
    private var scaler: LibavScaler?

    init(path: String) throws(VideoError) {
        self.path = path
        input = try LibavInput(path: path)
        let index = av_find_best_stream(input.pointer, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        guard index >= 0, let found = input.pointer.pointee.streams[Int(index)] else {
            throw VideoError.core(.unreadable(path: path, reason: "no video stream"))
        }
        stream = found
        let parameters = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw VideoError.core(.unreadable(path: path, reason: "no decoder for its codec"))
        }
        decoder = try LibavCodecContext(codec: codec)
        try libavCheck(avcodec_parameters_to_context(decoder.pointer, parameters), "avcodec_parameters_to_context")
        decoder.pointer.pointee.thread_count = 1
        let code = avcodec_open2(decoder.pointer, codec, nil)
        guard code >= 0 else { throw VideoError.core(.unreadable(path: path, reason: libavMessage(code))) }
    }

    var codecID: AVCodecID { stream.pointee.codecpar.pointee.codec_id }
    var width: Int { Int(stream.pointee.codecpar.pointee.width) }
    var height: Int { Int(stream.pointee.codecpar.pointee.height) }

    /// The stream's average frame rate (its nominal rate when the average is unknown).
    var framesPerSecond: Double {
        let average = stream.pointee.avg_frame_rate
        let rate = average.num > 0 && average.den > 0 ? average : stream.pointee.r_frame_rate
        return rate.den > 0 ? Double(rate.num) / Double(rate.den) : 0
    }

    /// Decodes frames in order and hands each to `body` as RGB; `body` returns false to stop early.
    func forEachFrame(_ body: (RGBImage) throws(VideoError) -> Bool) throws(VideoError) {
        let packet = try LibavPacket()
        let frame = try LibavFrame()
        var ended = false
        while !ended {
            let code = av_read_frame(input.pointer, packet.pointer)
            if code < 0 {
                guard code == cffmpeg_eof() else { throw VideoError.core(.unreadable(path: path, reason: libavMessage(code))) }
                try libavCheck(avcodec_send_packet(decoder.pointer, nil), "avcodec_send_packet(flush)")
                ended = true
            } else {
                defer { av_packet_unref(packet.pointer) }
                guard packet.pointer.pointee.stream_index == stream.pointee.index else { continue }
                let sent = avcodec_send_packet(decoder.pointer, packet.pointer)
                guard sent >= 0 else { throw VideoError.core(.unreadable(path: path, reason: libavMessage(sent))) }
            }
            while try decoder.receive(frame) {
                let image = try rgb(frame)
                av_frame_unref(frame.pointer)
                if try !body(image) { return }
            }
        }
    }

    private func rgb(_ frame: LibavFrame) throws(VideoError) -> RGBImage {
        let width = Int(frame.pointer.pointee.width)
        let height = Int(frame.pointer.pointee.height)
        let format = AVPixelFormat(rawValue: frame.pointer.pointee.format)
        if scaler == nil || scaler!.width != width || scaler!.height != height || scaler!.source != format {
            scaler = try LibavScaler(width: width, height: height, from: format, to: AV_PIX_FMT_RGB24)
        }
        let converter = scaler!
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, count in
            converter.scale(frame, rgb: buffer.baseAddress!)
            count = width * height * 3
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
