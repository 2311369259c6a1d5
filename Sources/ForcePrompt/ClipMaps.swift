import LoomCore
import Render

/// A clip's per-pixel depth and instance segmentation, frame after frame, as the renderer computes
/// them beside the colours (Kubric's `depth` and `segmentation` layers, as `.npy`).
struct ClipMaps {
    /// Metres along the camera's view axis per pixel, `(frames, height, width)`, +∞ for the sky.
    private(set) var depth: [Float16] = []
    /// Per pixel, `(frames, height, width)`: 0 ground or sky, 1 the pushed ball, 2 and up the
    /// distractors in their order in the clip's JSON.
    private(set) var segmentation: [UInt8] = []
    private(set) var frames = 0
    private var frameDepth: [Float] = []
    private var frameSegmentation: [UInt8] = []

    /// Room for `frames` frames of `pixels` pixels.
    init(frames: Int, pixels: Int) {
        depth.reserveCapacity(frames * pixels)
        segmentation.reserveCapacity(frames * pixels)
    }

    /// Renders one frame and appends its maps.
    mutating func render(_ scene: Scene, with renderer: Renderer) -> RGBImage {
        let image = renderer.render(scene, depth: &frameDepth, segmentation: &frameSegmentation)
        depth.append(contentsOf: frameDepth.lazy.map { Float16($0) })
        segmentation.append(contentsOf: frameSegmentation)
        frames += 1
        return image
    }
}
