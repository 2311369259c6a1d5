import Foundation
import LoomCore

/// Model collapse of a 1-D Gaussian (Shumailov et al.; Bertrand et al. Proposition 1; Gerstgrasser
/// et al.): refitted only on its own M samples each generation its variance drains to 0, while
/// keeping the real data (augmentation) or accumulating every batch keeps it stable; so does
/// correcting the fully synthetic loop.
public enum GaussianCollapse {
    /// The stream namespace.
    public static let experiment = "loop/gaussian-collapse"
    /// The generations of the summary tables.
    public static let checkpoints = [0, 10, 100, 1000]

    /// Runs (or resumes) the demo into `runner.folder`: `config.json`, `runs/`, `metrics.csv`,
    /// `summary.csv`, `summary.md`, `w2.svg`.
    public static func run(options: GaussianCollapseOptions, seed: UInt64, scale: Scale, runner: LoopRunner) throws -> LoopOutcome {
        try options.validate()
        let o = options
        let m = o.samples, seeds = (0..<o.seeds).map { seed &+ UInt64($0) }
        let target = GaussianModel.standard(dimension: 1)
        let trainer = GaussianFitter(estimator: o.estimator, regularization: 0, target: target)
        let arms = [
            LoopArm.realOnly,
            LoopArm(label: "replace", lambda: 1, keepReal: false, accumulation: .latest),
            LoopArm(label: "accumulate", lambda: 1, keepReal: true, accumulation: .all),
        ] + o.augment.map { LoopArm(label: "augment-" + formatGamma($0), lambda: $0, keepReal: true, accumulation: .latest) }
            + [LoopArm(label: "replace-gamma-" + formatGamma(o.gamma), lambda: 1, keepReal: false, accumulation: .latest, gamma: o.gamma)]
        let corrector = IdealCorrector(variant: .replace, ideal: target)

        let loop = LoopExperiment(experiment: experiment, stage: "loop gaussian-collapse", label: "gaussian-collapse", arms: arms,
                                  seeds: seeds, generations: o.generations, saveSamples: o.saveSamples, trainer: trainer)
        let config = loop.config(scale: scale, target: "N(0, 1)", options: try o.json)
        return try loop.run(config: config, runner: runner, checkpoints: checkpoints, plotName: "w2.svg") { s in
            var stream = loop.realStream(seed: s)
            return (target.sample(count: m, random: &stream), corrector)
        } describe: { report, marks in
            let markdown = """
                # Gaussian collapse: a 1-D Gaussian refitted on its own samples

                M = \(m) samples per generation, \(o.estimator.rawValue) variance, \(seeds.count) seed(s) from \(seed).
                replace: fit only the M samples of the previous model; accumulate: real data plus every batch so far;
                augment-λ: real data plus ⌊λ·M⌋ fresh samples; replace-gamma-γ: replace, corrected by the exact π_γ.

                ## W₂ to N(0, 1), mean ± sd over seeds

                \(report.markdown("w2", generations: marks, cell: .meanSD))
                ## Fitted variance, median over seeds

                \(report.markdown("variance", generations: marks, cell: .median))
                """
            let plot = report.plot("w2", title: "1-D Gaussian collapse: W₂ to N(0, 1) (mean over \(seeds.count) seeds)",
                                   yLabel: "Wasserstein-2 distance") { arm, i in
                arm == .realOnly ? ("gray", true) : (LoopReport.palette[(i - 1) % LoopReport.palette.count], false)
            }
            return (markdown, plot)
        }
    }
}
