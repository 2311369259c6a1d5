import Foundation
import LoomCore

/// A CPU rasterizer for triangle meshes in front of an environment, lit by it (image-based diffuse
/// and glossy light) and by directional lights, tone-mapped with the AgX-like curve to sRGB.
///
/// Work is split for clips where a camera stays put: `layer` draws the environment and the meshes
/// that do not move once, and `render` then draws only the moving meshes over it, inside their
/// screen rectangle. Each pixel takes `samples` × `samples` depth-tested samples (supersampling).
/// Still meshes are shaded per sample (Phong-interpolated normals); moving meshes per vertex, their
/// colours interpolated across each triangle (Gouraud; fine for finely refined cloth, and it keeps a
/// frame's cost to the covered samples' depth tests). Interpolation is perspective-correct.
/// Triangles must lie in front of the camera (no near-plane clipping). There are no cast shadows.
///
/// A renderer holds buffers; use one per thread.
public final class MeshRenderer {
    /// Output width in pixels.
    public let width: Int
    /// Output height in pixels.
    public let height: Int
    /// Samples per pixel along each axis.
    public let samples: Int
    private let toneMap = ToneMap()
    private var color: [UInt8] = []
    private var depth: [Float] = []

    /// The environment and the still meshes for one camera, drawn once.
    public struct Layer: Sendable {
        /// The camera the layer was drawn for.
        public let camera: Camera
        /// The layer downsampled to the output size.
        public let image: RGBImage
        let color: [UInt8]
        let depth: [Float]
        let lighting: EnvironmentLight
        let lights: [DirectionalLight]
    }

    /// A renderer of `width` × `height` images with `samples`² samples per pixel (at least 1).
    public init(width: Int, height: Int, samples: Int = 2) {
        precondition(width > 0 && height > 0, "the image needs a positive size")
        self.width = width
        self.height = height
        self.samples = max(1, samples)
    }

    private var wide: Int { width * samples }
    private var tall: Int { height * samples }

    /// Draws `environment` behind `statics` for `camera` (its size is set to the renderer's), lit by
    /// `lighting` (made from the same environment), its sun and `lights`.
    public func layer(camera: Camera, environment: any Environment, lighting: EnvironmentLight,
                      lights: [DirectionalLight] = [], statics: [TriangleMesh]) -> Layer {
        var camera = camera
        camera.width = width
        camera.height = height
        let background = environment.background(for: camera)
        var layerColor = [UInt8](repeating: 0, count: wide * tall * 3)
        var layerDepth = [Float](repeating: .infinity, count: wide * tall)
        var pixel: (UInt8, UInt8, UInt8) = (0, 0, 0)
        withUnsafeMutableBytes(of: &pixel) { bytes in
            let out = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for y in 0..<height {
                for x in 0..<width {
                    let c = background[y * width + x]
                    toneMap.write(SIMD4(c.x, c.y, c.z, 0), to: out)
                    for sy in 0..<samples {
                        for sx in 0..<samples {
                            let i = ((y * samples + sy) * wide + x * samples + sx) * 3
                            layerColor[i] = out[0]
                            layerColor[i + 1] = out[1]
                            layerColor[i + 2] = out[2]
                        }
                    }
                }
            }
        }
        let allLights = (lighting.sun.map { [$0] } ?? []) + lights
        let full = Rect(x0: 0, y0: 0, x1: wide, y1: tall)
        for mesh in statics {
            rasterize(mesh, camera: camera, lighting: lighting, lights: allLights, color: &layerColor, depth: &layerDepth, clip: full,
                      perVertex: false)
        }
        var image = RGBImage(width: width, height: height)
        downsample(layerColor, into: &image, pixels: Rect(x0: 0, y0: 0, x1: width, y1: height))
        return Layer(camera: camera, image: image, color: layerColor, depth: layerDepth, lighting: lighting, lights: allLights)
    }

    /// Draws `meshes` over `layer`.
    public func render(_ layer: Layer, meshes: [TriangleMesh]) -> RGBImage {
        var image = layer.image
        guard let region = screenRect(of: meshes, camera: layer.camera) else { return image }
        if color.count != layer.color.count {
            color = layer.color
            depth = layer.depth
        } else {
            for y in region.y0..<region.y1 {
                let start = y * wide + region.x0, end = y * wide + region.x1
                color.replaceSubrange((3 * start)..<(3 * end), with: layer.color[(3 * start)..<(3 * end)])
                depth.replaceSubrange(start..<end, with: layer.depth[start..<end])
            }
        }
        for mesh in meshes {
            rasterize(mesh, camera: layer.camera, lighting: layer.lighting, lights: layer.lights, color: &color, depth: &depth, clip: region,
                      perVertex: true)
        }
        downsample(color, into: &image, pixels: Rect(x0: region.x0 / samples, y0: region.y0 / samples,
                                                      x1: region.x1 / samples, y1: region.y1 / samples))
        return image
    }

