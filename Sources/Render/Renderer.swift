import Foundation
import LoomCore

/// A CPU renderer for a `Scene`: a textured ground plane, balls, a sun and a grey sky,
/// seen through a pinhole camera, tone-mapped with an AgX-like curve to sRGB.
///
/// Each pixel is ray cast. The ground without balls is computed once for a given camera, ground and
/// light (anisotropic, mipmapped texture filtering; see `GroundLayer`); every frame then re-shades only
/// the rows and columns the balls, their shadows and their contact darkening cover. Pixels on a ball's
/// silhouette take `samplesPerPixel` samples; everything else is filtered analytically (texture
/// footprints, seam and shadow edges widened to the pixel) and takes one.
///
/// A renderer holds buffers and its ground cache; use one per thread.
public final class Renderer {
    /// Output width in pixels.
    public let width: Int
    /// Output height in pixels.
    public let height: Int
    /// Samples per pixel on ball silhouettes (at least 1).
    public let samplesPerPixel: Int
    private let toneMap = ToneMap()
    private var layer: GroundLayer?
    private let subpixels: [SIMD2<Double>]
    /// Shade every pixel instead of the balls' spans (for tests: the spans must not miss anything).
    var shadesEveryPixel = false

    /// A renderer of `width`×`height` images; `samplesPerPixel` samples on ball silhouettes (at least 1).
    public init(width: Int, height: Int, samplesPerPixel: Int = 4) {
        precondition(width > 0 && height > 0, "the image needs a positive size")
        self.width = width
        self.height = height
        self.samplesPerPixel = max(1, samplesPerPixel)
        // An R2 low-discrepancy pattern over the pixel.
        subpixels = (0..<max(1, samplesPerPixel)).map { i in
            let x = 0.5 + Double(i) * 0.7548776662466927, y = 0.5 + Double(i) * 0.5698402909980532
            return SIMD2(x - x.rounded(.down), y - y.rounded(.down))
        }
    }

    /// Renders the scene at the renderer's size (the camera's field of view is kept).
    public func render(_ scene: Scene) -> RGBImage {
        var pixels = [UInt8]()
        renderPixels(scene, pixels: &pixels, depth: nil, segmentation: nil)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Renders the scene and fills `depth` (z-depth along the view axis in metres, +∞ for the sky) and
    /// `segmentation` (0 ground or sky, 1 + index into `scene.balls` for a ball) per pixel, row-major.
    public func render(_ scene: Scene, depth: inout [Float], segmentation: inout [UInt8]) -> RGBImage {
        var pixels = [UInt8]()
        withUnsafeMutablePointer(to: &depth) { depthPointer in
            withUnsafeMutablePointer(to: &segmentation) { segmentationPointer in
                renderPixels(scene, pixels: &pixels, depth: depthPointer, segmentation: segmentationPointer)
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    private func renderPixels(_ scene: Scene, pixels: inout [UInt8], depth: UnsafeMutablePointer<[Float]>?,
                              segmentation: UnsafeMutablePointer<[UInt8]>?) {
        var camera = scene.camera
        camera.width = width
        camera.height = height
        let key = GroundLayer.Key(scene, camera: camera)
        if layer?.key != key {
            layer = nil
            layer = GroundLayer(key: key, width: width, height: height, toneMap: toneMap)
        }
        let ground = layer!
        pixels = ground.rgb
        // Refill the caller's buffers in place when they have the right size (no new allocation).
        if let depth {
            if depth.pointee.count == ground.depth.count {
                depth.pointee.withUnsafeMutableBufferPointer { target in
                    ground.depth.withUnsafeBufferPointer { target.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
                }
            } else {
                depth.pointee = ground.depth
            }
        }
        if let segmentation {
            if segmentation.pointee.count == width * height {
                segmentation.pointee.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            } else {
                segmentation.pointee = [UInt8](repeating: 0, count: width * height)
            }
        }
        guard !scene.balls.isEmpty else { return }

        let frame = FrameShader(scene: scene, camera: camera, layer: ground, subpixels: subpixels)
        var spans: [(start: Int, end: Int)] = []
        pixels.withUnsafeMutableBufferPointer { rgb in
            for y in 0..<height {
                spans.removeAll(keepingCapacity: true)
                if shadesEveryPixel { spans.append((0, width)) } else { frame.appendSpans(row: y, to: &spans) }
                guard !spans.isEmpty else { continue }
                spans.sort { $0.start < $1.start }
                // Merge overlapping spans in place, then shade each merged span once.
                var merged = 0
                for k in 1..<spans.count {
                    if spans[k].start <= spans[merged].end {
                        spans[merged].end = max(spans[merged].end, spans[k].end)
                    } else {
                        merged += 1
                        spans[merged] = spans[k]
                    }
                }
                for span in spans[0...merged] {
                    for x in span.start..<span.end {
                        guard let result = frame.shade(x: x, y: y) else { continue }
                        let i = y * width + x
                        toneMap.write(result.radiance, to: rgb.baseAddress! + i * 3)
                        if let depth { depth.pointee[i] = result.depth }
                        if let segmentation { segmentation.pointee[i] = result.object }
                    }
                }
            }
        }
    }
}

/// A pixel rectangle [x0, x1) × [y0, y1).
struct PixelRect {
    var x0: Int, y0: Int, x1: Int, y1: Int
}
