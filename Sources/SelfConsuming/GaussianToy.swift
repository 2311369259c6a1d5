import Foundation
import LoomCore

/// The paper's 2-D Gaussian toy (Gillman et al. 2024, §2.1 of our reference notes): the target is
/// N(0, I), the model a full-covariance Gaussian refitted each generation on n real samples plus
/// the accumulated corrected synthetic batches, the corrector the oracle π_γ toward N(0, I).
public enum GaussianToy {
    /// The stream namespace.
    public static let experiment = "loop/gaussian-toy"
    /// The generations of the summary table.
    public static let checkpoints = [0, 10, 50, 100, 250, 500]

    /// Runs (or resumes) the toy into `runner.folder`: `config.json`, `runs/`, `metrics.csv`,
    /// `summary.csv`, `summary.md`, `w2.svg`.
    /// `realData`, when given, is the real data of every seed (the `real_data` option's samples).
    public static func run(options: GaussianToyOptions, seed: UInt64, scale: Scale, runner: LoopRunner,
                           realData: PointBatch? = nil) throws -> LoopOutcome {
        let o = try options.completed(for: scale)
        let n = realData?.count ?? o.real!, d = realData?.dimension ?? o.dimension!
        let seeds = (0..<o.seeds).map { seed &+ UInt64($0) }
        guard Int(o.lambda * Double(n)) >= 1 else {
            throw LoomError.usage("⌊lambda·n⌋ = ⌊\(o.lambda)·\(n)⌋ = 0 synthetic samples per generation; raise lambda")
        }
        let accumulation = o.accumulation
        let synthetic = o.lambda * Double(n)
        let kept = accumulation == .all ? Double(o.generations) : 1
        try MemoryBudget.check(4 * synthetic * kept * Double(d) * 8, for: "lambda \(o.lambda) (⌊λ·n⌋ = \(synthetic) synthetic samples per generation)",
                               fix: "lower lambda or real")
        let target = GaussianModel.standard(dimension: d)
        let trainer = GaussianFitter(estimator: .mle, regularization: o.regularization, target: target)
        let arms = [LoopArm.realOnly, .uncorrected(lambda: o.lambda, accumulation: accumulation)]
            + o.gammas.map { LoopArm.corrected(gamma: $0, lambda: o.lambda, accumulation: accumulation) }
        let external = o.corrector == .external
            ? try ExternalCorrector<PointBatch>(command: o.command!, name: o.correctorName, timeout: o.timeout!,
                                              persistent: o.persistent ?? false) : nil

        let loop = LoopExperiment(experiment: experiment, stage: "loop gaussian-toy", label: "gaussian-toy", arms: arms, seeds: seeds,
                                  generations: o.generations, saveSamples: o.saveSamples, trainer: trainer)
        let config = loop.config(scale: scale, target: "N(0, I_\(d))", details: [
            ("real_samples", .int(n)),
            ("model", .string("one Gaussian, MLE mean and biased covariance + regularization·I, refitted each generation")),
        ], options: try o.json)
        return try loop.run(config: config, ignoring: ["options.timeout"], runner: runner, checkpoints: checkpoints, plotName: "w2.svg") { s in
            var stream = loop.realStream(seed: s)
            let real = realData ?? target.sample(count: n, random: &stream)
            return (real, try makeCorrector(o, real: real, seed: s, ideal: target, external: external))
        } describe: { report, marks in
            let markdown = """
                # Gaussian toy: W₂ to N(0, I\(d == 2 ? "₂" : "_\(d)")) by generation

                n = \(n) real samples\(o.realData.map { " from \($0)" } ?? ""), λ = \(o.lambda) (\(arms[1].syntheticCount(real: n)) synthetic per generation), \
                accumulation \(o.accumulation.rawValue), corrector \(external?.name ?? o.corrector.rawValue), \(seeds.count) seed(s) from \(seed).
                Cells: mean ± sd over seeds.

                \(report.markdown("w2", generations: marks, cell: .meanSD))
                """
            let plot = report.plot("w2", title: "Gaussian toy: W₂ to the target (mean over \(seeds.count) seeds)", yLabel: "Wasserstein-2 distance",
                                   colors: armColors)
            return (markdown, plot)
        }
    }

    /// The corrector of the corrected arms for one seed (k-means fits that seed's real data).
    static func makeCorrector(_ o: GaussianToyOptions, real: PointBatch, seed: UInt64, ideal: GaussianModel,
                              external: ExternalCorrector<PointBatch>?) throws -> any Corrector<PointBatch> {
        if let external { return external }
        if o.corrector == .kmeans {
            var stream = StreamFamily(seed: seed, dataset: experiment + "/kmeans").stream(0)
            return KMeansCorrector(means: try KMeans(fitting: real, clusters: o.clusters!, random: &stream))
        }
        return IdealCorrector(variant: o.corrector.ideal ?? .assignment, ideal: ideal, bins: o.bins ?? 10)
    }

    /// Grey dashes for real-only, black dashes for uncorrected, the reference's colours for the γ arms.
    public static func armColors(_ arm: LoopArm, _ index: Int) -> (String, Bool) {
        switch arm.label {
        case LoopArm.realOnly.label: ("gray", true)
        case "uncorrected": ("black", true)
        default: (LoopReport.palette[(index - 2) % LoopReport.palette.count], false)
        }
    }
}
