import Foundation
import TestSupport
import LoomCore

/// Helpers for the video, PNG and image tests.
enum VideoTestSupport {
    /// A fresh scratch folder, removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A smooth test frame, like a rendered one: colour gradients and an anti-aliased disc that moves
    /// with `index`.
    static func frame(_ index: Int, width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        let cx = Double(width) * (0.25 + 0.02 * Double(index)), cy = Double(height) * 0.5
        let radius = Double(height) * 0.2
        for y in 0..<height {
            for x in 0..<width {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let cover = min(max(radius - (dx * dx + dy * dy).squareRoot() + 0.5, 0), 1)
                let background = (40 + 150 * Double(x) / Double(width), 60 + 120 * Double(y) / Double(height), 110.0)
                let disc = (200.0, 170.0, 90.0)
                image[x, y] = (UInt8((background.0 + (disc.0 - background.0) * cover).rounded()),
                               UInt8((background.1 + (disc.1 - background.1) * cover).rounded()),
                               UInt8((background.2 + (disc.2 - background.2) * cover).rounded()))
            }
        }
        return image
    }

    /// Peak signal-to-noise ratio between two images of one size, in dB.
    static func psnr(_ a: RGBImage, _ b: RGBImage) -> Double {
        var sum = 0.0
        for i in 0..<a.pixels.count {
            let d = Double(a.pixels[i]) - Double(b.pixels[i])
            sum += d * d
        }
        let mse = sum / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// Runs a program and returns its standard output, or nil if it cannot run or fails.
    static func run(_ program: String, _ arguments: [String]) -> String? {
        TestSupport.run(program, arguments).flatMap { $0.succeeded ? $0.stdout : nil }
    }

    static let hasFFmpegTools = run("ffprobe", ["-version"]) != nil && run("ffmpeg", ["-version"]) != nil
}
