import ForcePrompt
import Foundation
import LoomCore
import Media
import Render

/// `loom bench force-balls`: simulation, rendering and encoding speed on one core, seconds per clip,
/// and how often the pushed ball stays in view over the trainer's 49-frame window.
enum ForceBallsBench {
    static let simulatedClips = 200
    static let clipsTimed = 3

    static let benchCase = BenchCase(
        name: "force-balls",
        summary: "Force Prompting clips on one core: simulation, render and encode frames/s, seconds per 130-frame clip."
    ) { options in
        let generator = try ForceBallsGenerator(options: ForceBallsOptions(count: simulatedClips), scale: .quick)
        let worker = try generator.makeWorker()
        let streams = StreamFamily(seed: 0, dataset: "bench/force-balls")
        let clips = (0..<simulatedClips).map { i -> BallClip in
            var random = streams.stream(i)
            return generator.draw(&random)
        }
        var rollouts: [ForceBallsWorker.Rollout] = []
        let simulate = try Bench.time { rollouts = try clips.map { try worker.rollout($0) } }
        let inView = rollouts.map(\.labels.framesInViewTrainingWindow)
        let window = BallLabels.trainingWindow.count

        // Each ground's texture is made once per process; time the steady state.
        let first = rollouts[0]
        let ground = try generator.ground(first.clip.ground)
        _ = worker.render(first, frame: BallScene.clipFrames.lowerBound, ground: ground)
        var frames: [RGBImage] = []
        let render = Bench.time {
            frames = BallScene.clipFrames.map { worker.render(first, frame: $0, ground: ground) }
        }
        let config = generator.config
        let encode = try Bench.time {
            let writer = try VideoWriter(url: options.scratch.appendingPathComponent("encode.mp4"), width: config.width ?? 720,
                                         height: config.height ?? 480, fps: BallScene.frameRate, crf: config.crf ?? 23,
                                         preset: config.preset ?? "medium", threads: 1)
            for frame in frames { try writer.append(frame) }
            try writer.finish()
        }
        let timedClips = clips[1...clipsTimed]
        for clip in timedClips { _ = try generator.ground(clip.ground) }
        let clip = try Bench.time {
            for clip in timedClips {
                let rollout = try worker.rollout(clip)
                try worker.encode(rollout, to: options.scratch.appendingPathComponent("clip.mp4"))
            }
        } / Double(clipsTimed)
        let simulatedFrames = Double(simulatedClips * BallScene.simulatedFrames)
        return [
            "simulate_frames_per_s": simulatedFrames / simulate,
            "simulate_s_per_clip": simulate / Double(simulatedClips),
            "render_frames_per_s": Double(frames.count) / render,
            "encode_frames_per_s": Double(frames.count) / encode,
            "clip_s": clip,
            "clips_in_view_whole_training_window": Double(inView.filter { $0 == window }.count) / Double(inView.count),
            "mean_fraction_of_training_window_in_view": Double(inView.reduce(0, +)) / Double(window * inView.count),
        ]
    }
}
