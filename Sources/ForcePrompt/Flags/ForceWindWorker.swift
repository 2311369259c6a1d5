import Foundation
import LoomCore
import Media
import Physics
import Render

/// Makes force-wind clips on one thread: it keeps the renderer and each background's lighting, and
/// gives each clip a fresh cloth world (see `FlagSimulation.run`).
public struct ForceWindWorker: SampleWorker {
    let generator: ForceWindGenerator
    let renderer: MeshRenderer
    /// Each background's environment and lighting, made once per thread.
    private var lighting: [String: (any Environment, EnvironmentLight)] = [:]

    init(generator: ForceWindGenerator) {
        self.generator = generator
        renderer = MeshRenderer(width: generator.width, height: generator.height, samples: generator.config.samples)
    }

    /// A simulated clip with its camera, before rendering.
    public struct Rollout: Sendable {
        public let clip: FlagClip
        public let motion: FlagMotion
        public let camera: Camera
    }

    /// Simulates `clip`; a cloth that blows up is a run-time error naming the clip.
    public func rollout(_ clip: FlagClip, index: Int) throws -> Rollout {
        let motion: FlagMotion
        do {
            motion = try FlagSimulation.run(clip)
        } catch let error as FlagSimulation.Unstable {
            throw ForcePromptError.unstable(clip: index, frame: error.frame, stretch: error.stretch,
                                            wind: clip.windSpeed, angle: clip.windAngle)
        }
        return Rollout(clip: clip, motion: motion,
                       camera: FlagScene.camera(location: clip.cameraLocation, width: generator.width, height: generator.height))
    }

    /// A background's environment and its lighting, made once per thread.
    public mutating func lighting(_ name: String) throws -> (any Environment, EnvironmentLight) {
        if let known = lighting[name] { return known }
        let environment = try generator.environment(name)
        let made = (environment, EnvironmentLight(environment))
        lighting[name] = made
        return made
    }

    /// The still part of a rollout's frames: background, poles and finials.
    public mutating func layer(_ rollout: Rollout) throws -> MeshRenderer.Layer {
        let (environment, light) = try lighting(rollout.clip.background)
        return renderer.layer(camera: rollout.camera, environment: environment, lighting: light,
                              lights: [FlagRendering.lamp], statics: FlagRendering.statics(rollout.clip))
    }

    /// Clip frame `k` (0 = frame 121) over `layer`.
    public func render(_ rollout: Rollout, frame k: Int, over layer: MeshRenderer.Layer) -> RGBImage {
        renderer.render(layer, meshes: FlagRendering.cloths(rollout.clip, rollout.motion, frame: k))
    }

    /// Renders the clip (frames 121...240) into an MP4 at `url`.
    public mutating func encode(_ rollout: Rollout, to url: URL) throws {
        let layer = try layer(rollout)
        let writer = try VideoWriter(url: url, width: generator.width, height: generator.height,
                                     fps: FlagScene.frameRate, crf: generator.config.crf,
                                     preset: generator.config.preset.rawValue, threads: 1)
        for k in 0..<FlagScene.clipFrames.count {
            try writer.append(render(rollout, frame: k, over: layer))
        }
        try writer.finish()
    }

    public mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
        let clip = generator.draw(&random)
        let rollout = try rollout(clip, index: index)
        let labels = FlagLabels(clip: clip, motion: rollout.motion, camera: rollout.camera)
        let stem = FlagNaming.stem(speed: labels.speed, angle: clip.windAngle, background: clip.background)
        let video = "videos/\(stem).mp4", params = "params/\(stem).json"
        let caption = FlagCaptions.caption(background: clip.background)
        try ClipFiles.write(output, video: video, params: params, encode: { temp in try encode(rollout, to: temp) }) {
            try FlagRecord.json(clip: clip, labels: labels, motion: rollout.motion, camera: rollout.camera, video: video,
                                caption: caption)
        }
        return Labels([
            ("video", .string("\(stem).mp4")),
            ("wind_speed", .double(labels.speed)),
            ("wind_angle", .double(clip.windAngle)),
            ("frame", .int(FlagScene.clipFrames.count)),
            ("fps", .int(FlagScene.frameRate)),
            ("width", .int(generator.width)),
            ("height", .int(generator.height)),
            ("caption", .string(caption)),
            ("wind_speed_mps", .double(clip.windSpeed)),
            ("blender_wind_yaw_deg", .double(clip.blenderYaw)),
            ("background", .string(clip.background)),
            ("flag_color", .string(FlagPalette.name(clip.color1))),
            ("extra_flags", .int(clip.extras.count)),
            ("tip_displacement_px", .double(labels.tipDisplacement)),
            ("tip_speed_px_per_frame", .double(labels.tipSpeed)),
            ("max_link_stretch", .double(rollout.motion.maxStretch)),
        ])
    }
}