    /// A rectangle of samples or pixels, half-open.
    struct Rect {
        var x0, y0, x1, y1: Int
    }

    /// The whole pixels (in samples) the meshes' projections touch, or nil when off screen.
    private func screenRect(of meshes: [TriangleMesh], camera: Camera) -> Rect? {
        let projector = Projector(camera: camera, samples: samples)
        var low = SIMD2<Float>(.infinity, .infinity), high = -low
        for mesh in meshes {
            for p in mesh.positions {
                let s = projector.project(p)
                low = pointwiseMin(low, SIMD2(s.x, s.y))
                high = pointwiseMax(high, SIMD2(s.x, s.y))
            }
        }
        guard low.x <= high.x else { return nil }
        let x0 = max(0, Int(low.x.rounded(.down)) / samples), y0 = max(0, Int(low.y.rounded(.down)) / samples)
        let x1 = min(width, Int(high.x.rounded(.up)) / samples + 1), y1 = min(height, Int(high.y.rounded(.up)) / samples + 1)
        guard x0 < x1, y0 < y1 else { return nil }
        return Rect(x0: x0 * samples, y0: y0 * samples, x1: x1 * samples, y1: y1 * samples)
    }

    /// Camera space and sample coordinates of world points.
    struct Projector {
        let location, right, up, back: SIMD3<Float>
        let focal, cx, cy: Float

        init(camera: Camera, samples: Int) {
            let axes = camera.axes
            location = SIMD3<Float>(camera.location)
            right = SIMD3<Float>(axes.right)
            up = SIMD3<Float>(axes.up)
            back = SIMD3<Float>(axes.back)
            focal = Float(camera.focalPixels * Double(samples))
            cx = Float(camera.width * samples) / 2
            cy = Float(camera.height * samples) / 2
        }

        /// Sample x, sample y, and depth along the view axis (metres).
        @inline(__always) func project(_ p: SIMD3<Float>) -> SIMD3<Float> {
            let d = p - location
            let z = -(d * back).sum()
            return SIMD3(cx + focal * (d * right).sum() / z, cy - focal * (d * up).sum() / z, z)
        }
    }

    private func rasterize(_ mesh: TriangleMesh, camera: Camera, lighting: EnvironmentLight, lights: [DirectionalLight],
                           color: inout [UInt8], depth: inout [Float], clip: Rect, perVertex: Bool) {
        let projector = Projector(camera: camera, samples: samples)
        let screen = mesh.positions.map(projector.project)
        let shader = Shader(look: mesh.look, twoSided: mesh.twoSided, eye: projector.location, lighting: lighting,
                            lights: lights)
        let vertexColors = perVertex ? zip(mesh.positions, mesh.normals).map { shader.shade(position: $0, normal: $1) } : []
        let stride = wide
        color.withUnsafeMutableBufferPointer { colorBuffer in
        depth.withUnsafeMutableBufferPointer { depthBuffer in
            let colorOut = colorBuffer.baseAddress!, depthOut = depthBuffer.baseAddress!
            for t in Swift.stride(from: 0, to: mesh.indices.count, by: 3) {
                let i0 = Int(mesh.indices[t]), i1 = Int(mesh.indices[t + 1]), i2 = Int(mesh.indices[t + 2])
                let a = screen[i0], b = screen[i1], c = screen[i2]
                guard a.z > 0, b.z > 0, c.z > 0 else { continue }
                let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
                guard abs(area) > 1e-8 else { continue }
                let x0 = max(clip.x0, Int((min(a.x, b.x, c.x) - 0.5).rounded(.up)))
                let x1 = min(clip.x1 - 1, Int((max(a.x, b.x, c.x) - 0.5).rounded(.down)))
                let y0 = max(clip.y0, Int((min(a.y, b.y, c.y) - 0.5).rounded(.up)))
                let y1 = min(clip.y1 - 1, Int((max(a.y, b.y, c.y) - 0.5).rounded(.down)))
                guard x0 <= x1, y0 <= y1 else { continue }
                let inverse = 1 / area
                // Edge functions, scaled so each is the barycentric weight of the opposite vertex.
                let e0dx = -(c.y - b.y) * inverse, e1dx = -(a.y - c.y) * inverse
                let iz = SIMD3<Float>(1 / a.z, 1 / b.z, 1 / c.z)
                let p0 = mesh.positions[i0] * iz.x, p1 = mesh.positions[i1] * iz.y, p2 = mesh.positions[i2] * iz.z
                let n0 = mesh.normals[i0] * iz.x, n1 = mesh.normals[i1] * iz.y, n2 = mesh.normals[i2] * iz.z
                let c0 = perVertex ? vertexColors[i0] * iz.x : .zero, c1 = perVertex ? vertexColors[i1] * iz.y : .zero
                let c2 = perVertex ? vertexColors[i2] * iz.z : .zero
                for y in y0...y1 {
                    let py = Float(y) + 0.5
                    let px = Float(x0) + 0.5
                    var w0 = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) * inverse
                    var w1 = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) * inverse
                    for x in x0...x1 {
                        let w2 = 1 - w0 - w1
                        if w0 >= 0, w1 >= 0, w2 >= 0 {
                            let inverseDepth = w0 * iz.x + w1 * iz.y + w2 * iz.z
                            let z = 1 / inverseDepth
                            let s = y * stride + x
                            if z < depthOut[s] {
                                depthOut[s] = z
                                let c: SIMD3<Float>
                                if perVertex {
                                    c = (c0 * w0 + c1 * w1 + c2 * w2) * z
                                } else {
                                    c = shader.shade(position: (p0 * w0 + p1 * w1 + p2 * w2) * z, normal: n0 * w0 + n1 * w1 + n2 * w2)
                                }
                                toneMap.write(SIMD4(c.x, c.y, c.z, 0), to: colorOut + 3 * s)
                            }
                        }
                        w0 += e0dx
                        w1 += e1dx
                    }
                }
            }
        }
        }
    }

    /// Averages each pixel's samples inside `pixels` into `image`.
    private func downsample(_ source: [UInt8], into image: inout RGBImage, pixels: Rect) {
        let n = samples * samples, half = n / 2
        source.withUnsafeBufferPointer { src in
            image.pixels.withUnsafeMutableBufferPointer { out in
                for y in pixels.y0..<pixels.y1 {
                    for x in pixels.x0..<pixels.x1 {
                        var r = 0, g = 0, b = 0
                        for sy in 0..<samples {
                            var i = ((y * samples + sy) * wide + x * samples) * 3
                            for _ in 0..<samples {
                                r += Int(src[i]); g += Int(src[i + 1]); b += Int(src[i + 2])
                                i += 3
                            }
                        }
                        let o = (y * width + x) * 3
                        out[o] = UInt8((r + half) / n)
                        out[o + 1] = UInt8((g + half) / n)
                        out[o + 2] = UInt8((b + half) / n)
                    }
                }
            }
        }
    }
}

