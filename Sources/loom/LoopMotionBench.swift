import Foundation
import LoomCore
import Mocap
import MotionCorrection
import MotionLoop
import SelfConsuming

/// `loom bench loop-motion`: one self-consuming generation of the motion loop at n = 64, λ = 1.
enum LoopMotionBench {
    static let benchCase = BenchCase(
        name: "loop-motion",
        summary: "One motion-loop generation at n = 64, λ = 1 (paper settings: 1000 fine-tuning steps), seconds split into sampling, correction, training and evaluation."
    ) { options in
        let folder = options.scratch.appendingPathComponent("mocap")
        let generator = try MocapGenerator(options: MocapOptions.defaults(for: .paper))
        try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 0, scale: .paper, jobs: options.jobs, progress: .quiet))
        var loop = MotionLoopOptions.defaults(for: .paper)
        loop.firstSteps = 200
        var setup: MotionLoopSetup?
        let prepare = try Bench.time { setup = try MotionLoopSetup(options: try loop.completed(for: .paper), mocap: folder) }
        let s = setup!
        var random = RandomStream(seed: 0, dataset: "bench/loop-motion", index: 0)
        let first = try s.trainer.train(on: TrainingSet(real: s.real), previous: nil, random: &random)
        let m = s.arms[1].syntheticCount(real: s.real.count)
        var batch: MotionBatch?, fixed: MotionBatch?, next: MotionDiffusionModel?
        let cpuBefore = SynTheoryBench.cpuSeconds(RUSAGE_SELF)
        let sampling = Bench.time { batch = first.sample(count: m, random: &random) }
        let context = CorrectionContext(experiment: MotionLoop.experiment, arm: "bench", seed: 0, generation: 1)
        let correction = try Bench.time { fixed = try s.corrector.correct(batch!, gamma: 1, context: context, random: &random) }
        let training = try Bench.time {
            next = try s.trainer.train(on: TrainingSet(real: s.real, synthetic: [batch!.replacingValues(fixed!.values)], counts: [m]),
                                       previous: first, random: &random)
        }
        let evaluation = try Bench.time { _ = try s.trainer.evaluate(next!, real: s.real, random: &random) }
        let cpu = SynTheoryBench.cpuSeconds(RUSAGE_SELF) - cpuBefore
        return ["generation_cpu_s": cpu, "setup_s": prepare, "sampling_s": sampling, "correction_s": correction, "training_s": training,
                "evaluation_s": evaluation, "generation_s": sampling + correction + training + evaluation,
                "steps": Double(s.options.steps), "training_windows": Double(s.data.train.count)]
    }
}
