import ArgumentParser
import Foundation
import LoomCore
import MotionLoop
import SelfConsuming

/// `loom loop motion`.
struct LoopMotion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion",
        abstract: "The paper's human-motion loop: a motion diffusion model retrained on its own (corrected) samples of mocap windows.",
        discussion: """
            Reads a mocap dataset (default mocap-full under --out, made by `loom generate mocap`). Each \
            window becomes a PCA code (fitted on every training window); a label-conditioned diffusion \
            model (x₀ prediction, cosine schedule, residual MLP, 10% label dropout) learns the codes. \
            Generation 0 trains on n real windows (a fixed subset); each later generation samples ⌊λ·n⌋ \
            windows with the real windows' labels, corrects them (corrected arms), and fine-tunes from \
            the previous weights on real + synthetic with a fresh AdamW (the paper's schedule). Arms: \
            real-only (λ = 0), uncorrected, and gamma-<γ> per γ. Paper scale: n = 64, λ = 1, 50 \
            generations, 5000 then 1000 steps, seeds 10, 42, 47; quick scale: 3 generations, 1000 then \
            200 steps, seed 42.

            Metrics per generation, against 512 training windows outside the n-subset: fid (a frozen MLP action encoder trained once \
            on the training windows), fid_kinematic (handcrafted kinematic features), diversity, \
            precision and recall (k-NN manifolds, k = 3), accuracy (the encoder's action accuracy on \
            label-conditioned samples), the physics figures (penetration, floating, skating, jitter) of \
            the samples, and synthetic_* (the same physics of the corrected windows each generation \
            trained on). Correctors: humanoid (the default: each window tracked by the Bullet \
            humanoid, its root helper capped at γ body weights; docs/motion.md) and grounding (moves each \
            frame's root so the lowest point nears the ground by γ/(1+γ) of the way).

            Output in <out>/<folder>: config.json, runs/<arm>/seed-<s>.jsonl (a line per generation with \
            the path and sha256 of its weights, runs/<arm>/seed-<s>.generation-<t>.safetensors), \
            metrics.csv, summary.csv, summary.md, eval.json, fid.svg, plots/<metric>.svg and samples/<arm>-generation-<t>.png \
            (stick figures of the first seed's samples at generations 0, 10, 50 and the last).
            """
    )

    @OptionGroup var file: ConfigFile

    @Option(help: "The mocap dataset folder (name under --out, or a path; default mocap-full).")
    var mocap: String?

    @Option(help: "n, the real training windows (default 64).")
    var n: Int?

    @Option(help: "λ, synthetic windows per real window each generation (default 1).")
    var lambda: Double?

    @Option(help: "Generations after generation 0 (default 50; 3 at quick scale).")
    var generations: Int?

    @Option(help: "Correction strengths γ, comma-separated (default 1).")
    var gammas: String?

    @Option(help: "The corrector of the corrected arms: humanoid (the Bullet humanoid, γ = its helper cap in body weights) or grounding (default humanoid).")
    var corrector: String?

    @Option(help: "Seeds, comma-separated (default 10,42,47; 42 at quick scale).")
    var seeds: String?

    @Option(name: .customLong("first-steps"), help: "Training steps of generation 0 (default 5000·n/64; 1000 at quick scale).")
    var firstSteps: Int?

    @Option(help: "Fine-tuning steps of each later generation (default 1000; 200 at quick scale).")
    var steps: Int?

    @Option(help: "Output folder under --out (default loop-motion, or loop-motion-quick at quick scale).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = try file.load(MotionLoopOptions.self, or: MotionLoopOptions())
        if let mocap { options.mocap = mocap }
        if let n { options.n = n }
        if let lambda { options.lambda = lambda }
        if let generations { options.generations = generations }
        if let gammas { options.gammas = try CommaList.numbers(gammas, flag: "--gammas") }
        if let corrector { options.corrector = corrector }
        if let seeds { options.seeds = try CommaList.numbers(seeds, flag: "--seeds", example: "10,42,47") }
        if let firstSteps { options.firstSteps = firstSteps }
        if let steps { options.steps = steps }
        if let name { options.folder = name }
        try options.validateFlags(["folder": "name", "first_steps": "first-steps"])
        try MotionLoopStage.run(options: options, context: common.context())
    }
}

/// The motion loop as a pipeline stage.
enum MotionLoopStage: StageEntry {
    static let kind = "loop"
    static let name = "motion"
    static let summary = "The human-motion self-consuming loop: FID, diversity and physics by generation, uncorrected vs corrected."

    static let shards = true

    static func run(options: MotionLoopOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: MotionLoopOptions, context: StageContext, merging: Bool) throws {
        let resolved = try options.resolved(scale: context.scale)
        let name = resolved.mocap!
        let mocap = name.hasPrefix("/") ? URL(fileURLWithPath: name) : context.out.appendingPathComponent(name)
        try LoopFlags.report(context, written: "summary.md, metrics.csv, eval.json, fid.svg, plots/, samples/") {
            try MotionLoop.run(options: options, mocap: mocap, scale: context.scale,
                               runner: LoopFlags.runner(folder: resolved.folder!, context: context, merging: merging)).folder
        }
    }
}
