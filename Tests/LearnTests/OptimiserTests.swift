import Foundation
import LoomCore
import Testing
@testable import Learn

@Suite struct OptimiserTests {
    /// Two Adam steps on θ = (1, -2) with gradients (0.5, -0.1) then (0.2, 0.3), lr 0.1, by hand:
    /// step 1: m = (0.05, -0.01), v = (2.5e-4, 1e-5), m̂ = g, v̂ = g², θ = (0.900000002, -1.90000001);
    /// step 2: m = (0.065, 0.021), v = (2.8975e-4, 9.999e-5), θ -= (0.1/0.19)·m / (√v/√0.001999 + 1e-8)
    /// giving θ = (0.8101424839, -1.9494189911).
    @Test func adamMatchesHandComputedSteps() {
        let theta = Parameter(name: "theta", value: Matrix(rows: 1, cols: 2, values: [1, -2]))
        let adam = Adam(parameters: [theta], learningRate: 0.1)
        theta.gradient.values = [0.5, -0.1]
        adam.update()
        #expect(abs(theta.value.values[0] - 0.900000002) < 1e-6 && abs(theta.value.values[1] - -1.90000001) < 1e-6)
        adam.zeroGradients()
        #expect(theta.gradient.values == [0, 0])
        theta.gradient.values = [0.2, 0.3]
        adam.update()
        #expect(abs(theta.value.values[0] - 0.8101424839) < 1e-6)
        #expect(abs(theta.value.values[1] - -1.9494189911) < 1e-6)
        #expect(adam.step == 2)
    }

    @Test func pytorchDefaultInitialisation() {
        var a = RandomStream(seed: 5, dataset: "init", index: 0)
        var b = RandomStream(seed: 5, dataset: "init", index: 0)
        var c = RandomStream(seed: 6, dataset: "init", index: 0)
        let first = Linear(inputs: 64, outputs: 32, name: "l", random: &a)
        let again = Linear(inputs: 64, outputs: 32, name: "l", random: &b)
        let other = Linear(inputs: 64, outputs: 32, name: "l", random: &c)
        let bound: Float = 1 / 8
        #expect(first.weight.value.values.allSatisfy { abs($0) <= bound })
        #expect(first.bias.value.values.allSatisfy { abs($0) <= bound })
        // Spread like U(-1/8, 1/8): sd 1/(8√3) ≈ 0.0722.
        let w = first.weight.value.values.map(Double.init)
        let mean = w.reduce(0, +) / Double(w.count)
        let sd = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count - 1)).squareRoot()
        #expect(abs(sd - 0.0722) < 0.004 && abs(mean) < 0.005)
        #expect(first.weight.value == again.weight.value && first.bias.value == again.bias.value)
        #expect(first.weight.value != other.weight.value)
    }

    @Test func fourierHeadInitIsDividedByHundred() throws {
        var random = RandomStream(seed: 1, dataset: "init", index: 0)
        let head = try FourierHeadLayer(inputs: 32, bins: .uniform(50), frequencies: 12, random: &random)
        let bound = 1 / (100 * Float(32).squareRoot())
        #expect(head.parameters.allSatisfy { $0.value.values.allSatisfy { abs($0) <= bound } })
        #expect(head.parameters.map(\.value.rows) == [26, 1])
        #expect(head.parameters.map(\.name) == ["head.fc_extract_autocorrelation_params.weight", "head.fc_extract_autocorrelation_params.bias"])
    }

    @Test func gmmHeadStartsAtTwoOverM() throws {
        var random = RandomStream(seed: 1, dataset: "init", index: 0)
        let head = try GMMHead(inputs: 32, bins: 50, components: 2, random: &random)
        #expect(head.standardDeviations.allSatisfy { abs($0 - 0.04) < 1e-6 })
    }

    @Test func badHeadSettingsAreRejected() {
        var random = RandomStream(seed: 1, dataset: "init", index: 0)
        #expect(throws: LearnError.self) { try FourierHeadLayer(inputs: 4, bins: .uniform(10), frequencies: 0, random: &random) }
        #expect(throws: LearnError.self) { try FourierHeadLayer(inputs: 4, bins: .uniform(10), frequencies: 2, gamma: -1, random: &random) }
        #expect(throws: LearnError.self) { try GMMHead(inputs: 4, bins: 10, components: 0, random: &random) }
    }
}
