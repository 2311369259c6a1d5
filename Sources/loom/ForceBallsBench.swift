import ForcePrompt
import Foundation
import LoomCore
import Media
import Render

/// `loom bench force-balls`: simulation, rendering and encoding speed on one core, seconds per clip,
/// and how often the pushed ball stays in view over the trainer's 49-frame window.
enum ForceBallsBench {
    /// Clips made start to finish (simulate, render 120 frames, encode) and timed stage by stage.
    static let timedClips = 6
    /// Clips only simulated, for the in-view figures.
    static let simulatedClips = 1000

    static let benchCase = BenchCase(
        name: "force-balls",
        summary: "Force Prompting clips on one core: simulation, render and encode frames/s, seconds per clip, balls in view."
    ) { options in
        let generator = try ForceBallsGenerator(options: ForceBallsOptions().with { $0.count = simulatedClips })
        let worker = try generator.makeWorker()
        let streams = StreamFamily(seed: 0, dataset: "bench/force-balls")
        let clips = (0..<simulatedClips).map { i -> BallClip in
            var random = streams.stream(i)
            return generator.draw(&random)
        }
        let config = generator.config
        var simulate = Timing(), render = Timing(), encode = Timing()
        for clip in clips.prefix(timedClips) {
            // Each ground's texture is made once per process: time the steady state.
            _ = try generator.ground(clip.ground)
            var rollout: ForceBallsWorker.Rollout?
            try simulate.add { rollout = try worker.rollout(clip) }
            guard let rollout else { continue }
            let ground = try generator.ground(clip.ground)
            var frames: [RGBImage] = []
            render.add { frames = BallScene.clipFrames.map { worker.render(rollout, frame: $0, ground: ground) } }
            try encode.add {
                let writer = try VideoWriter(url: options.scratch.appendingPathComponent("clip.mp4"), width: generator.width,
                                             height: generator.height, fps: BallScene.frameRate, crf: config.crf,
                                             preset: config.preset.rawValue, threads: 1)
                for frame in frames { try writer.append(frame) }
                try writer.finish()
            }
        }
        let rollouts = try clips.map { try worker.rollout($0) }
        let window = BallLabels.trainingWindow.count
        func wholeWindow(_ kind: BallClip.Kind?) -> Double {
            let some = rollouts.filter { kind == nil || $0.clip.kind == kind }
            return Double(some.filter { $0.labels.framesInViewTrainingWindow == window }.count) / Double(max(some.count, 1))
        }
        let framesInView = rollouts.map(\.labels.framesInViewTrainingWindow).reduce(0, +)
        let clipCount = Double(timedClips)
        let simulated = clipCount * Double(BallScene.simulatedFrames), rendered = clipCount * Double(BallScene.clipFrames.count)
        return [
            "simulate_frames_per_s": simulated / simulate.wall,
            "render_frames_per_s": rendered / render.wall,
            "encode_frames_per_s": rendered / encode.wall,
            "clip_s": (simulate.wall + render.wall + encode.wall) / clipCount,
            "simulate_frames_per_cpu_s": simulated / simulate.cpu,
            "render_frames_per_cpu_s": rendered / render.cpu,
            "encode_frames_per_cpu_s": rendered / encode.cpu,
            "clip_cpu_s": (simulate.cpu + render.cpu + encode.cpu) / clipCount,
            "clips_in_view_whole_training_window": wholeWindow(nil),
            "soccer_clips_in_view_whole_training_window": wholeWindow(.soccer),
            "bowling_clips_in_view_whole_training_window": wholeWindow(.bowling),
            "mean_fraction_of_training_window_in_view": Double(framesInView) / Double(window * rollouts.count),
        ]
    }

    /// Wall-clock and this thread's CPU seconds, summed over timed runs; CPU time is what one core
    /// spends even when other processes share the machine.
    struct Timing {
        var wall = 0.0, cpu = 0.0

        mutating func add(_ body: () throws -> Void) rethrows {
            let cpuStart = RenderBench.cpuSeconds()
            wall += try Bench.time(body)
            cpu += RenderBench.cpuSeconds() - cpuStart
        }
    }
}
