import Foundation
import LoomCore
import Testing
@testable import Learn

@Suite struct ClassifierTests {
    /// Rows x ∈ [0, 1) labelled by which of 5 equal intervals holds them.
    func intervals(rows: Int) -> (Matrix, [Int]) {
        var random = RandomStream(seed: 9, dataset: "intervals", index: rows)
        let x = (0..<rows).map { _ in Float(random.uniform()) }
        return (Matrix(rows: rows, cols: 1, values: x), x.map { min(Int($0 * 5), 4) })
    }

    func model(head: String, seed: UInt64) throws -> Classifier {
        var random = RandomStream(seed: seed, dataset: "classifier", index: 0)
        let body = Sequential.mlp(sizes: [1, 16, 8], random: &random)
        let h: any Head = switch head {
        case "fourier": try FourierHeadLayer(inputs: 8, bins: .uniform(5), frequencies: 2, gamma: 1e-6, random: &random)
        case "gmm": try GMMHead(inputs: 8, bins: 5, components: 1, random: &random)
        default: LinearHead(inputs: 8, bins: 5, random: &random)
        }
        return Classifier(body: body, head: h)
    }

    @Test(arguments: ["linear", "fourier", "gmm"])
    func learnsAndIsDeterministic(head: String) throws {
        let (x, y) = intervals(rows: 256)
        var losses: [[Double]] = []
        var finals: [Matrix] = []
        for _ in 0..<2 {
            let classifier = try model(head: head, seed: 1)
            var shuffle = RandomStream(seed: 1, dataset: "shuffle", index: 0)
            var epochLosses: [Double] = []
            try classifier.train(inputs: x, labels: y, epochs: 40, batchSize: 32,
                                 optimizer: Adam(parameters: classifier.parameters, learningRate: 1e-2),
                                 shuffle: &shuffle) { _, loss in epochLosses.append(loss) }
            losses.append(epochLosses)
            finals.append(classifier.logits(x))
        }
        #expect(losses[0] == losses[1] && finals[0] == finals[1])
        #expect(losses[0].count == 40)
        #expect(losses[0].last! < 0.6 * losses[0].first!)
        let accuracy = zip(Categorical.argmax(finals[0]), y).filter { $0 == $1 }.count
        #expect(accuracy > 256 * 7 / 10)
    }

    @Test func nonFiniteTrainingStopsWithStepAndParameter() throws {
        let (x, y) = intervals(rows: 64)
        let classifier = try model(head: "linear", seed: 2)
        var bad = x
        bad.values[5] = .nan
        var shuffle = RandomStream(seed: 1, dataset: "shuffle", index: 0)
        do {
            try classifier.train(inputs: bad, labels: y, epochs: 2, batchSize: 16,
                                 optimizer: Adam(parameters: classifier.parameters), shuffle: &shuffle)
            Issue.record("training on NaN input should stop")
        } catch LearnError.nonFinite(let step, let parameter) {
            #expect(step >= 1 && step <= 4)
            #expect(parameter.contains("layers.0.weight"))
        }
    }

    @Test func categoricalHelpers() {
        let logits = Matrix(rows: 2, cols: 3, values: [0, 1, 2, 5, -1, 0])
        let p = Categorical.softmax(logits)
        #expect(abs(p.row(0).reduce(0, +) - 1) < 1e-6 && abs(p.row(1).reduce(0, +) - 1) < 1e-6)
        #expect(Categorical.argmax(logits) == [2, 0])
        var random = RandomStream(seed: 3, dataset: "categorical", index: 0)
        var counts = [0, 0, 0]
        for _ in 0..<10_000 { counts[Categorical.sample(logits: logits, random: &random)[0]] += 1 }
        // p(2) = e²/(1+e+e²) ≈ 0.665; sd of the fraction ≈ 0.005.
        #expect(abs(Double(counts[2]) / 10_000 - 0.6652) < 0.02)
    }

    @Test func mixedBinsMatchChronos() {
        let bins = MixedUniformBins()
        #expect(bins.segmentTokens.low == 603 && bins.segmentTokens.dense == 3278 && bins.segmentTokens.high == 215)
        #expect(bins.centres.count == 4089)
        #expect(bins.centres.first == -15 && bins.centres.last == 15)
        #expect(abs((bins.centres[1] - bins.centres[0]) - 14.0 / 599) < 1e-12)
        #expect(abs((bins.centres[1000] - bins.centres[999]) - 11.0 / 3276) < 1e-9)
        #expect(bins.bin(of: -100) == 0 && bins.bin(of: 100) == 4088 && bins.bin(of: bins.centres[2000] + 1e-4) == 2000)
        let centres = BinCentres.mixed(bins)
        #expect(centres.count == 4089 && centres.points.first == -1 && centres.points.last == 1)
    }

    /// A Fourier head over the 4089 mixed bins (N = 64): each row's PMF sums to 1 and its argmax and
    /// samples land where the density is largest.
    @Test func fourierHeadOnMixedBins() throws {
        var random = RandomStream(seed: 4, dataset: "mixed-head", index: 0)
        let head = try FourierHeadLayer(inputs: 8, bins: .mixed(MixedUniformBins()), frequencies: 64, random: &random)
        let input = Matrix(rows: 3, cols: 8, values: (0..<24).map { _ in Float(random.uniform(-1, 1)) })
        let logits = head.forward(input)
        let pmf = Categorical.softmax(logits)
        let densities = head.densities(input)
        let points = BinCentres.mixed(MixedUniformBins()).points
        for r in 0..<3 {
            let q = logits.row(r).map { Double(exp($0)) - 1e-5 }
            #expect(abs(q.reduce(0, +) - 1) < 1e-3)
            #expect(abs(pmf.row(r).reduce(0, +) - 1) < 1e-3)
            // The argmax bin is where p is largest among the bin centres.
            let best = Categorical.argmax(logits)[r]
            let top = points.indices.max { densities[r].density(at: points[$0]) < densities[r].density(at: points[$1]) }!
            #expect(best == top)
        }
        // Samples of row 0: their mean bin index within 4 standard errors of the PMF's mean.
        var draws = RandomStream(seed: 5, dataset: "mixed-draws", index: 0)
        let samples = (0..<400).map { _ in Double(Categorical.sample(logits: logits, random: &draws)[0]) }
        let p = pmf.row(0).map(Double.init)
        let mean = p.indices.reduce(0.0) { $0 + Double($1) * p[$1] }
        let sd = p.indices.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) * p[$1] }.squareRoot()
        #expect(abs(samples.reduce(0, +) / 400 - mean) < 4 * sd / 20)
    }
}
