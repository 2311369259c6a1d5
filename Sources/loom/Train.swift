import ArgumentParser
import Foundation
import FourierHead
import LoomCore

/// `loom train <stage>`: the training stages.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a training stage on datasets already on disk.",
        subcommands: [TrainFourierToy.self]
    )
}

/// `loom train fourier-toy`.
struct TrainFourierToy: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: FourierToyEntry.name, abstract: FourierToyEntry.abstract,
                             discussion: FourierToyEntry.discussion + "\n\n" + OptionFlags<FourierToyOptions>.help(owner: "train fourier-toy"))
    }

    @OptionGroup var options: OptionFlags<FourierToyOptions>

    @Option(help: ArgumentHelp("Record the one run the other options select (one dataset, head, N, γ and seed) step by step into this folder, instead of writing the sweep's outputs: initial weights, batch order, losses, and parameters, gradients and Adam moments after steps 1, 10, 1000 and the last (for docs/fourier-head/compare_original.py).", valueName: "folder"))
    var trace: String?

    @Option(name: .customLong("trace-steps"), help: "With --trace: comma-separated steps after which the whole state is written (default 1,10,1000; the last step always).")
    var traceSteps: String?

    @OptionGroup var common: CommonOptions<ShardOption>

    func run() throws {
        let context = common.context()
        let owner = "train fourier-toy", layers = try options.layers(owner: owner)
        var options = try FourierToyOptions.resolve(scale: context.scale, layers: layers, owner: owner)
        // --seed S runs the single seed S unless seeds are given.
        if let seed = common.seed, !layers.contains(where: { $0.contains("seeds") }) { options.seeds = [Int(seed)] }
        if let trace {
            let steps: [Int] = try traceSteps.map { try CommaList.numbers($0, flag: "--trace-steps") } ?? ToyTrace.defaultCheckpoints
            guard steps.allSatisfy({ $0 >= 1 }) else { throw LoomError.usage("--trace-steps: steps are numbered from 1") }
            try Self.record(options: options, context: context, into: URL(fileURLWithPath: trace), checkpoints: steps)
        } else {
            try FourierToyEntry.run(options: options, context: context)
        }
    }

    /// `--trace`: trains the single selected run with a `ToyTrace`.
    static func record(options: FourierToyOptions, context: StageContext, into folder: URL, checkpoints: [Int]) throws {
        let sweep = try FourierToySweep(options: options, root: context.out, jobs: 1,
                                        progress: context.progress)
        guard sweep.runs.count == 1, let spec = sweep.runs.first else {
            throw LoomError.usage("--trace records one run, but the options select \(sweep.runs.count); give one each of --datasets, --heads, --seeds (and --frequencies, --gammas for fourier)")
        }
        let data = try sweep.loadData()["\(spec.dataset)/\(spec.seed)"]!
        let trace = ToyTrace(folder: folder, data: data, schedule: sweep.schedule, checkpoints: checkpoints)
        let result = try ToyTraining.run(spec, data: data, schedule: sweep.schedule, smoothness: Smoothness(bins: data.bins),
                                         trace: trace)
        context.note("fourier-toy: \(spec.label) traced into \(folder.path) (KL \(result.klDivergence))")
    }

}

/// The toy experiment in the registry.
enum FourierToyEntry: StageEntry {
    static let kind = "train"
    static let name = "fourier-toy"
    static let summary = "Fourier head toy experiment: linear vs GMM vs Fourier heads, KL and smoothness, the paper's table."
    static let abstract = "The Fourier head toy experiment: linear vs GMM vs Fourier heads on the gaussian, gmm2 and beta toys."
    static let discussion = """
        Trains MLP 2→64→32→head(50) on the quantised (x, y) of each toy dataset with Adam and reports KL(true ‖ model), smoothness, MSE and MSE_argmax on the test rows, reproducing the synthetic experiment of Gillman et al., "Fourier Head" (ICLR 2025).

        Inputs are datasets on disk. Run seed s of dataset D reads the folder named by --data, by default <out>/fourier-toy-data/D-seed<s>, made with `loom generate mixtures --dataset D --seed s --name fourier-toy-data/D-seed<s>`: as in the original, the data seed is the run seed. The weight initialisation and the shuffling are seeded from the run seed too (the original left torch unseeded), so a rerun gives identical files whatever --jobs is.

        --scale paper runs the paper's sweep: N = 2,4,…,20, γ ∈ {0, 1e-6}, seeds 1,2,3,42, 500 epochs, 264 runs (`loom run pipelines/fourier-toy.yaml` generates the data too). --scale quick (the default) runs N ∈ {4, 12}, seeds 1,2 and 100 epochs. Runs go in parallel on --jobs threads, one core each.

        Output in <out>/<output>: <dataset>/<head>/<gamma>/<N>/pmfs_<seed>.npy (float32, test rows × bins) and model_metrics.json, and <dataset>/true_<seed>.npy, in the original's layout so its evaluation scripts run on ours; runs.csv (one line per run), results.csv and results.md (mean ± sd over seeds beside the paper's numbers), plots/<dataset>_frequencies.svg (KL and smoothness against N), plots/<dataset>_pmfs.svg (learned PMFs against the truth) and config.json.
        """
    static let shards = true

    static func run(options: FourierToyOptions, context: StageContext) throws {
        let sweep = try FourierToySweep(options: options, root: context.out, jobs: context.jobs,
                                        progress: context.progress, shard: context.shard)
        let data = try sweep.loadData()
        let part = context.shard == .whole ? "" : " (shard \(context.shard) of \(sweep.runs.count))"
        let mine = (0..<sweep.runs.count).filter(context.shard.contains).count
        context.note("fourier-toy: \(mine) runs\(part) of \(sweep.schedule.epochs) epochs on \(sweep.jobs) threads")
        try sweep.run(data: data)
        if context.shard == .whole {
            context.note("fourier-toy: results in \(sweep.folder.appendingPathComponent("results.md").path)")
        } else {
            context.note("fourier-toy: shard \(context.shard) done; `loom merge \(sweep.folder.path)` writes the tables once every shard is done")
        }
    }
}
