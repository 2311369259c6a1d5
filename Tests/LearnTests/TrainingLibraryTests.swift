import Foundation
import LoomCore
import Testing
import TestSupport
@testable import Learn

/// The training library's pieces: new backward passes against finite differences, the optimiser
/// variants, EMA, the state file, the eigen-solver, the fit loop and the diffusion model.
@Suite struct TrainingLibraryTests {
    static let tolerance = 1e-2

    @Test(arguments: [Activation.Kind.silu, .gelu])
    func activation(kind: Activation.Kind) {
        #expect(gradientError(of: Activation(kind, size: 6), input: randomMatrix(rows: 4, cols: 6, low: -3, high: 3), step: 1e-2) < Self.tolerance)
    }

    @Test func layerNorm() {
        let norm = LayerNorm(size: 7, name: "n")
        var random = RandomStream(seed: 9, dataset: "t", index: 0)
        norm.gain.value.values = norm.gain.value.values.map { _ in Float(random.uniform(0.5, 1.5)) }
        norm.bias.value.values = norm.bias.value.values.map { _ in Float(random.uniform(-0.5, 0.5)) }
        #expect(gradientError(of: norm, input: randomMatrix(rows: 5, cols: 7, low: -2, high: 2), step: 1e-2) < Self.tolerance)
        let out = norm.forward(randomMatrix(rows: 1, cols: 7))
        let z = zip(out.values, zip(norm.gain.value.values, norm.bias.value.values)).map { ($0 - $1.1) / $1.0 }
        #expect(abs(z.reduce(0, +) / 7) < 1e-5, "normalised rows have mean 0")
    }

    @Test func residualBlock() {
        var random = RandomStream(seed: 10, dataset: "t", index: 0)
        let block = Residual.mlpBlock(size: 5, hidden: 8, activation: .gelu, dropout: 0, name: "b", random: &random)
        #expect(gradientError(of: block, input: randomMatrix(rows: 4, cols: 5), step: 1e-2) < Self.tolerance)
    }

    @Test func denoiserNetwork() {
        var random = RandomStream(seed: 11, dataset: "t", index: 0)
        let denoiser = Denoiser(config: DenoiserConfig(dimension: 3, classes: 2, width: 8, blocks: 2, timeSize: 4, dropout: 0), random: &random)
        let x = denoiser.inputs(randomMatrix(rows: 3, cols: 3), steps: [0, 500, 999], labels: [0, 1, nil])
        #expect(gradientError(of: denoiser.network, input: x, step: 1e-2) < Self.tolerance)
    }

    @Test func gaussianNLL() {
        let mean = randomMatrix(rows: 3, cols: 4), logVariance = randomMatrix(rows: 3, cols: 4, seed: 5), targets = randomMatrix(rows: 3, cols: 4, seed: 6)
        let (_, dMean, dLogVariance) = GaussianNLL.lossAndGradient(mean: mean, logVariance: logVariance, targets: targets)
        let numericMean = numericGradient(count: 12, h: 1e-2) { i, delta in
            var m = mean
            m.values[i] += delta
            return GaussianNLL.lossAndGradient(mean: m, logVariance: logVariance, targets: targets).loss
        }
        let numericLogVariance = numericGradient(count: 12, h: 1e-2) { i, delta in
            var s = logVariance
            s.values[i] += delta
            return GaussianNLL.lossAndGradient(mean: mean, logVariance: s, targets: targets).loss
        }
        #expect(relativeError(dMean.values, numericMean) < Self.tolerance)
        #expect(relativeError(dLogVariance.values, numericLogVariance) < Self.tolerance)
        // At the target with unit variance the loss is ½ log 2π.
        let zero = Matrix(rows: 1, cols: 1)
        #expect(abs(GaussianNLL.lossAndGradient(mean: zero, logVariance: zero, targets: zero).loss - 0.5 * log(2 * Double.pi)) < 1e-9)
    }

