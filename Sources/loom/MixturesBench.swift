import Foundation
import LoomCore
import Mixtures
import Synchronization

/// `loom bench mixtures`: 10 million 2-D GMM samples drawn and written to `.npy`, and numpy doing the same.
enum MixturesBench {
    static let rows = 10_000_000

    /// Runs so far: odd runs time numpy first, so neither side always gets the page cache and the
    /// memory the other just gave back.
    static let runs = Atomic<Int>(0)

    static let benchCase = BenchCase(
        name: "mixtures",
        summary: "Draw and write 10 million 2-D GMM samples (samples/s), beside numpy doing the same on one core."
    ) { options in
        let mixture = try GaussianMixture([
            ComponentSpec(weight: 0.3, mean: [-0.5, 0.2], covariance: [[0.04, 0.01], [0.01, 0.02]]),
            ComponentSpec(weight: 0.7, mean: [0.4, -0.1], covariance: [[0.03, -0.005], [-0.005, 0.05]]),
        ])
        let numpyFirst = runs.add(1, ordering: .relaxed).oldValue % 2 == 1
        // Each side starts with the page cache flushed, so neither pays for the other's dirty pages.
        sync()
        var numpy = try numpyFirst ? numpySeconds(scratch: options.scratch) : nil
        sync()
        let (generate, write) = try ours(mixture, scratch: options.scratch, jobs: options.jobs)
        sync()
        if !numpyFirst { numpy = try numpySeconds(scratch: options.scratch) }
        var figures = [
            "rows": Double(rows),
            "generate_s": generate,
            "write_s": write,
            "samples_per_s": Double(rows) / (generate + write),
        ]
        // numpy madvises huge pages for large arrays; on a VM whose fresh memory is expensive to touch
        // that alone can double its time, so the bench also reports numpy with them off.
        if let plain = try numpySeconds(scratch: options.scratch, environment: ["NUMPY_MADVISE_HUGEPAGE": "0"]) {
            figures["numpy_no_hugepages_s"] = plain.generate + plain.write
            figures["speedup_vs_numpy_no_hugepages"] = (plain.generate + plain.write) / (generate + write)
        }
        if let numpy {
            figures["numpy_generate_s"] = numpy.generate
            figures["numpy_write_s"] = numpy.write
            figures["numpy_samples_per_s"] = Double(rows) / (numpy.generate + numpy.write)
            figures["speedup_vs_numpy"] = (numpy.generate + numpy.write) / (generate + write)
        }
        return figures
    }

    /// Our side, as numpy's is timed: the arrays are allocated inside the drawing time (numpy's
    /// script allocates its own), drawn, then written as two `.npy` files. Returns both times.
    static func ours(_ mixture: GaussianMixture, scratch: URL, jobs: Int) throws -> (generate: Double, write: Double) {
        let streams = StreamFamily(seed: 0, dataset: "bench/mixtures")
        var samples: [Double] = [], components: [Int64] = []
        let generate = Bench.time {
            samples = [Double](unsafeUninitializedCapacity: 2 * rows) { points, filled in
                components = [Int64](unsafeUninitializedCapacity: rows) { labels, count in
                    mixture.sample(rows: 0..<rows, streams: streams, points: points.baseAddress!,
                                   components: labels.baseAddress!, jobs: jobs)
                    count = rows
                }
                filled = 2 * rows
            }
        }
        let write = try Bench.time {
            try Npy.write(samples, shape: [rows, 2], to: scratch.appendingPathComponent("samples.npy"))
            try Npy.write(components, shape: [rows], to: scratch.appendingPathComponent("components.npy"))
        }
        return (generate, write)
    }

    /// The same work in numpy, run as a user runs a script: `python3 file.py`, with this process's
    /// environment (plus `environment`, if given; numpy's generator and `np.save` are single-threaded).
    /// Returns its drawing and writing seconds, or nil when python3 or numpy is missing.
    static func numpySeconds(scratch: URL, environment: [String: String] = [:]) throws -> (generate: Double, write: Double)? {
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
        guard let run = try? Subprocess.capture(Subprocess.env, ["python3", file.path, scratch.path], environment: environment),
              run.succeeded else { return nil }
        let numbers = run.stdout.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}
