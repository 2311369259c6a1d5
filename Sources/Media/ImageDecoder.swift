import CFFmpeg
import Foundation
import LoomCore

/// Decodes PNG and JPEG files (libavformat's image demuxers and libavcodec) into 8-bit RGB.
public enum ImageDecoder {
    /// Decodes the image at `url`; alpha is dropped, grey and 16-bit images are converted to RGB.
    public static func decode(url: URL) throws(ImageError) -> RGBImage {
        let path = url.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImageError.notAnImage(path: path, reason: "no such readable file")
        }
        var codec = AV_CODEC_ID_NONE
        var image: RGBImage?
        do throws(VideoError) {
            let decoder = try LibavVideoDecoder(path: path)
            codec = decoder.codecID
            if imageCodecs.contains(codec) { try decoder.forEachFrame { image = $0; return false } }
        } catch {
            let reason: String = switch error {
            case .core(.unreadable(_, let reason)): reason
            default: error.description
            }
            throw ImageError.notAnImage(path: path, reason: reason)
        }
        guard imageCodecs.contains(codec) else {
            throw ImageError.notAnImage(path: path, reason: "it holds \(String(cString: avcodec_get_name(codec))) data")
        }
        guard let image else { throw ImageError.notAnImage(path: path, reason: "no picture in it") }
        return image
    }

    /// The codecs accepted as still images.
    static let imageCodecs: Set<AVCodecID> = [AV_CODEC_ID_PNG, AV_CODEC_ID_MJPEG]
}

/// Errors of image decoding: files that are missing or are not PNG/JPEG images.
public enum ImageError: UserFacingError {
    /// The file is missing, unreadable or not an image we can decode.
    case notAnImage(path: String, reason: String)

    /// Always: a bad image is a bad input file.
    public var isUsageError: Bool { true }

    /// One readable line.
    public var description: String {
        switch self {
        case .notAnImage(let path, let reason):
            "\(path) is not a readable PNG or JPEG image (\(reason)); remove it or convert it to PNG or JPEG"
        }
    }
}
