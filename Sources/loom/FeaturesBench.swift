import Foundation
import LoomCore
import Media
import Probing
import Signal
import SynTheory

/// `loom bench features`: the probes' feature extraction on real SynTheory clips, per core, beside
/// librosa on the same files when a Python with librosa is at hand (`LOOM_LIBROSA_PYTHON`, default python3).
enum FeaturesBench {
    /// 4-second notes clips, each note C0–B8 at most once, instruments in turn.
    static let options = SynTheoryOptions.defaults(for: .paper).with { $0.concept = .notes; $0.stratified = true; $0.limit = 24 }

    static let benchCase = BenchCase(
        name: "features",
        summary: "Feature extraction real-time factor per core: mel + MFCC, and the aggregate (mel, MFCC, CQT chroma), beside librosa."
    ) { options in
        let generator = try SynTheoryGenerator(options: Self.options.completed(for: .paper))
        let folder = options.scratch.appendingPathComponent("notes")
        try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 0, scale: .paper, jobs: options.jobs, progress: .quiet))
        let table = try SynTheoryTable(folder: folder)
        let clips = try table.rows.map { try SoundFile.read(folder.appendingPathComponent($0.clip).path) }
        let extractor = ClipFeatures()
        let prepared = try clips.map { try extractor.prepare($0, path: "") }
        let audioSeconds = Double(clips.count * SynTheoryGenerator.clipSeconds)
        // One core: the per-clip work without file reading.
        let (melSeconds, melCPUSeconds) = Bench.wallAndThreadCPU { for signal in prepared { _ = extractor.melAndMFCC(signal) } }
        let chroma = Chroma()
        let chromaSeconds = Bench.time { for signal in prepared { _ = chroma.apply(signal) } }
        let prepareSeconds = try Bench.time { for audio in clips { _ = try extractor.prepare(audio, path: "") } }
        let (allSeconds, allCPUSeconds) = try Bench.wallAndThreadCPU {
            for audio in clips { _ = extractor.features(try extractor.prepare(audio, path: "")) }
        }
        // --jobs threads, reading the files too, as `loom probe` runs.
        let endToEnd = try Bench.time { _ = try FeatureExtraction.extract(table, jobs: options.jobs, progress: .quiet) }
        var figures: [String: Double] = [
            "clips": Double(clips.count),
            "mel_mfcc_ms_per_clip": 1000 * melSeconds / Double(clips.count),
            "mel_mfcc_realtime_factor_per_core": audioSeconds / melSeconds,
            "mel_mfcc_realtime_factor_per_core_cpu_time": audioSeconds / melCPUSeconds,
            "aggregate_realtime_factor_per_core_cpu_time": audioSeconds / allCPUSeconds,
            "chroma_ms_per_clip": 1000 * chromaSeconds / Double(clips.count),
            "prepare_ms_per_clip": 1000 * prepareSeconds / Double(clips.count),
            "aggregate_ms_per_clip": 1000 * allSeconds / Double(clips.count),
            "aggregate_realtime_factor_per_core": audioSeconds / allSeconds,
            "extract_realtime_factor_per_core": audioSeconds / endToEnd / Double(options.jobs),
        ]
        if let librosa = librosaMilliseconds(table.rows.map { folder.appendingPathComponent($0.clip).path }, scratch: options.scratch) {
            figures["librosa_mel_mfcc_ms_per_clip"] = librosa.melMFCC
            figures["librosa_aggregate_ms_per_clip"] = librosa.aggregate
            figures["speedup_vs_librosa_mel_mfcc"] = librosa.melMFCC / figures["mel_mfcc_ms_per_clip"]!
            figures["speedup_vs_librosa_aggregate"] = librosa.aggregate / figures["aggregate_ms_per_clip"]!
        }
        return figures
    }

    /// librosa's milliseconds per clip on the same files, one thread, loading excluded from the
    /// mel + MFCC figure and included (as `librosa.load` resamples) in the aggregate; nil without librosa.
    static func librosaMilliseconds(_ paths: [String], scratch: URL) -> (melMFCC: Double, aggregate: Double)? {
        let python = ProcessInfo.processInfo.environment["LOOM_LIBROSA_PYTHON"] ?? "python3"
        let script = """
            import sys, time, os
            os.environ.setdefault("OMP_NUM_THREADS", "1"); os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
            import numpy as np, librosa
            paths = sys.argv[1:]
            ys = [librosa.load(p, sr=22050)[0] for p in paths]
            librosa.feature.mfcc(y=ys[0], sr=22050); librosa.feature.chroma_cqt(y=ys[0], sr=22050)
            t0 = time.perf_counter()
            for y in ys:
                librosa.feature.melspectrogram(y=y, sr=22050); librosa.feature.mfcc(y=y, sr=22050)
            t1 = time.perf_counter()
            for p in paths:
                y, _ = librosa.load(p, sr=22050); y = librosa.util.normalize(y)
                m = librosa.feature.melspectrogram(y=y, sr=22050)
                f = librosa.feature.mfcc(S=librosa.power_to_db(m), sr=22050)
                c = librosa.feature.chroma_cqt(y=y, sr=22050)
                for a in (m, f, c):
                    [(np.mean(d, 1), np.std(d, 1)) for d in (a, np.diff(a, 1), np.diff(a, 2))]
            t2 = time.perf_counter()
            print((t1 - t0) / len(paths) * 1000, (t2 - t1) / len(paths) * 1000)
            """
        guard let run = try? Subprocess.capture(Subprocess.env, [python, "-c", script] + paths) else { return nil }
        let numbers = run.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard run.succeeded, numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }
}
