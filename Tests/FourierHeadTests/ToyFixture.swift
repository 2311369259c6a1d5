import Foundation
import LoomCore

/// A small toy dataset written the way `loom generate mixtures` lays it out (dataset.json, the split
/// arrays and the true PMFs), so the stage is tested on files without depending on the generator module.
/// z ~ N(x, 0.1²) with x ~ U(-0.8, 0.8); features (x, x) quantised into 50 bins.
enum ToyFixture {
    static let bins = 50

    static func write(to folder: URL, dataset: String = "gaussian", seed: Int = 1, generator: String = "mixtures",
                      train: Int = 800, test: Int = 200) throws {
        var random = RandomStream(seed: UInt64(seed), dataset: "fixture/\(dataset)", index: 0)
        func bin(_ v: Double) -> Int64 { Int64(min(max(Int(((v + 1) / 2 * Double(bins)).rounded(.down)), 0), bins - 1)) }
        var inputs: [[Int64]] = [[], []], labels: [[Int64]] = [[], []], truth: [Double] = []
        for (split, rows) in [train, test].enumerated() {
            for _ in 0..<rows {
                let x = random.uniform(-0.8, 0.8)
                let z = random.normal(mean: x, sd: 0.1)
                inputs[split] += [bin(x), bin(x)]
                labels[split].append(bin(z))
                if split == 1 {
                    let p = (0..<bins).map { l in
                        let c = -1 + Double(2 * l + 1) / Double(bins)
                        return exp(-0.5 * (c - x) * (c - x) / 0.01)
                    }
                    let total = p.reduce(0, +)
                    truth += p.map { $0 / total }
                }
            }
        }
        let info = JSONValue.object([("generator", .string(generator)), ("seed", .int(seed)),
                                     ("config", .object([("dataset", .string(dataset)), ("bins", .int(bins))]))])
        try AtomicFile.write(Data(info.prettyText.utf8), to: folder.appendingPathComponent("dataset.json"))
        try AtomicFile.write(Data(), to: folder.appendingPathComponent("manifest.jsonl"))   // a finished dataset
        try Npy.write(inputs[0], shape: [train, 2], to: folder.appendingPathComponent("train_inputs.npy"))
        try Npy.write(labels[0], shape: [train], to: folder.appendingPathComponent("train_labels.npy"))
        try Npy.write(inputs[1], shape: [test, 2], to: folder.appendingPathComponent("test_inputs.npy"))
        try Npy.write(labels[1], shape: [test], to: folder.appendingPathComponent("test_labels.npy"))
        try Npy.write(truth, shape: [test, bins], to: folder.appendingPathComponent("true_pmfs.npy"))
    }

    /// A fresh scratch folder.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fourier-tests-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
