import ForcePrompt
import Foundation
import LoomCore
import Media
import Render

/// `loom bench force-wind`: seconds per clip on one core, split into cloth simulation, rendering
/// and encoding, with no extra flags and with 8.
enum ForceWindBench {
    /// Clips made start to finish per case.
    static let timedClips = 3
    static let extraFlagCases = [0, 8]

    static let benchCase = BenchCase(
        name: "force-wind",
        summary: "Force Prompting wind clips on one core: cloth simulation, render and encode seconds per clip, with 0 and 8 extra flags."
    ) { options in
        var figures: [String: Double] = [:]
        for extras in extraFlagCases {
            let generator = try ForceWindGenerator(options: ForceWindOptions().with { $0.count = timedClips; $0.maxExtraFlags = 63 })
            var worker = try generator.makeWorker()
            let streams = StreamFamily(seed: 0, dataset: "bench/force-wind")
            var simulate = ForceBallsBench.Timing(), render = ForceBallsBench.Timing(), encode = ForceBallsBench.Timing()
            var index = 0
            for i in 0..<timedClips {
                // Clips drawn as the dataset draws them (up to 63 extra flags), the first with at least
                // `extras` extra flags, cut down to exactly `extras`.
                var clip: FlagClip
                repeat {
                    var random = streams.stream(index)
                    clip = generator.draw(&random)
                    index += 1
                } while clip.extras.count < extras
                clip.extras = Array(clip.extras.prefix(extras))
                // Each background's lighting is made once per thread: time the steady state.
                _ = try worker.lighting(clip.background)
                var rollout: ForceWindWorker.Rollout?
                try simulate.add { rollout = try worker.rollout(clip, index: i) }
                guard let rollout else { continue }
                var frames: [RGBImage] = []
                try render.add {
                    let layer = try worker.layer(rollout)
                    frames = (0..<FlagScene.clipFrames.count).map { worker.render(rollout, frame: $0, over: layer) }
                }
                try encode.add {
                    let writer = try VideoWriter(url: options.scratch.appendingPathComponent("clip.mp4"), width: generator.width,
                                                 height: generator.height, fps: FlagScene.frameRate, crf: generator.config.crf,
                                                 preset: generator.config.preset.rawValue, threads: 1)
                    for frame in frames { try writer.append(frame) }
                    try writer.finish()
                }
            }
            let n = Double(timedClips)
            let key = "extra_flags_\(extras)"
            figures["\(key)_simulate_s_per_clip"] = simulate.wall / n
            figures["\(key)_render_s_per_clip"] = render.wall / n
            figures["\(key)_encode_s_per_clip"] = encode.wall / n
            figures["\(key)_clip_s"] = (simulate.wall + render.wall + encode.wall) / n
            figures["\(key)_simulate_cpu_s_per_clip"] = simulate.cpu / n
            figures["\(key)_render_cpu_s_per_clip"] = render.cpu / n
            figures["\(key)_encode_cpu_s_per_clip"] = encode.cpu / n
            figures["\(key)_clip_cpu_s"] = (simulate.cpu + render.cpu + encode.cpu) / n
        }
        return figures
    }
}
