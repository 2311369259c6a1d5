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
        subcommands: [LoopGaussianToy.self, LoopGaussianCollapse.self, LoopMotion.self]
    )
}

/// `loom loop gaussian-toy`.
struct LoopGaussianToy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaussian-toy",
        abstract: "The paper's 2-D Gaussian toy: W₂ to N(0, I) over generations for each correction strength γ.",
        discussion: """
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
    )

    @OptionGroup var file: ConfigFile

    @Option(help: "n, the number of real samples (default 50).")
    var real: Int?

    @Option(name: .customLong("real-data"), help: "A dataset folder (name under --out, or a path) whose samples.npy is the real data of every seed.",
            completion: .directory)
    var realData: String?

    @Option(help: "λ, synthetic samples per real sample each generation (default 0.5).")
    var lambda: Double?

    @Option(help: "Generations after generation 0 (default 500; 100 at quick scale).")
    var generations: Int?

    @Option(help: "Correction strengths γ, comma-separated (default 0,0.01,0.03,0.1,0.3,1,2,5).")
    var gammas: String?

    @Option(help: "Seeds per arm, counting up from --seed (default 10; 3 at quick scale).")
    var seeds: Int?

    @Option(help: "Dimension d of the target N(0, I_d) (default 2).")
    var dimension: Int?

    @Option(help: "How older synthetic batches are kept: decaying (default), latest or all.",
            completion: .list(Accumulation.allCases.map(\.rawValue)))
    var accumulation: String?

    @Option(help: "assignment (default), mixture, replace, kmeans or external.", completion: .list(GaussianToyOptions.correctors))
    var corrector: String?

    @Option(help: "Histogram bins per axis of the mixture corrector (default 10).")
    var bins: Int?

    @Option(help: "Clusters of the kmeans corrector (default 8).")
    var clusters: Int?

    @Option(help: "The external corrector's command line, split at spaces, e.g. \"python3 my_corrector.py\".")
    var command: String?

    @Option(name: .customLong("corrector-name"), help: "The external corrector's name in messages (default: the script's file name).")
    var correctorName: String?

    @Option(help: "Seconds an external corrector may take per batch before it is killed (default 300).")
    var timeout: Double?

    @Flag(help: "Keep the external corrector running and hand it batches over its stdin, one request path a line (default: one process per batch).")
    var persistent = false

    @Option(help: "Added to the fitted covariance's diagonal (default 1e-6).")
    var regularization: Double?

    @Flag(inversion: .prefixedNo, help: "Keep every generation's drawn and corrected samples as .npy (default: no).")
    var saveSamples: Bool?

    @Option(help: "Output folder under --out (default loop-gaussian-toy, or loop-gaussian-toy-quick at quick scale).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = GaussianToyOptions()
        options = try file.load(GaussianToyOptions.self, or: options)
        if let real { options.real = real }
        if let realData { options.realData = realData }
        if let lambda { options.lambda = lambda }
        if let generations { options.generations = generations }
        if let gammas { options.gammas = try CommaList.numbers(gammas, flag: "--gammas") }
        if let seeds { options.seeds = seeds }
        if let dimension { options.dimension = dimension }
        if let accumulation { options.accumulation = accumulation }
        if let corrector { options.corrector = corrector }
        if let bins { options.bins = bins }
        if let clusters { options.clusters = clusters }
        if let command { options.command = command.split(whereSeparator: \.isWhitespace).map(String.init) }
        if let correctorName { options.correctorName = correctorName }
        if let timeout { options.timeout = timeout }
        if persistent { options.persistent = true }
        if let regularization { options.regularization = regularization }
        if let saveSamples { options.saveSamples = saveSamples }
        if let name { options.folder = name }
        try options.validateFlags(["folder": "name"])
        try GaussianToyStage.run(options: options, context: common.context())
    }
}

/// `loom loop gaussian-collapse`.
struct LoopGaussianCollapse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaussian-collapse",
        abstract: "Model collapse of a 1-D Gaussian refitted on its own samples, against keeping real data, accumulating, or correcting.",
        discussion: """
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
    )

    @OptionGroup var file: ConfigFile

    @Option(help: "M, samples per generation and real samples (default 100).")
    var samples: Int?

    @Option(help: "Generations after generation 0 (default 1000; 100 at quick scale).")
    var generations: Int?

    @Option(help: "Seeds per arm, counting up from --seed (default 200; 20 at quick scale).")
    var seeds: Int?

    @Option(help: "Variance estimator: unbiased (default, divide by M−1) or mle (divide by M).", completion: .list(["unbiased", "mle"]))
    var estimator: String?

    @Option(help: "λ of the augmentation arms, comma-separated (default 1,0.5).")
    var augment: String?

    @Option(help: "γ of the corrected fully synthetic arm (default 1).")
    var gamma: Double?

    @Flag(inversion: .prefixedNo, help: "Keep every generation's samples as .npy (default: no).")
    var saveSamples: Bool?

    @Option(help: "Output folder under --out (default loop-gaussian-collapse, or loop-gaussian-collapse-quick at quick scale).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = GaussianCollapseOptions()
        options = try file.load(GaussianCollapseOptions.self, or: options)
        if let samples { options.samples = samples }
        if let generations { options.generations = generations }
        if let seeds { options.seeds = seeds }
        if let estimator { options.estimator = estimator }
        if let augment { options.augment = try CommaList.numbers(augment, flag: "--augment") }
        if let gamma { options.gamma = gamma }
        if let saveSamples { options.saveSamples = saveSamples }
        if let name { options.folder = name }
        try options.validateFlags(["folder": "name"])
        try GaussianCollapseStage.run(options: options, context: common.context())
    }
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

    static let shards = true

    static func run(options: GaussianToyOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: GaussianToyOptions, context: StageContext, merging: Bool) throws {
        let folder = try options.resolved(scale: context.scale).folder!
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

    static let shards = true

    static func run(options: GaussianCollapseOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: GaussianCollapseOptions, context: StageContext, merging: Bool) throws {
        let folder = try options.resolved(scale: context.scale).folder!
        try LoopFlags.report(context) {
            try GaussianCollapse.run(options: options, seed: context.seed, scale: context.scale,
                                     runner: LoopFlags.runner(folder: folder, context: context, merging: merging)).folder
        }
    }
}
