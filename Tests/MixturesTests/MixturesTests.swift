import Foundation
import Testing
import TestSupport
@testable import LoomCore
@testable import Mixtures

@Suite("Gaussian mixtures")
struct GaussianMixtureTests {
    let spec = [
        ComponentSpec(weight: 0.25, mean: [-1, 2], covariance: [[0.5, 0.2], [0.2, 0.3]]),
        ComponentSpec(weight: 0.75, mean: [3, 0], covariance: [[1.0, -0.4], [-0.4, 2.0]]),
    ]

    /// 400,000 draws; per-component means within 0.02, covariances within 3 %, weights within 0.004.
    @Test func samplesMatchTheSpec() throws {
        let mixture = try GaussianMixture(spec)
        let n = 400_000
        var points = [Double](repeating: 0, count: 2 * n)
        var labels = [Int64](repeating: 0, count: n)
        points.withUnsafeMutableBufferPointer { p in
            labels.withUnsafeMutableBufferPointer { l in
                mixture.sample(rows: 0..<n, streams: StreamFamily(seed: 3, dataset: "test"), points: p.baseAddress!,
                               components: l.baseAddress!, jobs: 2)
            }
        }
        for (k, component) in spec.enumerated() {
            let rows = (0..<n).filter { labels[$0] == k }
            #expect(abs(Double(rows.count) / Double(n) - component.weight) < 0.004)
            let m = rows.count
            let mx = rows.reduce(0.0) { $0 + points[2 * $1] } / Double(m)
            let my = rows.reduce(0.0) { $0 + points[2 * $1 + 1] } / Double(m)
            #expect(abs(mx - component.mean[0]) < 0.02 && abs(my - component.mean[1]) < 0.02)
            var c = [[0.0, 0.0], [0.0, 0.0]]
            for r in rows {
                let d = [points[2 * r] - mx, points[2 * r + 1] - my]
                for i in 0..<2 { for j in 0..<2 { c[i][j] += d[i] * d[j] / Double(m - 1) } }
            }
            for i in 0..<2 { for j in 0..<2 {
                #expect(abs(c[i][j] - component.covariance[i][j]) < 0.03 * max(1, abs(component.covariance[i][i])),
                        "component \(k) covariance[\(i)][\(j)] = \(c[i][j])")
            } }
        }
    }

    @Test func samplingDoesNotDependOnJobs() throws {
        let mixture = try GaussianMixture(spec)
        func draw(jobs: Int) -> [Double] {
            var points = [Double](repeating: 0, count: 2 * 200_000)
            var labels = [Int64](repeating: 0, count: 200_000)
            points.withUnsafeMutableBufferPointer { p in
                labels.withUnsafeMutableBufferPointer { l in
                    mixture.sample(rows: 0..<200_000, streams: StreamFamily(seed: 1, dataset: "j"), points: p.baseAddress!,
                                   components: l.baseAddress!, jobs: jobs)
                }
            }
            return points
        }
        #expect(draw(jobs: 1) == draw(jobs: 3))
    }

    @Test func threeDimensionalMixturesWork() throws {
        let mixture = try GaussianMixture([ComponentSpec(weight: 1, mean: [1, 2, 3],
                                                         covariance: [[2, 0.5, 0], [0.5, 1, 0.3], [0, 0.3, 0.5]])])
        var r = RandomStream(seed: 0, dataset: "3d", index: 0)
        var sum = [0.0, 0.0, 0.0], sumXY = 0.0
        let n = 100_000
        var p = [0.0, 0.0, 0.0]
        for _ in 0..<n {
            _ = p.withUnsafeMutableBufferPointer { mixture.sample(into: $0.baseAddress!, random: &r) }
            for i in 0..<3 { sum[i] += p[i] }
            sumXY += (p[0] - 1) * (p[1] - 2)
        }
        #expect(abs(sum[2] / Double(n) - 3) < 0.02)
        #expect(abs(sumXY / Double(n) - 0.5) < 0.03)
    }

    @Test func badSpecsAreRejectedWithTheKey() {
        func key(_ components: [ComponentSpec]) -> String? {
            do { _ = try GaussianMixture(components); return nil } catch { return error.key }
        }
        #expect(key([ComponentSpec(weight: 1, mean: [0, 0], covariance: [[1, 2], [2, 1]])]) == "components.0.covariance")
        #expect(key([ComponentSpec(weight: 0.5, mean: [0, 0], covariance: [[1, 0], [0, 1]])]) == "components")
        #expect(key([ComponentSpec(weight: 1, mean: [0, 0], covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])]) == "components.0.covariance")
        #expect(key([ComponentSpec(weight: 0.5, mean: [0], covariance: [[1]]), ComponentSpec(weight: 0.5, mean: [0, 1], covariance: [[1]])]) == "components.1.mean")
        #expect(key([]) == "components")
    }
}

