import Foundation
import LoomCore
@testable import Media
import Testing

@Suite struct ImageDecoderTests {
    @Test(.enabled(if: VideoTestSupport.hasFFmpegTools)) func decodesJPEG() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = VideoTestSupport.frame(2, width: 96, height: 64)
        let png = folder.appendingPathComponent("source.png"), jpeg = folder.appendingPathComponent("photo.jpg")
        try PNGCodec.encode(image).write(to: png)
        #expect(VideoTestSupport.run("ffmpeg", ["-v", "error", "-y", "-i", png.path, "-q:v", "2", jpeg.path]) != nil)
        let decoded = try ImageDecoder.decode(url: jpeg)
        #expect(decoded.width == 96 && decoded.height == 64)
        #expect(VideoTestSupport.psnr(decoded, image) > 28)
    }

    @Test func textFileIsNotAnImage() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("readme.png")
        try Data("hello, this is text".utf8).write(to: url)
        do {
            _ = try ImageDecoder.decode(url: url)
            Issue.record("text decoded as an image")
        } catch {
            #expect(error.isUsageError)
            #expect(error.description.contains("readme.png"))
        }
    }

    @Test func missingFileIsReported() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString).jpg")
        #expect(throws: ImageError.self) { try ImageDecoder.decode(url: url) }
    }

    @Test func videoIsNotAnImage() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.mp4")
        let writer = try VideoWriter(url: url, width: 32, height: 32)
        try writer.append(VideoTestSupport.frame(0, width: 32, height: 32))
        try writer.finish()
        do {
            _ = try ImageDecoder.decode(url: url)
            Issue.record("an MP4 decoded as an image")
        } catch {
            #expect(error.description.contains("h264"))
        }
    }
}