    @Test func meanSquaredError() {
        let output = randomMatrix(rows: 3, cols: 4), targets = randomMatrix(rows: 3, cols: 4, seed: 8)
        let (_, analytic) = MeanSquaredError.lossAndGradient(output: output, targets: targets)
        let numeric = numericGradient(count: 12, h: 1e-2) { i, delta in
            var o = output
            o.values[i] += delta
            return MeanSquaredError.lossAndGradient(output: o, targets: targets).loss
        }
        #expect(relativeError(analytic.values, numeric) < Self.tolerance)
    }

    @Test func adamWShrinksTheWeightsBeforeTheStep() {
        // One AdamW step from θ = 2 with gradient 0.5: θ(1 − lr·λ) − lr·sign(g) (Adam's first step moves by lr).
        let p = Parameter(name: "p", value: Matrix(rows: 1, cols: 1, values: [2]))
        let optimizer = Adam(parameters: [p], learningRate: 0.1, weightDecay: 0.5, decoupled: true)
        p.gradient.values = [0.5]
        optimizer.update()
        #expect(abs(p.value.values[0] - (2 * (1 - 0.05) - 0.1)) < 1e-5)
    }

    @Test func clippingScalesToTheNorm() {
        let a = Parameter(name: "a", value: Matrix(rows: 1, cols: 2)), b = Parameter(name: "b", value: Matrix(rows: 1, cols: 1))
        a.gradient.values = [3, 0]
        b.gradient.values = [4]
        #expect(abs(clipGradientNorm([a, b], maxNorm: 1) - 5) < 1e-9)
        #expect(abs(a.gradient.values[0] - 0.6) < 1e-5 && abs(b.gradient.values[0] - 0.8) < 1e-5)
        #expect(abs(clipGradientNorm([a, b], maxNorm: 10) - 1) < 1e-5, "below the limit nothing changes")
        #expect(abs(b.gradient.values[0] - 0.8) < 1e-5)
    }

    @Test func emaAverages() {
        let p = Parameter(name: "p", value: Matrix(rows: 1, cols: 1, values: [0]))
        let ema = ExponentialMovingAverage(parameters: [p], decay: 0.9)
        p.value.values = [1]
        ema.update()
        ema.update()
        #expect(abs(ema.shadow[0][0] - (1 - 0.81)) < 1e-6)
        ema.copyAverage()
        #expect(abs(p.value.values[0] - 0.19) < 1e-6)
    }

    @Test func stateFileRoundTripsAndLoads() throws {
        var random = RandomStream(seed: 12, dataset: "t", index: 0)
        let mlp = Sequential.mlp(sizes: [3, 5, 2], random: &random)
        let state = StateDict(parameters: mlp.parameters)
        let data = state.encoded()
        let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(length % 8 == 0 && data.count == 8 + length + 4 * (15 + 5 + 10 + 2))
        let back = try StateDict(decoding: data, path: "memory")
        #expect(back == state)
        #expect(back["layers.0.weight"]?.shape == [5, 3])
        let other = Sequential.mlp(sizes: [3, 5, 2], random: &random)
        try back.load(into: other.parameters)
        #expect(other.parameters.map(\.value) == mlp.parameters.map(\.value))
        let wrong = Sequential.mlp(sizes: [3, 4, 2], random: &random)
        #expect(throws: LearnError.self) { try back.load(into: wrong.parameters) }
        #expect(throws: LoomError.self) { try StateDict(decoding: Data([1, 2, 3]), path: "bad") }
    }

