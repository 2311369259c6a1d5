import CFFmpeg
import Foundation
import LoomCore

/// Encodes RGB images as PNG with libavcodec's PNG encoder.
public enum PNGCodec {
    /// The PNG file bytes of `image` (8-bit RGB, no alpha).
    public static func encode(_ image: RGBImage) throws(VideoError) -> Data {
        _ = silenceLibav
        guard image.width > 0, image.height > 0 else {
            throw VideoError.core(.usage("cannot encode an empty \(image.width)×\(image.height) image as PNG"))
        }
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_PNG) else {
            throw VideoError.library(call: "avcodec_find_encoder(png)", code: 0, message: "libavcodec has no PNG encoder")
        }
        let encoder = try LibavCodecContext(codec: codec)
        encoder.pointer.pointee.width = Int32(image.width)
        encoder.pointer.pointee.height = Int32(image.height)
        encoder.pointer.pointee.pix_fmt = AV_PIX_FMT_RGB24
        encoder.pointer.pointee.time_base = AVRational(num: 1, den: 1)
        encoder.pointer.pointee.thread_count = 1
        try libavCheck(avcodec_open2(encoder.pointer, codec, nil), "avcodec_open2(png)")

        let frame = try LibavFrame(width: image.width, height: image.height, format: AV_PIX_FMT_RGB24)
        let rowBytes = image.width * 3
        let stride = Int(frame.pointer.pointee.linesize.0)
        let destination = frame.pointer.pointee.data.0!
        image.pixels.withUnsafeBufferPointer { source in
            for row in 0..<image.height {
                (destination + row * stride).update(from: source.baseAddress! + row * rowBytes, count: rowBytes)
            }
        }
        frame.pointer.pointee.pts = 0
        try libavCheck(avcodec_send_frame(encoder.pointer, frame.pointer), "avcodec_send_frame(png)")
        try libavCheck(avcodec_send_frame(encoder.pointer, nil), "avcodec_send_frame(png flush)")
        let packet = try LibavPacket()
        var data = Data()
        while try encoder.receive(packet) {
            data.append(packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size))
            av_packet_unref(packet.pointer)
        }
        return data
    }
}
