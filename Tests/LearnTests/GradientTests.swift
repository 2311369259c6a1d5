import LoomCore
import Testing
@testable import Learn

/// Every layer's backward pass against central finite differences (float32, relative error < 1e-2).
@Suite struct GradientTests {
    static let tolerance = 1e-2

    @Test func linear() {
        var random = RandomStream(seed: 1, dataset: "t", index: 0)
        let layer = Linear(inputs: 5, outputs: 4, name: "l", random: &random)
        #expect(gradientError(of: layer, input: randomMatrix(rows: 6, cols: 5), step: 1e-2) < Self.tolerance)
    }

    @Test func relu() {
        // Inputs kept away from 0, where ReLU has a kink.
        var x = randomMatrix(rows: 4, cols: 6)
        x.values = x.values.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
        #expect(gradientError(of: ReLU(size: 6), input: x, step: 1e-2) < Self.tolerance)
    }

    @Test func mlp() {
        var random = RandomStream(seed: 2, dataset: "t", index: 0)
        let mlp = Sequential.mlp(sizes: [3, 8, 5], random: &random)
        #expect(gradientError(of: mlp, input: randomMatrix(rows: 5, cols: 3), step: 1e-3) < Self.tolerance)
    }

    @Test func softmaxCrossEntropy() {
        let logits = randomMatrix(rows: 5, cols: 7, low: -2, high: 2)
        let labels = [0, 3, 6, 2, 2]
        let (_, analytic) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels)
        let numeric = numericGradient(count: logits.values.count, h: 1e-2) { i, delta in
            var z = logits
            z.values[i] += delta
            return SoftmaxCrossEntropy.lossAndGradient(logits: z, labels: labels).loss
        }
        #expect(relativeError(analytic.values, numeric) < Self.tolerance)
    }

    @Test(arguments: [0.0, 1e-3])
    func fourierHead(gamma: Double) throws {
        var random = RandomStream(seed: 3, dataset: "t", index: 0)
        let head = try FourierHeadLayer(inputs: 4, bins: .uniform(12), frequencies: 4, gamma: gamma, random: &random)
        scaleParameters(of: head, by: 100)
        #expect(gradientError(of: head, input: randomMatrix(rows: 5, cols: 4), step: 1e-3) < Self.tolerance)
    }

    @Test func fourierHeadRegulariserAlone() throws {
        // A large γ makes the regulariser dominate, so its gradient is checked on its own terms.
        var random = RandomStream(seed: 4, dataset: "t", index: 0)
        let head = try FourierHeadLayer(inputs: 3, bins: .uniform(10), frequencies: 3, gamma: 10, random: &random)
        scaleParameters(of: head, by: 100)
        #expect(head.regularization == 0)
        #expect(gradientError(of: head, input: randomMatrix(rows: 4, cols: 3), step: 1e-3) < Self.tolerance)
        #expect(head.regularization > 0)
    }

    @Test func fourierHeadNonUniformBins() throws {
        var random = RandomStream(seed: 5, dataset: "t", index: 0)
        let centres = BinCentres(points: [-0.9, -0.7, -0.2, -0.1, 0, 0.05, 0.1, 0.4, 0.95])
        let head = try FourierHeadLayer(inputs: 3, bins: centres, frequencies: 3, gamma: 1e-3, random: &random)
        scaleParameters(of: head, by: 100)
        #expect(gradientError(of: head, input: randomMatrix(rows: 4, cols: 3), step: 1e-3) < Self.tolerance)
    }

    @Test func gmmHead() throws {
        var random = RandomStream(seed: 6, dataset: "t", index: 0)
        let head = try GMMHead(inputs: 4, bins: 10, components: 2, random: &random)
        // Wider components than the 2/m start so that every bin gets a usable gradient.
        head.scales.value.values = [0.3, -0.5]
        #expect(gradientError(of: head, input: randomMatrix(rows: 5, cols: 4), step: 1e-3) < Self.tolerance)
    }

    @Test(arguments: [0.0, 1e-2])
    func fourierMLEHead(gamma: Double) throws {
        var random = RandomStream(seed: 7, dataset: "t", index: 0)
        let head = try FourierMLEHead(inputs: 3, frequencies: 5, gamma: gamma, random: &random)
        for p in head.parameters { p.value.values = p.value.values.map { $0 * 100 } }
        let input = randomMatrix(rows: 6, cols: 3)
        let targets: [Float] = [-0.9, -0.3, 0, 0.2, 0.5, 0.99]
        for p in head.parameters { p.zeroGradient() }
        _ = head.loss(input, targets: targets)
        let inputGradient = head.backward()
        var worst = relativeError(inputGradient.values, numericGradient(count: input.values.count, h: 1e-3) { i, delta in
            var x = input
            x.values[i] += delta
            return head.loss(x, targets: targets)
        })
        for p in head.parameters {
            let numeric = numericGradient(count: p.value.values.count, h: 1e-3) { i, delta in
                let saved = p.value.values[i]
                p.value.values[i] = saved + delta
                defer { p.value.values[i] = saved }
                return head.loss(input, targets: targets)
            }
            worst = max(worst, relativeError(p.gradient.values, numeric))
        }
        #expect(worst < Self.tolerance)
    }
}
