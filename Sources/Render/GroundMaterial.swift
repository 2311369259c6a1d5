import Foundation
import LoomCore
import Synchronization

/// A ground texture: one of the built-in procedural materials or a user image, with its mip chain.
///
/// Procedural textures are generated once per process and name (about a quarter of a second each at
/// 1024²) and shared; copies of a material share one texture.
public struct GroundMaterial: Sendable, Equatable {
    /// The material's name (the procedural name, or the name given with the image).
    public var name: String
    let texture: GroundTexture

    /// The built-in procedural materials.
    public static let proceduralNames: [String] = ProceduralGround.recipes.map { $0.name }

    /// Side of the generated procedural textures, in texels (one texel is 7.8 mm on an 8 m tile).
    public static let proceduralSize = 1024

    /// The built-in material `name` (see `proceduralNames`).
    public static func procedural(_ name: String) throws(RenderError) -> GroundMaterial {
        try procedural(name, size: proceduralSize)
    }

    /// The built-in material at another resolution (a power of two); cached per name and size.
    static func procedural(_ name: String, size: Int) throws(RenderError) -> GroundMaterial {
        guard let index = proceduralNames.firstIndex(of: name) else {
            throw RenderError.texture("unknown ground material '\(name)'; expected one of \(proceduralNames.joined(separator: ", "))")
        }
        let key = "\(name)@\(size)"
        if let texture = cache.withLock({ $0[key] }) { return GroundMaterial(name: name, texture: texture) }
        let texture = generate(ProceduralGround.recipes[index].recipe, size: size, seed: UInt32(index + 1))
        let shared = cache.withLock { cached in
            if let existing = cached[key] { return existing }
            cached[key] = texture
            return texture
        }
        return GroundMaterial(name: name, texture: shared)
    }

    /// A material from an image (for example a decoded PNG or JPEG), stretched over one texture tile.
    ///
    /// The image is resampled to a square power-of-two size (at most 2048) and treated as flat (no relief).
    public static func image(_ image: RGBImage, name: String) -> GroundMaterial {
        GroundMaterial(name: name, texture: ImageTexture.make(image))
    }

    /// Equal when the names match and the texture is the same object.
    public static func == (a: GroundMaterial, b: GroundMaterial) -> Bool {
        a.name == b.name && a.texture === b.texture
    }

    private static let cache = Mutex<[String: GroundTexture]>([:])

    /// Evaluates a recipe on a `size`² grid and derives the relief slopes from its heights.
    static func generate(_ recipe: ProceduralGround.Recipe, size: Int, seed: UInt32) -> GroundTexture {
        let noise = TileNoise(seed: seed &* 0x9E37_79B9)
        var albedo = [Float](repeating: 0, count: size * size * 3)
        var height = [Double](repeating: 0, count: size * size)
        for y in 0..<size {
            let v = (Double(y) + 0.5) / Double(size)
            for x in 0..<size {
                let u = (Double(x) + 0.5) / Double(size)
                let texel = recipe(u, v, noise)
                let i = y * size + x
                albedo[i * 3] = Float(min(max(texel.albedo.x, 0), 1))
                albedo[i * 3 + 1] = Float(min(max(texel.albedo.y, 0), 1))
                albedo[i * 3 + 2] = Float(min(max(texel.albedo.z, 0), 1))
                height[i] = texel.height
            }
        }
        // Central differences; a texel is 8 m / size wide on the reference ground.
        let texelMetres = 8.0 / Double(size)
        var slope = [Float](repeating: 0, count: size * size * 2)
        let mask = size - 1
        for y in 0..<size {
            for x in 0..<size {
                let dx = height[y * size + ((x + 1) & mask)] - height[y * size + ((x - 1) & mask)]
                let dy = height[((y + 1) & mask) * size + x] - height[((y - 1) & mask) * size + x]
                slope[(y * size + x) * 2] = Float(dx / (2 * texelMetres))
                slope[(y * size + x) * 2 + 1] = Float(dy / (2 * texelMetres))
            }
        }
        return GroundTexture(size: size, albedo: albedo, slope: slope)
    }
}

/// Turns a user image into a ground texture.
enum ImageTexture {
    static let maximumSize = 2048

    static func make(_ image: RGBImage) -> GroundTexture {
        var size = 1
        while size * 2 <= min(max(image.width, image.height), maximumSize) { size *= 2 }
        // Linearise, then halve with a box filter while the image is at least twice the target.
        var width = image.width, height = image.height
        var linear = image.pixels.map { ColorSpace.decodeTable[Int($0)] }
        while width >= 2 * size && height >= 2 * size {
            let w = width / 2, h = height / 2
            var half = [Float](repeating: 0, count: w * h * 3)
            for y in 0..<h {
                for x in 0..<w {
                    for k in 0..<3 {
                        let a = linear[((2 * y) * width + 2 * x) * 3 + k] + linear[((2 * y) * width + 2 * x + 1) * 3 + k]
                        let b = linear[((2 * y + 1) * width + 2 * x) * 3 + k] + linear[((2 * y + 1) * width + 2 * x + 1) * 3 + k]
                        half[(y * w + x) * 3 + k] = 0.25 * (a + b)
                    }
                }
            }
            linear = half
            width = w
            height = h
        }
        // Bilinear resample to size × size; texture row 0 is v = 0, the bottom of the image (Blender's UVs).
        var albedo = [Float](repeating: 0, count: size * size * 3)
        for ty in 0..<size {
            let sy = (1 - (Double(ty) + 0.5) / Double(size)) * Double(height) - 0.5
            let y0 = min(max(Int(sy.rounded(.down)), 0), height - 1), y1 = min(y0 + 1, height - 1)
            let fy = Float(min(max(sy - sy.rounded(.down), 0), 1))
            for tx in 0..<size {
                let sx = (Double(tx) + 0.5) / Double(size) * Double(width) - 0.5
                let x0 = min(max(Int(sx.rounded(.down)), 0), width - 1), x1 = min(x0 + 1, width - 1)
                let fx = Float(min(max(sx - sx.rounded(.down), 0), 1))
                for k in 0..<3 {
                    let top = linear[(y0 * width + x0) * 3 + k] * (1 - fx) + linear[(y0 * width + x1) * 3 + k] * fx
                    let bottom = linear[(y1 * width + x0) * 3 + k] * (1 - fx) + linear[(y1 * width + x1) * 3 + k] * fx
                    albedo[(ty * size + tx) * 3 + k] = top * (1 - fy) + bottom * fy
                }
            }
        }
        return GroundTexture(size: size, albedo: albedo, slope: [Float](repeating: 0, count: size * size * 2))
    }
}