@Suite("Fourier head toy datasets")
struct ToyDatasetTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-toys-\(getpid())-\(UUID().uuidString)")

    func rows(_ toy: ToyDataset, _ n: Int = 100_000) -> [(x: Double, y: Double, z: Double)] {
        let family = StreamFamily(seed: 4, dataset: "toy")
        return (0..<n).map { i in var r = family.stream(i); return toy.sample(random: &r, variance: 0.01) }
    }

    @Test func gaussianFollowsItsDefinition() {
        let data = rows(.gaussian)
        let residual = data.map { $0.z - $0.y }
        let sd = (residual.map { $0 * $0 }.reduce(0, +) / Double(data.count)).squareRoot()
        #expect(abs(sd - 0.1) < 0.002)
        #expect(data.allSatisfy { $0.x >= -0.8 && $0.x < 0.8 })
        let xy = data.map { $0.y - $0.x }
        #expect(abs(xy.reduce(0, +) / Double(data.count)) < 0.002)
    }

    @Test func gmm2PicksEachFeatureHalfTheTime() {
        let data = rows(.gmm2)
        let nearX = data.filter { abs($0.z - $0.x) < abs($0.z - $0.y) && abs($0.x - $0.y) > 0.6 }.count
        let separated = data.filter { abs($0.x - $0.y) > 0.6 }.count
        #expect(abs(Double(nearX) / Double(separated) - 0.5) < 0.01)
    }

    @Test func betaIsASymmetricBetaMixture() {
        let data = rows(.beta)
        #expect(data.allSatisfy { abs($0.z) <= 1 })
        let positive = data.filter { $0.z > 0 }.count
        #expect(abs(Double(positive) / Double(data.count) - 0.5) < 0.005)
        // E|z| given x, y is a/(a+b) with a = 100|x|, b = 100|y|.
        let error = data.map { abs($0.z) - abs($0.x) / (abs($0.x) + abs($0.y)) }.reduce(0, +) / Double(data.count)
        #expect(abs(error) < 0.003)
    }

    @Test func truePMFsAreNormalisedAndPeakWhereTheyShould() {
        let bins = UniformBins(count: 50)
        let g = ToyDataset.gaussian.truePMF(x: 0.1, y: 0.31, bins: bins, variance: 0.01)
        #expect(abs(g.reduce(0, +) - 1) < 1e-12)
        #expect(g.firstIndex(of: g.max()!) == bins.index(of: 0.31))
        let b = ToyDataset.beta.truePMF(x: 0.5, y: 0.5, bins: bins, variance: 0.01)
        #expect(abs(b.reduce(0, +) - 1) < 1e-12)
        #expect(b[24] == b[25] && b[0] == b[49], "mirrored")
        #expect(b.firstIndex(of: b.max()!) == 12 || b.firstIndex(of: b.max()!) == 37, "peaks at ±0.5")
    }

    /// Our bins agree with numpy's `clip(digitize(v, linspace(-1, 1, 51)) - 1, 0, 49)`, edges included.
    @Test func binsMatchNumpyDigitize() throws {
        let bins = UniformBins(count: 50)
        var values = (0...50).map { -1 + Double($0) * 0.04 }  // the edges themselves
        values += [-1.5, 1.5, 0, -0.0, 0.999999, -0.999999, 0.02, -0.02]
        var r = RandomStream(seed: 0, dataset: "bins", index: 0)
        values += (0..<500).map { _ in r.uniform(-1.1, 1.1) }
        let folder = root
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Npy.write(values, shape: [values.count], to: folder.appendingPathComponent("v.npy"))
        try Npy.write(values.map { Int64(bins.index(of: $0)) }, shape: [values.count], to: folder.appendingPathComponent("b.npy"))
        let result = TestSupport.runPython("""
            import numpy as np, sys
            v = np.load(sys.argv[1] + '/v.npy'); b = np.load(sys.argv[1] + '/b.npy')
            ref = np.clip(np.digitize(v, np.linspace(-1, 1, 51)) - 1, 0, 49)
            bad = np.nonzero(ref != b)[0]
            assert len(bad) == 0, [(v[i], b[i], ref[i]) for i in bad[:5]]
            """, folder.path)
        #expect(result.succeeded, "\(result.stderr)")
    }

    @Test func generatedToyHasTheReferenceLayout() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let generator = try MixturesGenerator(options: MixturesOptions().with { $0.dataset = .gmm2 })
        let folder = root.appendingPathComponent("gmm2")
        try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 1, scale: .quick, progress: .quiet))
        let train = try Npy.read(folder.appendingPathComponent("train_index.npy")).values(as: Int64.self)
        let test = try Npy.read(folder.appendingPathComponent("test_index.npy")).values(as: Int64.self)
        #expect(train.count == 4000 && test.count == 1000)
        #expect(Set(train + test).count == 5000)
        let pmfs = try Npy.read(folder.appendingPathComponent("true_pmfs.npy"))
        #expect(pmfs.shape == [1000, 50])
        let result = TestSupport.runPython("""
            import numpy as np, sys, csv
            d = sys.argv[1]
            f = np.load(d + '/features.npy'); z = np.load(d + '/targets.npy')
            fb = np.load(d + '/features_binned.npy'); zb = np.load(d + '/targets_binned.npy')
            edges = np.linspace(-1, 1, 51)
            assert (fb == np.clip(np.digitize(f, edges) - 1, 0, 49)).all()
            assert (zb == np.clip(np.digitize(z, edges) - 1, 0, 49)).all()
            te = np.load(d + '/test_index.npy'); tr = np.load(d + '/train_index.npy')
            assert (np.load(d + '/test_inputs.npy') == fb[te]).all() and (np.load(d + '/train_labels.npy') == zb[tr]).all()
            p = np.load(d + '/true_pmfs.npy'); assert np.allclose(p.sum(1), 1)
            c = np.array([-1 + (2 * l + 1) / 50 for l in range(50)])
            x, y = f[te[7]]
            q = 0.5 * np.exp(-(c - x) ** 2 / 0.02) + 0.5 * np.exp(-(c - y) ** 2 / 0.02)
            assert np.allclose(p[7], q / q.sum())
            rows = list(csv.DictReader(open(d + '/data.csv')))
            assert len(rows) == 5000 and sum(r['split'] == 'test' for r in rows) == 1000
            assert float(rows[3]['z']) == z[3]
            """, folder.path)
        #expect(result.succeeded, "\(result.stderr)")
        #expect(try DatasetRun.validate(generator, folder: folder).isEmpty)
    }

    @Test func customMixtureDatasetsWriteSamples() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let options = MixturesOptions().with { $0.dataset = .custom; $0.rows = 300; $0.components = [
            ComponentSpec(weight: 0.5, mean: [0, 0, 0], covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
            ComponentSpec(weight: 0.5, mean: [5, 5, 5], covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        ] }
        let generator = try MixturesGenerator(options: options)
        let folder = root.appendingPathComponent("custom")
        try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 1, scale: .quick, jobs: 2, progress: .quiet))
        let samples = try Npy.read(folder.appendingPathComponent("samples.npy"))
        #expect(samples.shape == [300, 3])
        #expect(try Npy.read(folder.appendingPathComponent("components.npy")).values(as: Int64.self).allSatisfy { $0 == 0 || $0 == 1 })
    }

    /// The bulk sampler (`loom bench mixtures`) draws the rows `loom generate mixtures` writes.
    @Test func bulkSamplingMatchesTheGeneratedDataset() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let generator = try MixturesGenerator(options: MixturesOptions().with { $0.dataset = .custom; $0.rows = 500; $0.components = [
            ComponentSpec(weight: 0.4, mean: [-1, 2], covariance: [[0.5, 0.2], [0.2, 0.3]]),
            ComponentSpec(weight: 0.6, mean: [3, 0], covariance: [[1.0, -0.4], [-0.4, 2.0]]),
        ] })
        let mixture = try #require(generator.mixture)
        let folder = root.appendingPathComponent("bulk")
        try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 4, scale: .quick, jobs: 2, progress: .quiet))
        var points = [Double](repeating: 0, count: 2 * 500)
        var labels = [Int64](repeating: 0, count: 500)
        points.withUnsafeMutableBufferPointer { p in
            labels.withUnsafeMutableBufferPointer { l in
                mixture.sample(rows: 0..<500, streams: StreamFamily(seed: 4, dataset: generator.streamKey),
                               points: p.baseAddress!, components: l.baseAddress!, jobs: 1)
            }
        }
        #expect(try Npy.read(folder.appendingPathComponent("samples.npy")).values(as: Double.self) == points)
        #expect(try Npy.read(folder.appendingPathComponent("components.npy")).values(as: Int64.self) == labels)
    }

    @Test func optionsAreChecked() {
        #expect(throws: LoomError.self) { try MixturesOptions.resolve(scale: .quick, layers: [OptionLayer(assignments: ["dataset=nope"])], owner: "mixtures") }
        #expect(throws: ConfigValueError.self) { try MixturesOptions().with { $0.rows = 0 }.validate() }
        #expect(throws: ConfigValueError.self) { try MixturesOptions().with { $0.rows = -5 }.validate() }
        #expect(throws: ConfigValueError.self) { try MixturesOptions().with { $0.dataset = .custom }.validate() }
        #expect(throws: ConfigValueError.self) { try MixturesOptions().with { $0.testFraction = 1.5 }.validate() }
    }
}
