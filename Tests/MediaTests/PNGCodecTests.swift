import Foundation
import LoomCore
@testable import Media
import Testing

@Suite struct PNGCodecTests {
    @Test func pngRoundTripIsLossless() throws {
        let folder = try VideoTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var image = VideoTestSupport.frame(3, width: 37, height: 21)
        image[0, 0] = (1, 2, 3)
        image[36, 20] = (255, 0, 254)
        let data = try PNGCodec.encode(image)
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let url = folder.appendingPathComponent("round.png")
        try data.write(to: url)
        let decoded = try ImageDecoder.decode(url: url)
        #expect(decoded == image)
    }

    @Test func pngEncodingIsDeterministic() throws {
        let image = VideoTestSupport.frame(5, width: 64, height: 40)
        #expect(try PNGCodec.encode(image) == PNGCodec.encode(image))
    }

    @Test func emptyImageIsRejected() {
        #expect(throws: VideoError.self) { try PNGCodec.encode(RGBImage(width: 0, height: 0)) }
    }
}
