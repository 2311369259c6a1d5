import Foundation
import LoomCore
import Media
import Mocap
import MotionCorrection
import Physics

/// `loom bench correct`: the humanoid corrector on real 2-s clips, on one thread.
enum CorrectBench {
    static let benchCase = BenchCase(
        name: "correct",
        summary: "The humanoid tracker at full strength on 2-s windows of the DeepMimic walk and run (s per clip, times real time, sim steps/s)."
    ) { _ in
        let humanoid = try Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))
        let clips = try ["deepmimic/walk", "deepmimic/run"].map { id in
            let clip = try MocapClip.load(MocapSources.all.first { $0.id == id }!, humanoid: humanoid, fps: 20, unrollSeconds: 6)
            return Array(clip.motion.poses.prefix(41))
        }
        let tracker = HumanoidTracker(humanoid: humanoid)
        let settings = CorrectionSettings()
        var steps = 0, error = 0.0
        let cpuBefore = SynTheoryBench.cpuSeconds(RUSAGE_SELF)
        let seconds = Bench.time {
            for poses in clips {
                let outcome = tracker.correct(poses, settings: settings)
                steps += outcome.steps
                error += outcome.rootRelativeError
            }
        }
        let cpu = (SynTheoryBench.cpuSeconds(RUSAGE_SELF) - cpuBefore) / Double(clips.count)
        let perClip = seconds / Double(clips.count)
        return ["s_per_2s_clip": perClip, "cpu_s_per_2s_clip": cpu, "times_real_time": 2 / perClip, "sim_steps_per_s": Double(steps) / seconds,
                "root_relative_error_cm": error / Double(clips.count) * 100]
    }
}
