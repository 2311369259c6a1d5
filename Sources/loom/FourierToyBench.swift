import Foundation
import FourierHead
import Learn
import LoomCore
import Mixtures

/// `loom bench fourier-toy`: one full toy training run on one thread, linear head and Fourier head (N = 12).
enum FourierToyBench {
    static let benchCase = BenchCase(
        name: "fourier-toy",
        summary: "One full 500-epoch toy run (62,500 steps) on one core: steps/s and seconds, linear and Fourier (N = 12) heads."
    ) { options in
        let generator = try MixturesGenerator(options: MixturesOptions().with { $0.dataset = .gaussian })
        let folder = options.scratch.appendingPathComponent("gaussian")
        _ = try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 1, scale: .quick, shard: .whole,
                                                                   jobs: 1, progress: .quiet))
        let data = try ToyData(folder: folder, dataset: "gaussian")
        let schedule = ToySchedule()
        let steps = Double(schedule.epochs * ((data.trainLabels.count + schedule.batchSize - 1) / schedule.batchSize))
        let smoothness = Smoothness(bins: data.bins)
        var figures: [String: Double] = ["steps": steps]
        for (name, head) in [("linear", ToyHead.linear), ("fourier12", .fourier(frequencies: 12, gamma: 0))] {
            let cpuStart = threadCPUSeconds()
            let result = try ToyTraining.run(ToyRunSpec(dataset: "gaussian", head: head, seed: 1), data: data,
                                             schedule: schedule, smoothness: smoothness)
            let cpu = threadCPUSeconds() - cpuStart
            figures["\(name)_run_s"] = result.seconds
            figures["\(name)_cpu_s"] = cpu
            figures["\(name)_steps_per_s"] = steps / result.seconds
            figures["\(name)_steps_per_cpu_s"] = steps / cpu
            figures["\(name)_kl"] = result.klDivergence
        }
        return figures
    }

    /// CPU time of the calling thread, so the figure holds on a loaded machine too.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
