import Foundation
import LoomCore
import SelfConsuming

/// `loom bench gaussian-toy`: the whole paper-scale Gaussian toy.
enum LoopBench {
    static let benchCase = BenchCase(
        name: "gaussian-toy",
        summary: "The whole Gaussian toy at paper scale (8 γ + 2 baselines × 10 seeds × 500 generations), seconds."
    ) { options in
        let runner = LoopRunner(folder: options.scratch.appendingPathComponent("gaussian-toy"), jobs: options.jobs, progress: .quiet)
        var outcome: LoopOutcome?
        let seconds = try Bench.time {
            outcome = try GaussianToy.run(options: GaussianToyOptions(), seed: 0, scale: .paper, runner: runner)
        }
        let report = outcome!.report
        let generations = Double(report.series.reduce(0) { $0 + $1.values.count })
        var figures = ["seconds": seconds, "generations": generations, "generations_per_s": generations / seconds]
        for arm in report.arms where arm.gamma == 0 || arm.gamma == 5 {
            figures["w2_t500_\(arm.label)"] = report.statistics("w2", arm: arm, generation: 500).mean
        }
        return figures
    }
}
