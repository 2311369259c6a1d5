import Foundation

/// sRGB encoding and decoding of 8-bit values.
enum ColorSpace {
    /// Linear value of each sRGB byte.
    static let decodeTable: [Float] = (0..<256).map { Float(linear(srgb: Double($0) / 255)) }

    static func linear(srgb c: Double) -> Double {
        c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    static func srgb(linear c: Double) -> Double {
        c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055
    }

    /// The sRGB byte of a linear value in [0, 1].
    static func srgbByte(_ c: Float) -> UInt8 {
        UInt8((srgb(linear: Double(min(max(c, 0), 1))) * 255).rounded())
    }

    /// Linear RGB of a packed R | G << 8 | B << 16 sRGB texel.
    @inline(__always)
    static func linear(_ packed: UInt32) -> SIMD4<Float> {
        decodeTable.withUnsafeBufferPointer { table in
            SIMD4(table[Int(packed & 0xFF)], table[Int((packed >> 8) & 0xFF)], table[Int((packed >> 16) & 0xFF)], 0)
        }
    }
}