    @Test func stateFileReadsInNumpy() throws {
        let state = StateDict([("w", .init(shape: [2, 3], values: [1, 2, 3, 4, 5, 6.5]))])
        let url = TestSupport.scratchFolder("state").appendingPathExtension("safetensors")
        try state.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import json, struct, sys, numpy as np
            raw = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            head = json.loads(raw[8:8 + n])
            b, e = head['w']['data_offsets']
            w = np.frombuffer(raw[8 + n + b:8 + n + e], dtype='<f4').reshape(head['w']['shape'])
            print(w.sum(), w.shape)
            """
        let result = TestSupport.runPython(script, url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "21.5 (2, 3)")
    }

    @Test func symmetricEigen() throws {
        let (values, vectors) = try SymmetricEigen.decompose([2, 1, 1, 2], size: 2)
        #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
        #expect(abs(abs(vectors[2]) - 0.5.squareRoot()) < 1e-12 && abs(vectors[2] - vectors[3]) < 1e-12, "the top vector is (1, 1)/√2")
    }

    @Test func fitRunsTheStepsAsked() throws {
        let p = Parameter(name: "p", value: Matrix(rows: 1, cols: 1, values: [5]))
        var shuffle = RandomStream(seed: 1, dataset: "t", index: 0)
        var steps = 0
        try Fit(parameters: [p], optimizer: Adam(parameters: [p], learningRate: 0.1), batchSize: 3, length: .steps(7), clipNorm: 1)
            .run(rows: 10, shuffle: &shuffle, lossAndGradients: { rows in
                p.gradient.values[0] += 2 * p.value.values[0]
                return Double(p.value.values[0] * p.value.values[0])
            }, stepDone: { step, _, _ in steps = step })
        #expect(steps == 7)
        #expect(p.value.values[0] < 5 - 0.6, "seven Adam steps of 0.1 move toward 0")
        let bad = Parameter(name: "bad", value: Matrix(rows: 1, cols: 1, values: [1]))
        #expect(throws: LearnError.self) {
            try Fit(parameters: [bad], optimizer: Adam(parameters: [bad]), batchSize: 2, length: .epochs(1))
                .run(rows: 4, shuffle: &shuffle, lossAndGradients: { _ in .nan })
        }
    }

    @Test func cosineSchedule() {
        let s = CosineSchedule(steps: 1000)
        #expect(s.alphaBar[0] > 0.9999 && s.alphaBar[999] < 1e-4)
        #expect(zip(s.alphaBar, s.alphaBar.dropFirst()).allSatisfy { $0 > $1 })
        #expect(s.samplingSteps(4) == [999, 666, 333, 0])
    }

    /// A tiny conditional model learns two labelled clusters and samples each label's cluster.
    @Test func denoiserLearnsLabelledClusters() throws {
        var random = RandomStream(seed: 13, dataset: "t", index: 0)
        let config = DenoiserConfig(dimension: 2, classes: 2, width: 32, blocks: 1, timeSize: 8, dropout: 0, activation: .silu, diffusionSteps: 100)
        let denoiser = Denoiser(config: config, random: &random)
        let labels = (0..<128).map { $0 % 2 }
        let x0 = Matrix(rows: 128, cols: 2, values: labels.flatMap { l in [Float(l == 0 ? -2 : 2) + 0.1 * Float(random.normal()), Float(random.normal()) * 0.1] })
        let fit = Fit(parameters: denoiser.parameters, optimizer: Adam(parameters: denoiser.parameters, learningRate: 3e-3, decoupled: true),
                      batchSize: 64, length: .steps(600), clipNorm: 1)
        var noise = random.substream("noise")
        try fit.run(rows: 128, shuffle: &random) { rows in
            denoiser.lossAndGradients(x0.gathering(rows: rows), labels: rows.map { labels[$0] }, labelDropout: 0.1, random: &noise)
        }
        var sampling = RandomStream(seed: 14, dataset: "t", index: 0)
        let drawn = denoiser.sample(labels: [Int?](repeating: 0, count: 50) + [Int?](repeating: 1, count: 50), steps: 20, eta: 1, random: &sampling)
        let first = (0..<50).reduce(0) { $0 + drawn[$1, 0] } / 50, second = (50..<100).reduce(0) { $0 + drawn[$1, 0] } / 50
        #expect(abs(first + 2) < 0.5 && abs(second - 2) < 0.5, "label means \(first), \(second)")
        var again = RandomStream(seed: 14, dataset: "t", index: 0)
        #expect(denoiser.sample(labels: [Int?](repeating: 0, count: 50) + [Int?](repeating: 1, count: 50), steps: 20, eta: 1, random: &again) == drawn)
    }
}
