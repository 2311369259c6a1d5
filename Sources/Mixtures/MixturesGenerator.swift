import Foundation
import LoomCore

/// `loom generate mixtures`: the Fourier head toy datasets and any Gaussian mixture.
///
/// Every row is a sample with its own random stream. The dataset-level files (arrays, CSV, the
/// split and the true PMFs) are built from the manifest's labels, so shards merge exactly.
public struct MixturesGenerator: DatasetGenerator {
    /// The name `loom generate` and `dataset.json` use.
    public static let name = "mixtures"
    /// The resolved options.
    public let config: MixturesOptions
    /// One stream key per dataset kind, so different kinds draw different rows.
    public var streamKey: String { "mixtures/\(config.dataset.rawValue)" }
    /// One sample per row.
    public var sampleCount: Int { config.rows }

    let toy: ToyDataset?
    let mixture: GaussianMixture?
    let bins: UniformBins

    /// Checks the options.
    public init(options: MixturesOptions) throws {
        try options.validate()
        config = options
        toy = options.dataset.toy
        mixture = try options.mixture.map { try GaussianMixture($0) }
        bins = UniformBins(count: options.bins)
    }

    /// A worker that draws rows; it holds no resources.
    public func makeWorker() throws -> Worker { Worker(generator: self) }

    /// Draws rows.
    public struct Worker: SampleWorker {
        let generator: MixturesGenerator

        /// Draws row `index`: a toy's x, y, z, or a mixture's component and coordinates.
        public mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
            if let toy = generator.toy {
                let row = toy.sample(random: &random, variance: generator.config.variance)
                return ["x": .double(row.x), "y": .double(row.y), "z": .double(row.z)]
            }
            guard let mixture = generator.mixture else { return [:] }
            var point = [Double](repeating: 0, count: mixture.dimension)
            let component = point.withUnsafeMutableBufferPointer { mixture.sample(into: $0.baseAddress!, random: &random) }
            var labels: Labels = ["component": .int(component)]
            for (d, v) in point.enumerated() { labels["x\(d)"] = .double(v) }
            return labels
        }
    }

    /// The train/test split: a permutation from the split seed; the first `test` rows are the test set.
    public func split() -> (train: [Int], test: [Int]) {
        let n = sampleCount
        let testCount = Int((Double(n) * config.testFraction).rounded(.up))
        var random = RandomStream(seed: UInt64(config.splitSeed), dataset: "split", index: n)
        let order = random.permutation(n)
        return (Array(order[testCount...]), Array(order[..<testCount]))
    }

    /// Writes the toy's arrays, split and true PMFs, or the mixture's samples and `data.csv`.
    public func finish(records: [ManifestRecord], into folder: URL) throws {
        if toy != nil {
            try finishToy(records, folder)
        } else {
            try finishMixture(records, folder)
        }
    }

    func finishToy(_ records: [ManifestRecord], _ folder: URL) throws {
        let n = records.count
        var features = [Double](), targets = [Double](), binnedFeatures = [Int64](), binnedTargets = [Int64]()
        features.reserveCapacity(2 * n)
        for r in records {
            let x = r.labels.double("x") ?? .nan, y = r.labels.double("y") ?? .nan, z = r.labels.double("z") ?? .nan
            features += [x, y]
            targets.append(z)
            binnedFeatures += [Int64(bins.index(of: x)), Int64(bins.index(of: y))]
            binnedTargets.append(Int64(bins.index(of: z)))
        }
        let (train, test) = split()
        let isTest = Set(test)
        var table = CSVTable(header: ["index", "x", "y", "z", "x_bin", "y_bin", "z_bin", "split"])
        for (i, r) in records.enumerated() {
            table.append([String(r.index), JSONValue.double(features[2 * i]).text, JSONValue.double(features[2 * i + 1]).text,
                          JSONValue.double(targets[i]).text, String(binnedFeatures[2 * i]), String(binnedFeatures[2 * i + 1]),
                          String(binnedTargets[i]), isTest.contains(i) ? "test" : "train"])
        }
        let variance = config.variance
        let pmfs = test.flatMap { toy!.truePMF(x: features[2 * $0], y: features[2 * $0 + 1], bins: bins, variance: variance) }
        let m = bins.count
        func rows<T>(_ idx: [Int], _ values: [T], width: Int) -> [T] { idx.flatMap { values[($0 * width)..<($0 * width + width)] } }
        try Npy.write(features, shape: [n, 2], to: folder.appendingPathComponent("features.npy"))
        try Npy.write(targets, shape: [n], to: folder.appendingPathComponent("targets.npy"))
        try Npy.write(binnedFeatures, shape: [n, 2], to: folder.appendingPathComponent("features_binned.npy"))
        try Npy.write(binnedTargets, shape: [n], to: folder.appendingPathComponent("targets_binned.npy"))
        try Npy.write(train.map(Int64.init), shape: [train.count], to: folder.appendingPathComponent("train_index.npy"))
        try Npy.write(test.map(Int64.init), shape: [test.count], to: folder.appendingPathComponent("test_index.npy"))
        try Npy.write(rows(train, binnedFeatures, width: 2), shape: [train.count, 2], to: folder.appendingPathComponent("train_inputs.npy"))
        try Npy.write(rows(train, binnedTargets, width: 1), shape: [train.count], to: folder.appendingPathComponent("train_labels.npy"))
        try Npy.write(rows(test, binnedFeatures, width: 2), shape: [test.count, 2], to: folder.appendingPathComponent("test_inputs.npy"))
        try Npy.write(rows(test, binnedTargets, width: 1), shape: [test.count], to: folder.appendingPathComponent("test_labels.npy"))
        try Npy.write(rows(test, features, width: 2), shape: [test.count, 2], to: folder.appendingPathComponent("test_features.npy"))
        try Npy.write(pmfs, shape: [test.count, m], to: folder.appendingPathComponent("true_pmfs.npy"))
        try table.write(to: folder.appendingPathComponent("data.csv"))
    }

    func finishMixture(_ records: [ManifestRecord], _ folder: URL) throws {
        guard let mixture else { return }
        let d = mixture.dimension
        var samples = [Double](), components = [Int64]()
        var table = CSVTable(header: ["index", "component"] + (0..<d).map { "x\($0)" })
        for r in records {
            let point = (0..<d).map { r.labels.double("x\($0)") ?? .nan }
            samples += point
            components.append(Int64(r.labels.int("component") ?? -1))
            table.append([String(r.index), String(components.last!)] + point.map { JSONValue.double($0).text })
        }
        try Npy.write(samples, shape: [records.count, d], to: folder.appendingPathComponent("samples.npy"))
        try Npy.write(components, shape: [records.count], to: folder.appendingPathComponent("components.npy"))
        try table.write(to: folder.appendingPathComponent("data.csv"))
    }

    /// Reports labels that are missing or not finite.
    public func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        let keys = toy != nil ? ["x", "y", "z"] : ["component"] + (0..<(mixture?.dimension ?? 0)).map { "x\($0)" }
        return keys.compactMap { key in
            guard let v = record.labels[key] else { return "label \(key) is missing" }
            if let d = v.number, !d.isFinite { return "label \(key) is not finite" }
            return nil
        }
    }
}
