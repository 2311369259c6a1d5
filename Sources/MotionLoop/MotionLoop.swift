import Foundation
import Learn
import LoomCore
import Media
import Mocap
import MotionCorrection
import Physics
import SelfConsuming

/// Everything one motion-loop experiment is built from, made once from the resolved options: the
/// data, the code, the frozen encoder, the evaluator, the trainer, the corrector and the arms.
public struct MotionLoopSetup: Sendable {
    public let options: MotionLoopOptions
    public let data: MotionData
    /// The n real training windows of every run.
    public let real: MotionBatch
    /// Training windows outside the n-subset: the evaluation's reference.
    public let heldOut: MotionBatch
    /// The frozen encoder's action accuracy on the dataset's test split (other takes).
    public let encoderTestAccuracy: Double
    public let code: MotionCode
    public let evaluator: MotionEvaluator
    public let trainer: MotionDiffusionTrainer
    public let corrector: any Corrector<MotionBatch>
    public let arms: [LoopArm]

    /// Reads the dataset and fits the code and the encoder; `options` must be resolved.
    public init(options o: MotionLoopOptions, mocap folder: URL) throws {
        options = o
        data = try MotionData.load(folder: folder)
        (real, heldOut) = try data.split(o.n, heldOut: o.referenceWindows, seed: UInt64(o.subsetSeed))
        code = try MotionCode(fitting: data.train, mean: data.mean, std: data.std, dimension: o.codeDimension)
        let humanoid = try Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))
        let features = MotionFeatures(humanoid: humanoid)
        guard features.width == data.width else {
            throw LoomError.usage("\(folder.path) has \(data.width) values per frame, the humanoid's features have \(features.width); regenerate the mocap dataset")
        }
        var random = RandomStream(seed: UInt64(o.subsetSeed), dataset: MotionLoop.experiment + "/encoder", index: 0)
        let encoder = try MotionEncoder(training: data.train, classes: data.actions.count, mean: data.mean, std: data.std,
                                        epochs: o.encoderEpochs, random: &random)
        let predicted = encoder.embed(data.test).predicted
        encoderTestAccuracy = Double(zip(predicted, data.test.labels).filter { $0 == $1 }.count) / Double(data.test.count)
        evaluator = MotionEvaluator(reference: heldOut, training: data.train, encoder: encoder, features: features,
                                    fps: Double(data.fps))
        let settings = MotionDiffusionSettings(
            denoiser: DenoiserConfig(dimension: code.dimension, classes: data.actions.count, width: o.width, blocks: o.blocks),
            firstSteps: o.firstSteps!, steps: o.steps, batchSize: 64, learningRate: Float(o.learningRate), weightDecay: 0,
            clipNorm: 1, labelDropout: 0.1, samplingSteps: o.samplingSteps, eta: o.eta)
        trainer = MotionDiffusionTrainer(code: code, settings: settings, evaluator: evaluator, prompts: real.labels)
        corrector = MotionLoop.corrector(o.corrector, features: features)
        arms = [LoopArm.realOnly, .uncorrected(lambda: o.lambda, accumulation: .latest)]
            + o.gammas.map { LoopArm.corrected(gamma: $0, lambda: o.lambda, accumulation: .latest) }
    }
}

/// The human-motion self-consuming experiment (Gillman et al. 2024, §3 of our reference notes):
/// a label-conditioned motion diffusion model retrained each generation on the n real windows
/// plus ⌊λ·n⌋ of its own samples, uncorrected or corrected, against a real-only baseline.
public enum MotionLoop {
    /// The stream namespace.
    public static let experiment = "loop/motion"
    /// The generations of the summary tables.
    public static let checkpoints = [0, 1, 2, 5, 10, 20, 30, 40, 50]
    /// The figures plotted against generation, with their axis labels.
    public static let plotted: [(metric: String, label: String)] = [
        ("fid", "FID (frozen encoder)"), ("fid_kinematic", "FID (kinematic features)"), ("diversity", "diversity"),
        ("precision", "precision"), ("recall", "recall"), ("accuracy", "action accuracy"),
        ("penetration_m", "penetration (m)"), ("floating_m", "floating (m)"), ("skating_m_per_s", "skating (m/s)"),
        ("jitter_m_per_s3", "jitter (m/s³)"), ("synthetic_penetration_m", "synthetic penetration (m)"),
        ("synthetic_floating_m", "synthetic floating (m)"),
    ]

