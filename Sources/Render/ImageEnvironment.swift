import Foundation
import LoomCore

/// An environment from an sRGB image. A 2:1 image is an equirectangular panorama (Blender's
/// mapping, see `Equirectangular`); any other image is a backdrop that fills the frame (scaled to
/// cover it, centred), and lights the scene as if it were wrapped around it as a panorama.
public struct ImageEnvironment: Environment {
    /// The name given with the image.
    public let name: String
    /// Whether the image is a 2:1 equirectangular panorama rather than a backdrop.
    public let isPanorama: Bool
    let width: Int
    let height: Int
    /// Linear RGB per texel, rows from the top.
    let texels: [SIMD3<Float>]
    /// None: an image lights the scene only through its texels.
    public var sun: DirectionalLight? { nil }

    /// An environment from an sRGB image, decoded to linear RGB.
    public init(name: String, image: RGBImage) {
        self.name = name
        width = image.width
        height = image.height
        isPanorama = abs(Double(image.width) / Double(image.height) - 2) < 0.05
        let table = ColorSpace.decodeTable
        texels = (0..<(image.width * image.height)).map { i in
            SIMD3(table[Int(image.pixels[3 * i])], table[Int(image.pixels[3 * i + 1])], table[Int(image.pixels[3 * i + 2])])
        }
    }

    /// The texel the direction maps to in the equirectangular image.
    public func radiance(_ d: SIMD3<Float>) -> SIMD3<Float> {
        let uv = Equirectangular.uv(d)
        return texel(uv.x * Float(width), (1 - uv.y) * Float(height))
    }

    /// A panorama's rays, or a backdrop scaled to cover the frame and centred.
    public func background(for camera: Camera) -> [SIMD3<Float>] {
        guard !isPanorama else { return backgroundFromRays(camera) }
        // Cover: scale so the image fills the frame, centred.
        let scale = max(Float(camera.width) / Float(width), Float(camera.height) / Float(height))
        let offsetX = (Float(width) - Float(camera.width) / scale) / 2
        let offsetY = (Float(height) - Float(camera.height) / scale) / 2
        var out = [SIMD3<Float>](repeating: .zero, count: camera.width * camera.height)
        for y in 0..<camera.height {
            for x in 0..<camera.width {
                out[y * camera.width + x] = texel(offsetX + (Float(x) + 0.5) / scale, offsetY + (Float(y) + 0.5) / scale)
            }
        }
        return out
    }

    /// Bilinear lookup at image coordinates (x across, y down; texel centres at +0.5).
    private func texel(_ x: Float, _ y: Float) -> SIMD3<Float> {
        let fx = x - 0.5, fy = y - 0.5
        let x0 = Int(fx.rounded(.down)), y0 = Int(fy.rounded(.down))
        let tx = fx - Float(x0), ty = fy - Float(y0)
        func at(_ i: Int, _ j: Int) -> SIMD3<Float> {
            let ii = isPanorama ? (i % width + width) % width : min(max(i, 0), width - 1)
            return texels[min(max(j, 0), height - 1) * width + ii]
        }
        let top = at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx
        let bottom = at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx
        return top * (1 - ty) + bottom * ty
    }
}
