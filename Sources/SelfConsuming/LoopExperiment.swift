import Foundation
import LoomCore

/// What a finished loop experiment reports.
public struct LoopOutcome: Sendable {
    /// The experiment folder.
    public let folder: URL
    /// Every run's metrics, by arm and seed.
    public let report: LoopReport
    /// The generations of the summary tables.
    public let checkpoints: [Int]
}

/// The skeleton every loop experiment shares, written once: `config.json` (checked on a rerun, so
/// the rerun resumes), one real batch and corrector per seed, one run per arm and seed (resumed
/// where a log exists), and the report (`metrics.csv`, `summary.csv`, `summary.md`, the plot).
/// An experiment supplies what differs: its arms, trainer, real data, corrector and report text.
public struct LoopExperiment<Trainer: LoopTrainer> {
    /// The stream namespace, e.g. `loop/gaussian-toy`.
    public let experiment: String
    /// The command, e.g. `loop gaussian-toy`, as `config.json`'s `stage`.
    public let stage: String
    /// The progress label.
    public let label: String
    /// The arms, in the order of the tables.
    public let arms: [LoopArm]
    /// The seeds each arm runs under.
    public let seeds: [UInt64]
    /// T, the self-consuming generations after generation 0.
    public let generations: Int
    /// Whether to keep every generation's batches as `.npy`.
    public let saveSamples: Bool
    /// Trains, restores and evaluates the model of every generation.
    public let trainer: Trainer

    /// Stores the fields as given.
    public init(experiment: String, stage: String, label: String, arms: [LoopArm], seeds: [UInt64], generations: Int,
                saveSamples: Bool, trainer: Trainer) {
        self.experiment = experiment
        self.stage = stage
        self.label = label
        self.arms = arms
        self.seeds = seeds
        self.generations = generations
        self.saveSamples = saveSamples
        self.trainer = trainer
    }

    /// `config.json`: the provenance every experiment records (stage, version, scale, seeds, stream
    /// key, target), then `details`, then the arms and the resolved options.
    public func config(scale: Scale, target: String, details: [(String, JSONValue)] = [], options: JSONValue) -> JSONValue {
        .object([
            ("stage", .string(stage)),
            ("loom_version", .string(Loom.version)),
            ("scale", .string(scale.rawValue)),
            ("seeds", .array(seeds.map { .int(Int(truncatingIfNeeded: $0)) })),
            ("stream_key", .string(experiment)),
            ("target", .string(target)),
        ] + details + [
            ("arms", .array(arms.map { .string($0.label) })),
            ("options", options),
        ])
    }

    /// The seed's stream for drawing its real data (`<experiment>/real`).
    public func realStream(seed: UInt64) -> RandomStream {
        StreamFamily(seed: seed, dataset: experiment + "/real").stream(0)
    }

    /// Opens `runner.folder` with `config` (keys in `ignoring` may differ on a rerun), runs every arm
    /// for every seed on the runner's threads, and writes the report: `describe` gives its Markdown
    /// and SVG plot (written as `plotName`) from the metrics and the checkpoint generations.
    public func run(config: JSONValue, ignoring: Set<String> = [], runner: LoopRunner, checkpoints: [Int], plotName: String,
                    perSeed: (UInt64) throws -> (real: Trainer.Model.Batch, corrector: any Corrector<Trainer.Model.Batch>),
                    describe: (LoopReport, [Int]) -> (markdown: String, plot: SVGChart)) throws -> LoopOutcome {
        let owned = try runner.prepare(config: config, ignoring: ignoring)
        defer { withExtendedLifetime(owned) {} }
        var runs: [LoopRun<Trainer.Model.Batch>] = []
        for seed in seeds {
            let (real, corrector) = try perSeed(seed)
            for arm in arms {
                runs.append(LoopRun(experiment: experiment, arm: arm, seed: seed, generations: generations, real: real,
                                    corrector: corrector, base: runner.runFile(arm: arm, seed: seed),
                                    saveSamples: saveSamples))
            }
        }
        let series = try runner.run(runs, trainer: trainer, label: label)
        let report = LoopReport(series: series, metricNames: trainer.metricNames)
        let marks = LoopReport.checkpoints(checkpoints, last: generations)
        let (markdown, plot) = describe(report, marks)
        try report.write(to: runner.folder, generations: marks, markdown: markdown, plot: plot, plotName: plotName)
        return LoopOutcome(folder: runner.folder, report: report, checkpoints: marks)
    }
}

extension LoopRunner {
    /// `<folder>/runs/<arm>/seed-<s>`, a run's files without extension.
    public func runFile(arm: LoopArm, seed: UInt64) -> URL {
        Self.runFile(in: folder, arm: arm, seed: seed)
    }

    /// `<folder>/runs/<arm>/seed-<s>` of an experiment folder.
    public static func runFile(in folder: URL, arm: LoopArm, seed: UInt64) -> URL {
        folder.appendingPathComponent("runs").appendingPathComponent(arm.label).appendingPathComponent("seed-\(seed)")
    }
}
