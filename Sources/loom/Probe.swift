import ArgumentParser
import Foundation
import LoomCore
import Probing

/// `loom probe <stage>`: probes on datasets already on disk.
struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Probe what representations of a dataset encode.",
        subcommands: Registry.stages.filter { $0.kind == "probe" }.map { $0.command }
    )
}

/// The SynTheory probes in the registry.
enum ProbeSynTheoryEntry: StageEntry {
    static let kind = "probe"
    static let name = "syntheory"
    static let summary = "SynTheory probes: FFTW mel/MFCC/chroma features, linear and MLP probes, test scores beside the paper's Table 2."
    static let abstract = "SynTheory probes: handcrafted audio features (mel, MFCC, chroma, aggregate) and linear/MLP probes per concept."
    static let discussion = """
        Reproduces the handcrafted rows of Table 2 of Wei et al., "Do Music Generation Models Encode Music Theory?" (ISMIR 2024). Inputs are SynTheory datasets made by `loom generate syntheory`, read through their manifests: by default <out>/<concept> for each concept.

        Features: each 4-second clip is mixed to mono, halved to 22,050 Hz and peak-normalised; librosa's default mel spectrogram (n_fft 2048, hop 512, 128 Slaney mels, power), 20 MFCCs and CQT chroma (36 bins per octave from C1, 7 octaves, tuning 0) are computed through FFTW, and each is pooled as the mean and std over time of itself and its first and second differences: mel 768, MFCC 120, chroma 72, aggregate 960 dimensions. They go to <out>/<output>/features/<concept>/{mel,mfcc,chroma,aggregate}.npy (float32, rows × dimensions) with rows.csv (index, row_id, clip, target) beside them, and are reused while the dataset's manifest is unchanged. Embeddings from any model (the embeddings option, docs/syntheory.md) are probed beside them: a matrix with an index CSV, a folder of per-clip vectors, or an extractor program that loom runs on the clips itself (protocol loom-extractor/1: audio in as .npy batches, one matrix per layer out, a timeout per batch), each layer its own representation <name>-<layer>, kept in features/<concept>/<name>/ so a rerun extracts only what is missing.

        Probes: dropout → [Linear(512) → ReLU → dropout] → Linear (hidden 0 is a linear probe), Adam with L2 as weight decay, cross-entropy (tempos: MSE on BPM min-max scaled to [0, 1]); validation every 8 steps, stop after 256 evaluations without improvement or 100 epochs, best weights kept. Splits are fixed by --seed: 70/15/15 at random (tempos: the original's extrapolation split on sorted BPM). The scaler is fitted on the training rows only and the configuration is chosen on validation; test scores are reported, with the validation scores beside them. --scale paper (or grid: paper) tries the original's 216 configurations per cell; quick tries 4 (hidden 0 and 512 × lr 1e-4 and 1e-3, standardised, batch 64, dropout 0.5, no L2).

        Output in <out>/<output>: features/, runs.csv (every probe), results.csv and results.md (the chosen configuration per concept × representation, test and validation beside the paper), probes.svg and config.json. Probes run on --jobs threads; the same --seed gives the same files whatever --jobs is.
        """

    static func run(options: ProbeOptions, context: StageContext) throws {
        let sweep = try ProbeSweep(options: options, root: context.out, seed: context.seed,
                                   jobs: context.jobs, progress: context.progress)
        try sweep.run()
        context.note("probe syntheory: results in \(sweep.folder.appendingPathComponent("results.md").path)")
    }
}
