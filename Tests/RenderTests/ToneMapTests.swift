import Foundation
@testable import Render
import Testing

@Suite struct ToneMapTests {
    let toneMap = ToneMap()

    func bytes(_ v: Float) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 3)
        out.withUnsafeMutableBufferPointer { toneMap.write(SIMD4(v, v, v, 0), to: $0.baseAddress!) }
        return out
    }

    @Test func middleGreyIsAboutHalf() {
        let grey = bytes(0.18)
        #expect((118...136).contains(Int(grey[0])), "0.18 → \(grey)")
        #expect(grey[0] == grey[1] && grey[1] == grey[2])
    }

    /// NaN once indexed the curve table far out of bounds (stray memory, bytes that varied run to run).
    @Test func nanIsBlackNotStrayMemory() {
        #expect(bytes(.nan) == bytes(0))
        #expect(bytes(-.infinity) == bytes(0) && bytes(.infinity) == bytes(1e6))
    }

    @Test func curveIsMonotoneFromBlackToWhite() {
        #expect(bytes(0)[0] <= 2)
        #expect(bytes(1000)[0] == 255 || bytes(1000)[0] >= 250)
        var previous = -1
        for stop in stride(from: -12.0, through: 5.0, by: 0.25) {
            let value = Int(bytes(Float(exp2(stop)))[0])
            #expect(value >= previous)
            previous = value
        }
    }

    @Test func brightSaturatedColoursRollOffTowardsWhite() {
        var out = [UInt8](repeating: 0, count: 3)
        out.withUnsafeMutableBufferPointer { toneMap.write(SIMD4(40, 0.5, 0.5, 0), to: $0.baseAddress!) }
        #expect(out[0] > 240 && out[1] > 100)
    }
}