    /// The corrector of this kind.
    public static func corrector(_ kind: MotionCorrectorKind, features: MotionFeatures) -> any Corrector<MotionBatch> {
        switch kind {
        case .humanoid: HumanoidCorrector(humanoid: features.humanoid)
        case .grounding: GroundingCorrector(features: features)
        }
    }

    /// What a finished experiment reports.
    public struct Outcome: Sendable {
        public let folder: URL
        public let report: LoopReport
        public let checkpoints: [Int]
    }

    /// Runs (or resumes) the experiment into `runner.folder`: `config.json`, `runs/<arm>/seed-<s>.jsonl`
    /// with a checkpoint per generation, `metrics.csv`, `summary.csv`, `summary.md`, `eval.json`,
    /// `fid.svg` and `plots/<metric>.svg`.
    public static func run(options: MotionLoopOptions, mocap folder: URL, scale: Scale, runner: LoopRunner) throws -> Outcome {
        let o = try options.completed(for: scale)
        let manifest = folder.appendingPathComponent("manifest.jsonl")
        let setup = try MotionLoopSetup(options: o, mocap: folder)
        let owned = try runner.prepare(config: .object([
            ("stage", .string("loop motion")),
            ("loom_version", .string(Loom.version)),
            ("scale", .string(scale.rawValue)),
            ("stream_key", .string(experiment)),
            ("mocap_manifest_sha256", .string(try SHA256.hex(ofFile: manifest.path).hex)),
            ("actions", .array(setup.data.actions.map { .string($0) })),
            ("arms", .array(setup.arms.map { .string($0.label) })),
            ("model", .string("x0-predicting diffusion (cosine schedule, \(setup.trainer.settings.denoiser.diffusionSteps) steps) on a \(setup.code.dimension)-value PCA code of the window, residual MLP, action-conditioned with 10% label dropout")),
            ("options", try o.json),
        ]))
        defer { withExtendedLifetime(owned) {} }
        var runs: [LoopRun<MotionBatch>] = []
        for seed in o.seeds {
            for arm in setup.arms {
                runs.append(LoopRun(experiment: experiment, arm: arm, seed: UInt64(seed), generations: o.generations, real: setup.real,
                                    corrector: setup.corrector, base: runner.runFile(arm: arm, seed: UInt64(seed)),
                                    saveSamples: false))
            }
        }
        let series = try runner.run(runs, trainer: setup.trainer, label: "loop motion")
        let report = LoopReport(series: series, metricNames: setup.trainer.metricNames)
        let marks = LoopReport.checkpoints(checkpoints, last: o.generations)
        var reference = RandomStream(seed: UInt64(o.subsetSeed), dataset: experiment + "/reference", index: 0)
        let realFigures = try setup.evaluator.measure(setup.real, random: &reference)
        try write(report, setup: setup, marks: marks, realFigures: realFigures, to: runner.folder)
        try contactSheets(setup: setup, seed: UInt64(o.seeds[0]), generations: LoopReport.checkpoints([0, 10, 50], last: o.generations),
                          folder: runner.folder)
        return Outcome(folder: runner.folder, report: report, checkpoints: marks)
    }

