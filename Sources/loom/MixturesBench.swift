import Foundation
import LoomCore
import Mixtures

/// `loom bench mixtures`: 10 million 2-D GMM samples drawn and written to `.npy`, and numpy doing the same.
enum MixturesBench {
    static let rows = 10_000_000

    static let benchCase = BenchCase(
        name: "mixtures",
        summary: "Draw and write 10 million 2-D GMM samples (samples/s), beside numpy doing the same on one core."
    ) { options in
        let mixture = try GaussianMixture([
            ComponentSpec(weight: 0.3, mean: [-0.5, 0.2], covariance: [[0.04, 0.01], [0.01, 0.02]]),
            ComponentSpec(weight: 0.7, mean: [0.4, -0.1], covariance: [[0.03, -0.005], [-0.005, 0.05]]),
        ])
        let streams = StreamFamily(seed: 0, dataset: "bench/mixtures")
        var samples = [Double](repeating: 0, count: 2 * rows)
        var components = [Int64](repeating: 0, count: rows)
        // Each writer starts with the page cache flushed, so neither pays for the other's dirty pages.
        sync()
        let generate = Bench.time {
            samples.withUnsafeMutableBufferPointer { points in
                components.withUnsafeMutableBufferPointer { labels in
                    mixture.sample(rows: 0..<rows, streams: streams, points: points.baseAddress!,
                                   components: labels.baseAddress!, jobs: options.jobs)
                }
            }
        }
        let write = try Bench.time {
            try Npy.write(samples, shape: [rows, 2], to: options.scratch.appendingPathComponent("samples.npy"))
            try Npy.write(components, shape: [rows], to: options.scratch.appendingPathComponent("components.npy"))
        }
        var figures = [
            "rows": Double(rows),
            "generate_s": generate,
            "write_s": write,
            "samples_per_s": Double(rows) / (generate + write),
        ]
        sync()
        if let numpy = try numpySeconds(scratch: options.scratch) {
            figures["numpy_generate_s"] = numpy.generate
            figures["numpy_write_s"] = numpy.write
            figures["numpy_samples_per_s"] = Double(rows) / (numpy.generate + numpy.write)
            figures["speedup_vs_numpy"] = (numpy.generate + numpy.write) / (generate + write)
        }
        return figures
    }

    /// The same work in numpy, run as a user runs a script: `python3 file.py`, with this process's
    /// environment unchanged (numpy's generator and `np.save` are single-threaded). Returns its
    /// drawing and writing seconds, or nil when python3 or numpy is missing.
    static func numpySeconds(scratch: URL) throws -> (generate: Double, write: Double)? {
        let script = """
            import os, sys, time
            try:
                import numpy as np
            except ImportError:
                sys.exit(3)
            n = \(rows)
            out = sys.argv[1]
            t0 = time.perf_counter()
            rng = np.random.default_rng(0)
            w = np.array([0.3, 0.7]); means = np.array([[-0.5, 0.2], [0.4, -0.1]])
            chol = np.linalg.cholesky(np.array([[[0.04, 0.01], [0.01, 0.02]], [[0.03, -0.005], [-0.005, 0.05]]]))
            k = (rng.random(n) >= w[0]).astype(np.int64)
            z = rng.standard_normal((n, 2))
            x = means[k] + np.einsum('nij,nj->ni', chol[k], z)
            t1 = time.perf_counter()
            np.save(os.path.join(out, 'np_samples.npy'), x)
            np.save(os.path.join(out, 'np_components.npy'), k)
            print(t1 - t0, time.perf_counter() - t1)

            """
        let file = scratch.appendingPathComponent("mixtures_numpy.py")
        try AtomicFile.write(Data(script.utf8), to: file)
        guard let run = try? Subprocess.capture(Subprocess.env, ["python3", file.path, scratch.path]), run.succeeded else { return nil }
        let numbers = run.stdout.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}
