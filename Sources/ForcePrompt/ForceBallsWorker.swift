import Foundation
import LoomCore
import Media
import Physics
import Render

/// Makes force-balls clips on one thread: it keeps the renderer and the encoder settings, and
/// gives each clip a fresh Bullet world (see `BallSimulation.run`).
public struct ForceBallsWorker: SampleWorker {
    let generator: ForceBallsGenerator
    let renderer: Renderer

    init(generator: ForceBallsGenerator) throws {
        self.generator = generator
        renderer = Renderer(width: generator.width, height: generator.height,
                            samplesPerPixel: generator.config.samples)
    }

    /// A simulated clip with its camera and labels, before rendering.
    public struct Rollout: Sendable {
        public let clip: BallClip
        public let trajectory: BallTrajectory
        public let camera: Camera
        public let labels: BallLabels
    }

    /// Simulates `clip` and computes its labels.
    public func rollout(_ clip: BallClip) throws -> Rollout {
        let trajectory = try BallSimulation.run(clip)
        let camera = BallScene.camera(zoom: clip.zoom, width: generator.width, height: generator.height)
        let labels = BallLabels.compute(trajectory, camera: camera, strength: clip.strength,
                                        forceRange: generator.forceRange)
        return Rollout(clip: clip, trajectory: trajectory, camera: camera, labels: labels)
    }

    /// Renders Blender frame `frame` of a rollout.
    public func render(_ rollout: Rollout, frame: Int, ground: GroundMaterial) -> RGBImage {
        renderer.render(scene(rollout, frame: frame, ground: ground))
    }

    private func scene(_ rollout: Rollout, frame: Int, ground: GroundMaterial) -> Scene {
        BallRendering.scene(rollout.clip, rollout.trajectory, frame: frame, camera: rollout.camera, ground: ground)
    }

    /// Renders the clip (frames 11...130) into an MP4 at `url`.
    public func encode(_ rollout: Rollout, to url: URL) throws {
        var maps: ClipMaps?
        try encode(rollout, to: url, maps: &maps)
    }

    /// Renders the clip into an MP4 at `url`, and its depth and segmentation into `maps` when given.
    func encode(_ rollout: Rollout, to url: URL, maps: inout ClipMaps?) throws {
        let ground = try generator.ground(rollout.clip.ground)
        let writer = try VideoWriter(url: url, width: generator.width, height: generator.height,
                                     fps: BallScene.frameRate, crf: generator.config.crf,
                                     preset: generator.config.preset.rawValue, threads: 1)
        for frame in BallScene.clipFrames {
            let scene = scene(rollout, frame: frame, ground: ground)
            try writer.append(maps?.render(scene, with: renderer) ?? renderer.render(scene))
        }
        try writer.finish()
    }

    public mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
        let clip = generator.draw(&random)
        let rollout = try rollout(clip)
        let labels = rollout.labels
        let stem = ClipNaming.stem(ground: clip.ground, angle: labels.angle, strength: clip.strength,
                                   coordx: labels.coordx, coordy: labels.coordy, kind: clip.kind)
        let video = "videos/\(stem).mp4", params = "params/\(stem).json"
        let caption = BallCaptions.caption(ground: clip.ground, kind: clip.kind)
        let writesDepth = generator.config.depth, writesSegmentation = generator.config.segmentation
        var maps = writesDepth || writesSegmentation
            ? ClipMaps(frames: BallScene.clipFrames.count, pixels: generator.width * generator.height) : nil
        try ClipFiles.write(output, video: video, params: params, encode: { temp in try encode(rollout, to: temp, maps: &maps) }) {
            try ClipRecord.json(clip: clip, labels: labels, camera: rollout.camera, trajectory: rollout.trajectory,
                                video: video, caption: caption)
        }
        if let maps {
            let shape = [maps.frames, generator.height, generator.width]
            if writesDepth { try output.writeNpy(maps.depth, shape: shape, to: "depth/\(stem).npy") }
            if writesSegmentation { try output.writeNpy(maps.segmentation, shape: shape, to: "segmentation/\(stem).npy") }
        }
        return Labels([
            ("video", .string("\(stem).mp4")),
            ("angle", .double(labels.angle)),
            ("force", .double(labels.force)),
            ("coordx", .int(labels.coordx)),
            ("coordy", .int(labels.coordy)),
            ("frame", .int(BallScene.clipFrames.count)),
            ("fps", .int(BallScene.frameRate)),
            ("width", .int(generator.width)),
            ("height", .int(generator.height)),
            ("caption", .string(caption)),
            ("strength_n", .double(clip.strength)),
            ("field_angle_deg", .double(clip.fieldAngle)),
            ("ball", .string(clip.kind.rawValue)),
            ("ground", .string(clip.ground)),
            ("camera_zoom", .double(clip.zoom)),
            ("distractors", .int(clip.distractors.count)),
            ("angle_end_frame", .int(labels.angleEndFrame)),
            ("frames_in_view_training_window", .int(labels.framesInViewTrainingWindow)),
        ])
    }
}
