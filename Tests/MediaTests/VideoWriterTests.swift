import Foundation
import LoomCore
@testable import Media
import Testing

@Suite struct VideoWriterTests {
    func writeClip(to url: URL, frames: Int, width: Int = 160, height: Int = 120, fps: Int = 24) throws {
        let writer = try VideoWriter(url: url, width: width, height: height, fps: fps)
        for i in 0..<frames { try writer.append(VideoTestSupport.frame(i, width: width, height: height)) }
        try writer.finish()
    }

    @Test func roundTripKeepsFramesSizeRateAndQuality() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.mp4")
        try writeClip(to: url, frames: 30)
        let video = try VideoReader.read(url: url)
        #expect(video.frames.count == 30)
        #expect(video.width == 160 && video.height == 120)
        #expect(abs(video.fps - 24) < 1e-9)
        for (i, frame) in video.frames.enumerated() {
            let psnr = VideoTestSupport.psnr(frame, VideoTestSupport.frame(i, width: 160, height: 120))
            #expect(psnr > 40, "frame \(i): PSNR \(psnr) dB")
        }
    }

    @Test(.enabled(if: VideoTestSupport.hasFFmpegTools)) func ffprobeReadsTheClip() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.mp4")
        try writeClip(to: url, frames: 12, width: 64, height: 48, fps: 24)
        let output = try #require(VideoTestSupport.run("ffprobe", [
            "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
            "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames", "-of", "json", url.path]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let stream = try #require((json["streams"] as? [[String: Any]])?.first)
        #expect(stream["codec_name"] as? String == "h264")
        #expect(stream["pix_fmt"] as? String == "yuv420p")
        #expect(stream["width"] as? Int == 64)
        #expect(stream["height"] as? Int == 48)
        #expect(stream["r_frame_rate"] as? String == "24/1")
        #expect(stream["nb_read_frames"] as? String == "12")
    }

    @Test func sameFramesGiveSameBytes() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.mp4"), b = folder.appendingPathComponent("b.mp4")
        try writeClip(to: a, frames: 20)
        try writeClip(to: b, frames: 20)
        let first = try Data(contentsOf: a), second = try Data(contentsOf: b)
        #expect(first.count > 1000)
        #expect(first == second)
    }

    @Test func oddSizesAreUsageErrors() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).mp4")
        for (width, height) in [(721, 480), (720, 481), (0, 480)] {
            do {
                _ = try VideoWriter(url: url, width: width, height: height)
                Issue.record("\(width)×\(height) was accepted")
            } catch {
                #expect(error.isUsageError)
                #expect(error.description.contains("even"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func badSettingsAreUsageErrors() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).mp4")
        #expect(throws: VideoError.self) { try VideoWriter(url: url, width: 64, height: 48, crf: 52) }
        #expect(throws: VideoError.self) { try VideoWriter(url: url, width: 64, height: 48, preset: "warp") }
        #expect(throws: VideoError.self) { try VideoWriter(url: url, width: 64, height: 48, fps: 0) }
        do {
            _ = try VideoWriter(url: url, width: 64, height: 48, preset: "warp")
        } catch {
            #expect(error.isUsageError && error.description.contains("medium"))
        }
    }

    @Test func wrongFrameSizeIsRejected() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try VideoWriter(url: folder.appendingPathComponent("c.mp4"), width: 64, height: 48)
        #expect(throws: VideoError.self) { try writer.append(RGBImage(width: 32, height: 48)) }
    }

    @Test func unwritableFolderIsReported() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/clip.mp4")
        do {
            _ = try VideoWriter(url: url, width: 64, height: 48)
            Issue.record("writing into a missing folder succeeded")
        } catch {
            #expect(error.description.contains(url.path))
        }
    }

    @Test func readingANonVideoFails() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("notes.mp4")
        try Data("not a video at all".utf8).write(to: url)
        #expect(throws: VideoError.self) { try VideoReader.read(url: url) }
    }
}
