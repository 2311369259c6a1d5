import ArgumentParser
import Foundation
import LoomCore
import SelfConsuming

/// `loom loop <experiment>`: self-consuming loops.
struct Loop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a self-consuming loop experiment: a generative model retrained on its own (corrected) samples.",
        discussion: """
            Each experiment runs three kinds of arms side by side: real data only, self-consuming \
            without correction, and self-consuming with a corrector at each strength γ. Every run \
            writes a line per generation to <folder>/runs/<arm>/seed-<s>.jsonl (metrics and model \
            state); a rerun of the same command resumes from the last finished generation. Results \
            do not depend on --jobs; --shard I/N runs the runs with index % N == I and `loom merge` writes the tables. See docs/self-consuming.md.
            """,
        subcommands: Registry.stages.filter { $0.kind == "loop" }.map { $0.command }
    )
}

/// Flag parsing shared by the loop commands.
enum LoopFlags {
    /// The runner of `--shard` (runs by index % N == I); the merge's reads finished runs only.
    static func runner(folder: String, context: StageContext, merging: Bool = false) throws -> LoopRunner {
        LoopRunner(folder: context.out.appendingPathComponent(folder), jobs: context.jobs, progress: context.progress,
                   shard: context.shard, finishedOnly: merging)
    }

    /// Runs an experiment and says what it wrote: its tables, or for a shard what is left to do.
    static func report(_ context: StageContext, written: String = "summary.md, metrics.csv, w2.svg",
                       _ experiment: () throws -> URL) throws {
        do {
            let folder = try experiment()
            context.note("\(folder.path): \(written) written")
        } catch let done as LoopShardFinished {
            context.note("\(done.folder.path): shard \(done.shard) ran \(done.runs) of \(done.total) runs; `loom merge \(done.folder.path)` writes the tables once every shard is done")
        }
    }
}

/// The Gaussian toy as a pipeline stage.
enum GaussianToyStage: StageEntry {
    static let kind = "loop"
    static let name = "gaussian-toy"
    static let summary = "Self-correcting loop on the 2-D Gaussian toy: W₂ by generation for each correction strength γ."
    static let abstract = "The paper's 2-D Gaussian toy: W₂ to N(0, I) over generations for each correction strength γ."
    static let discussion = """
        Generation 0 fits a Gaussian (MLE mean, biased covariance + 1e-6·I) to n real samples of \
        N(0, I₂) (drawn per seed, or read from --real-data); each later generation draws ⌊λ·n⌋ samples from the previous fit, corrects them \
        toward N(0, I₂) at strength γ, keeps them (older batches fading: the reference's decaying \
        accumulation) and refits on real + kept samples. Arms: real-only, uncorrected, and \
        gamma-<γ> for each γ. Paper scale: n = 50, λ = 0.5, 500 generations, \
        γ ∈ {0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5}, 10 seeds; quick scale: 100 generations, 3 seeds.

        Correctors: assignment (pair with fresh ideal samples, interpolate; the paper's figure), \
        mixture (resample from (1−s)·histogram + s·ideal), replace (exact π_γ), kmeans \
        (project toward k-means centres of the real data), external (any program; protocol in \
        docs/self-consuming.md, example pipelines/examples/whitening_corrector.py).

        Output in <out>/<folder>: config.json, runs/<arm>/seed-<s>.jsonl (and, with --save-samples, \
        .samples.npy and .corrected.npy), metrics.csv (arm, gamma, seed, generation, w2, mean_error, variance), \
        summary.csv and summary.md (mean ± sd over seeds at generations 0, 10, 50, 100, 250, \
        500), w2.svg (mean W₂ against generation, one line per arm).
        """

    static let shards = true

    static func run(options: GaussianToyOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: GaussianToyOptions, context: StageContext, merging: Bool) throws {
        let folder = options.folder
        let real = try options.realData.map { name in
            try RealData.points(inDataset: name.hasPrefix("/") ? URL(fileURLWithPath: name) : context.out.appendingPathComponent(name))
        }
        try LoopFlags.report(context) {
            try GaussianToy.run(options: options, seed: context.seed, scale: context.scale,
                                runner: LoopFlags.runner(folder: folder, context: context, merging: merging), realData: real).folder
        }
    }
}

/// The collapse demo as a pipeline stage.
enum GaussianCollapseStage: StageEntry {
    static let kind = "loop"
    static let name = "gaussian-collapse"
    static let summary = "1-D Gaussian refitted on its own samples collapses; real data, accumulation or correction keep it stable."
    static let abstract = "Model collapse of a 1-D Gaussian refitted on its own samples, against keeping real data, accumulating, or correcting."
    static let discussion = """
        Generation 0 fits N(μ, σ²) to M real samples of N(0, 1); then each generation draws M \
        samples from the previous fit. Arms: real-only; replace (fit only the new samples: \
        collapses, the variance drains to 0); accumulate (real data plus every batch so far); \
        augment-<λ> (real data plus ⌊λ·M⌋ new samples); replace-gamma-<γ> (replace, each sample \
        swapped for a fresh N(0, 1) draw with probability γ/(1+γ)). Paper scale: M = 100, \
        1000 generations, 200 seeds; quick scale: 100 generations, 20 seeds.

        Output in <out>/<folder>: config.json, runs/<arm>/seed-<s>.jsonl, metrics.csv (arm, \
        gamma, seed, generation, w2, mean_error, variance), summary.csv and summary.md (W₂ \
        mean ± sd and median variance at generations 0, 10, 100, 1000), w2.svg.
        """

    static let shards = true

    static func run(options: GaussianCollapseOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: GaussianCollapseOptions, context: StageContext, merging: Bool) throws {
        let folder = options.folder
        try LoopFlags.report(context) {
            try GaussianCollapse.run(options: options, seed: context.seed, scale: context.scale,
                                     runner: LoopFlags.runner(folder: folder, context: context, merging: merging)).folder
        }
    }
}
