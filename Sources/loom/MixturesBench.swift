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
        if let numpy = try? numpySeconds(scratch: options.scratch) {
            figures["numpy_one_core_s"] = numpy
            figures["numpy_samples_per_s"] = Double(rows) / numpy
        }
        return figures
    }

    /// Runs the same work in numpy (one thread), if python3 and numpy are installed; returns its seconds.
    static func numpySeconds(scratch: URL) throws -> Double? {
        let script = """
            import os, time, numpy as np
            n = \(rows)
            t = time.perf_counter()
            rng = np.random.default_rng(0)
            w = np.array([0.3, 0.7]); means = np.array([[-0.5, 0.2], [0.4, -0.1]])
            chol = np.linalg.cholesky(np.array([[[0.04, 0.01], [0.01, 0.02]], [[0.03, -0.005], [-0.005, 0.05]]]))
            k = (rng.random(n) >= w[0]).astype(np.int64)
            z = rng.standard_normal((n, 2))
            x = means[k] + np.einsum('nij,nj->ni', chol[k], z)
            np.save(os.path.join('\(scratch.path)', 'np_samples.npy'), x)
            np.save(os.path.join('\(scratch.path)', 'np_components.npy'), k)
            print(time.perf_counter() - t)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["OMP_NUM_THREADS"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
