import Foundation
import TestSupport
import LoomCore
@testable import SelfConsuming

/// A fresh temporary folder, removed by `remove()`.
struct Scratch {
    let url: URL

    init(_ label: String = "loop") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Writes a file (e.g. a Python script) and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func text(_ relative: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }
}

/// Whether `python3` with numpy can run here (the external-corrector tests need it).
let pythonWithNumpy = TestSupport.runPython("import numpy").succeeded

/// Mean and biased covariance of 2-D points.
func moments(_ batch: PointBatch) -> (mean: [Double], covariance: [Double]) {
    let n = Double(batch.count), d = batch.dimension
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<batch.count { for k in 0..<d { mean[k] += batch.values[i * d + k] / n } }
    var cov = [Double](repeating: 0, count: d * d)
    for i in 0..<batch.count {
        for r in 0..<d { for c in 0..<d { cov[r * d + c] += (batch.values[i * d + r] - mean[r]) * (batch.values[i * d + c] - mean[c]) / n } }
    }
    return (mean, cov)
}

let someContext = CorrectionContext(experiment: "test", arm: "gamma-1", seed: 0, generation: 1)

/// A small toy configuration for fast engine tests.
func smallToy(generations: Int = 12, seeds: Int = 2, gammas: [Double] = [0, 1]) -> GaussianToyOptions {
    var options = GaussianToyOptions()
    options.generations = generations
    options.seeds = seeds
    options.gammas = gammas
    return options
}

/// What an external corrector's failure says, or nil when `body` does not fail that way.
func correctorFailure(_ body: () throws -> Void) rethrows -> String? {
    do {
        try body()
    } catch let error as ExternalProgramFailure {
        return error.description
    }
    return nil
}

/// The message that stops a 3-generation toy loop whose external corrector is the script at `path`.
func externalLoopFailure(scratch: Scratch, path: String, persistent: Bool = false) throws -> String {
    var options = smallToy(generations: 3, seeds: 1, gammas: [1])
    options.corrector = .external
    options.command = ["python3", path]
    options.persistent = persistent ? true : nil
    let runner = LoopRunner(folder: scratch.url.appendingPathComponent("toy"), jobs: 1, progress: .quiet)
    do {
        _ = try GaussianToy.run(options: options, seed: 0, scale: .quick, runner: runner)
    } catch let error as SelfConsumingError {
        return error.description
    }
    return ""
}