/// Shades one surface point of a mesh: diffuse and glossy image-based light plus directional lights
/// (Blinn-Phong highlights normalised for energy), a Schlick Fresnel sheen on dielectrics.
struct Shader {
    let base: SIMD3<Float>
    let metallic: Float
    let fresnelScale: Float
    let shininess: Float
    let highlightNorm: Float
    let twoSided: Bool
    let eye: SIMD3<Float>
    let lighting: EnvironmentLight
    let lights: [DirectionalLight]
    /// Reflectance of a dielectric seen head-on (index of refraction 1.5).
    static let dielectricF0: Float = 0.04

    init(look: SurfaceLook, twoSided: Bool, eye: SIMD3<Float>, lighting: EnvironmentLight, lights: [DirectionalLight]) {
        base = look.baseColor
        metallic = look.metallic
        fresnelScale = 1 - look.roughness
        let alpha = max(look.roughness * look.roughness, 0.02)
        shininess = 2 / (alpha * alpha) - 2
        highlightNorm = (shininess + 8) / (8 * .pi)
        self.twoSided = twoSided
        self.eye = eye
        self.lighting = lighting
        self.lights = lights
    }

    /// Linear radiance leaving a surface point toward the eye.
    @inline(__always)
    func shade(position: SIMD3<Float>, normal: SIMD3<Float>) -> SIMD3<Float> {
        var n = normal / max((normal * normal).sum().squareRoot(), 1e-12)
        var v = eye - position
        v /= (v * v).sum().squareRoot()
        var nv = (n * v).sum()
        if nv < 0, twoSided {
            n = -n
            nv = -nv
        }
        nv = max(nv, 1e-4)
        let r = 2 * nv * n - v
        var direct = SIMD3<Float>.zero, highlight = SIMD3<Float>.zero
        for light in lights {
            let nl = (n * light.direction).sum()
            guard nl > 0 else { continue }
            direct += light.irradiance * nl
            var h = light.direction + v
            h /= max((h * h).sum().squareRoot(), 1e-12)
            highlight += light.irradiance * (nl * powf(max((n * h).sum(), 0), shininess) * highlightNorm)
        }
        let reflection = lighting.glossy(r) + highlight
        let m = 1 - nv, m2 = m * m
        let fresnel = Self.dielectricF0 + (1 - Self.dielectricF0) * m2 * m2 * m * fresnelScale
        let dielectric = base * (lighting.diffuse(n) + direct / .pi) * (1 - fresnel) + reflection * fresnel
        let metal = base * reflection
        return dielectric * (1 - metallic) + metal * metallic
    }
}
