import ArgumentParser
import Foundation
import LoomCore
import MotionLoop
import SelfConsuming

/// The motion loop as a pipeline stage.
enum MotionLoopStage: StageEntry {
    static let kind = "loop"
    static let name = "motion"
    static let summary = "The human-motion self-consuming loop: FID, diversity and physics by generation, uncorrected vs corrected."
    static let abstract = "The paper's human-motion loop: a motion diffusion model retrained on its own (corrected) samples of mocap windows."
    static let discussion = """
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

    static let shards = true

    static func run(options: MotionLoopOptions, context: StageContext) throws {
        try run(options: options, context: context, merging: false)
    }

    /// `merging`: read back the runs the shards finished and write the tables (`loom merge`).
    static func run(options: MotionLoopOptions, context: StageContext, merging: Bool) throws {
        let resolved = try options.completed(for: context.scale)
        let name = resolved.mocap
        let mocap = name.hasPrefix("/") ? URL(fileURLWithPath: name) : context.out.appendingPathComponent(name)
        try LoopFlags.report(context, written: "summary.md, metrics.csv, eval.json, fid.svg, plots/, samples/") {
            try MotionLoop.run(options: options, mocap: mocap, scale: context.scale,
                               runner: LoopFlags.runner(folder: resolved.folder, context: context, merging: merging)).folder
        }
    }
}
