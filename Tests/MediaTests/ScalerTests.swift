import CFFmpeg
import Foundation
import Testing
@testable import Media

/// The RGB → YUV conversion must not read past the caller's pixels: swscale's SIMD loads run up to
/// 16 bytes past a row, and whatever lay after the frame once changed the converted frames (one
/// force-balls clip in several runs came out with other bytes; valgrind showed the read).
@Suite("RGB to YUV conversion")
struct ScalerTests {
    /// The YUV planes of one 96×64 frame whose RGB bytes are followed in memory by `after`.
    func convert(followedBy after: UInt8) throws -> [UInt8] {
        let width = 96, height = 64, bytes = width * height * 3
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes + 256)
        defer { memory.deallocate() }
        for i in 0..<bytes { memory[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        for i in bytes..<(bytes + 256) { memory[i] = after }
        let scaler = try LibavScaler(width: width, height: height, from: AV_PIX_FMT_RGB24, to: AV_PIX_FMT_YUV420P)
        let frame = try LibavFrame(width: width, height: height, format: AV_PIX_FMT_YUV420P)
        scaler.scale(rgb: memory, into: frame)
        var planes: [UInt8] = []
        frame.withPlanes { data, strides in
            for (plane, rows, cols) in [(0, height, width), (1, height / 2, width / 2), (2, height / 2, width / 2)] {
                for y in 0..<rows { planes += UnsafeBufferPointer(start: data[plane]! + y * Int(strides[plane]), count: cols) }
            }
        }
        return planes
    }

    @Test func bytesAfterTheFrameDoNotChangeTheConversion() throws {
        let zeros = try convert(followedBy: 0)
        #expect(zeros == (try convert(followedBy: 0xFF)))
        #expect(zeros == (try convert(followedBy: 0x5A)))
    }
}