    /// `samples/<arm>-generation-<t>.png`: stick figures of 6 windows drawn by the first seed's
    /// model of generation t (its checkpoint), with the first 6 prompts' labels.
    static func contactSheets(setup: MotionLoopSetup, seed: UInt64, generations: [Int], folder: URL) throws {
        let samples = folder.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        let features = setup.evaluator.features
        for arm in setup.arms {
            let base = LoopRunner.runFile(in: folder, arm: arm, seed: seed)
            for t in generations {
                let url = base.appendingPathExtension("generation-\(t).safetensors")
                let model = try setup.trainer.restore(.null, checkpoint: try Data(contentsOf: url))
                var random = RandomStream(seed: seed, dataset: experiment + "/contact-sheet", index: t)
                let windows = try model.sample(labels: Array(setup.real.labels.prefix(6)), random: &random)
                let frames = (0..<windows.count).map { features.recover(Array(windows[$0])).map(features.humanoid.frame) }
                let image = StickFigures.contactSheet(frames, humanoid: features.humanoid)
                try AtomicFile.write(try PNGCodec.encode(image), to: samples.appendingPathComponent("\(arm.label)-generation-\(t).png"))
            }
        }
    }

    static func write(_ report: LoopReport, setup: MotionLoopSetup, marks: [Int], realFigures: [Double], to folder: URL) throws {
        let o = setup.options
        let names = setup.evaluator.metricNames
        var markdown = """
            # Human-motion self-consuming loop

            n = \(o.n) real windows of \(setup.data.folder.lastPathComponent) (fixed subset, seed \(o.subsetSeed)), \
            λ = \(o.lambda) (\(setup.arms[1].syntheticCount(real: o.n)) synthetic windows per generation), \
            corrector \(setup.corrector.name) at γ ∈ {\(o.gammas.map(formatGamma).joined(separator: ", "))}, \
            seeds \(o.seeds.map(String.init).joined(separator: ", ")). Generation 0 trains \(o.firstSteps!) steps, \
            each later one fine-tunes \(o.steps) steps (fresh AdamW, batch 64). Metrics against \(setup.heldOut.count) \
            held-out training windows (outside the n-subset), samples drawn with their labels. Code: \(setup.code.dimension) PCA components \
            (\(String(format: "%.1f", 100 * setup.code.explainedVariance)) % of the training windows' variance). \
            The frozen encoder's action accuracy: \(String(format: "%.3f", setup.evaluator.encoder.trainingAccuracy)) on \
            the training windows, \(String(format: "%.3f", setup.encoderTestAccuracy)) on the \(setup.data.test.count) test windows (other takes).
            Cells: mean ± sd over seeds.

            Reference, the \(o.n) real windows themselves: \
            \(zip(names, realFigures).map { "\($0) \(LoopReport.format($1))" }.joined(separator: ", ")).

            """
        for (metric, label) in plotted {
            markdown += "\n## \(label)\n\n" + report.markdown(metric, generations: marks, cell: .meanSD)
        }
        let main = report.plot("fid", title: "Motion loop: FID by generation (mean over \(o.seeds.count) seed(s))",
                               yLabel: "FID (frozen encoder)", colors: GaussianToy.armColors)
        try report.write(to: folder, generations: marks, markdown: markdown, plot: main, plotName: "fid.svg")
        let plots = folder.appendingPathComponent("plots")
        try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
        for (metric, label) in plotted {
            let chart = report.plot(metric, title: "Motion loop: \(label) by generation", yLabel: label, colors: GaussianToy.armColors)
            try AtomicFile.write(Data(SVGChart.document([chart], panelWidth: 780, panelHeight: 460).utf8),
                                 to: plots.appendingPathComponent(metric + ".svg"))
        }
        var arms: [(String, JSONValue)] = []
        for arm in report.arms {
            let last = report.series.filter { $0.arm == arm }.map(\.values.count).min() ?? 0
            arms.append((arm.label, .object(report.metricNames.map { metric in
                (metric, .array((0..<last).map { t in .double(report.statistics(metric, arm: arm, generation: t).mean) }))
            })))
        }
        let eval: JSONValue = .object([
            ("reference_real_windows", .object(zip(names, realFigures).map { ($0, .double($1)) })),
            ("mean_over_seeds_by_generation", .object(arms)),
        ])
        try AtomicFile.write(Data((eval.text + "\n").utf8), to: folder.appendingPathComponent("eval.json"))
    }
}
