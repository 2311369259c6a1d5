import Foundation
import Learn
import LoomCore
import Testing
@testable import Probing

@Suite struct SplitTests {
    @Test func classificationSplitIsSeventyFifteenFifteenAndFixedBySeed() {
        let split = ProbeSplit(rows: 1000, values: nil, seed: 3)
        #expect(split.train.count == 700 && split.validation.count == 150 && split.test.count == 150)
        #expect(Set(split.train + split.validation + split.test).count == 1000)
        #expect(split == ProbeSplit(rows: 1000, values: nil, seed: 3))
        #expect(split != ProbeSplit(rows: 1000, values: nil, seed: 4))
    }

    @Test func tempoSplitTrainsOnTheMiddleSeventyPercentOfValues() {
        let values = (0..<100).map { Double(($0 * 37) % 100) }
        let split = ProbeSplit(rows: 100, values: values, seed: 0)
        #expect(split.train.count == 70 && split.test.count == 15 && split.validation.count == 15)
        let trainValues = split.train.map { values[$0] }
        #expect(trainValues.min() == 15 && trainValues.max() == 84)
        #expect((split.test + split.validation).allSatisfy { values[$0] < 15 || values[$0] >= 85 })
    }
}

@Suite struct FeaturePoolingTests {
    @Test func momentsAreMeanAndPopulationStdOfOrdersZeroToTwo() {
        // Two dimensions over four frames: x = 0, 1, 4, 9 and y = 2, 2, 2, 2.
        let values: [Float] = [0, 2, 1, 2, 4, 2, 9, 2]
        let m = ClipFeatures.moments(values, width: 2)
        #expect(m.count == 12)
        // order 0: mean (3.5, 2), std (sqrt(12.25 - ...)); order 1: diffs 1, 3, 5; order 2: 2, 2.
        let std0 = (Float(0 + 1 + 16 + 81) / 4 - 3.5 * 3.5).squareRoot()
        let expected: [Float] = [3.5, 2, std0, 0, 3, 0, (Float(1 + 9 + 25) / 3 - 9).squareRoot(), 0, 2, 0, 0, 0]
        for (a, b) in zip(m, expected) { #expect(abs(a - b) < 1e-5) }
    }
}

@Suite struct ProbeTrainerTests {
    /// Three Gaussian blobs in 8 dimensions: a linear probe separates them.
    func blobs(rows: Int) -> (Matrix, [Int]) {
        var random = RandomStream(seed: 1, dataset: "test/blobs", index: 0)
        var values: [Float] = [], labels: [Int] = []
        for r in 0..<rows {
            let label = r % 3
            labels.append(label)
            for d in 0..<8 { values.append(Float(random.normal() * 0.5 + (d == label ? 3 : 0) + 100)) }
        }
        return (Matrix(rows: rows, cols: 8, values: values), labels)
    }

    @Test func linearAndMLPProbesLearnSeparableClasses() throws {
        let (features, labels) = blobs(rows: 300)
        let data = ProbeData(features: features, targets: .classes(labels, names: ["a", "b", "c"]))
        let split = ProbeSplit(rows: 300, values: nil, seed: 0)
        let schedule = EarlyStopping(interval: 8, patience: 20, maxEpochs: 30)
        for hidden in [0, 32] {
            let config = ProbeConfig(standardize: true, hidden: hidden, batchSize: 32, learningRate: 1e-2, dropout: 0.25, l2: 1e-4)
            let score = try ProbeTrainer.run(data, split: split, config: config, schedule: schedule,
                                             random: RandomStream(seed: 0, dataset: "test", index: hidden))
            #expect(score.validation > 0.95)
            #expect(score.test > 0.95)
            let again = try ProbeTrainer.run(data, split: split, config: config, schedule: schedule,
                                             random: RandomStream(seed: 0, dataset: "test", index: hidden))
            #expect(again.test == score.test && again.steps == score.steps)
        }
    }

    @Test func regressionProbeScoresRSquared() throws {
        var random = RandomStream(seed: 2, dataset: "test/regression", index: 0)
        let rows = 400
        var values: [Float] = [], targets: [Float] = []
        for _ in 0..<rows {
            let x = (0..<4).map { _ in Float(random.normal()) }
            values += x
            targets.append(0.5 + 0.1 * (x[0] - 0.5 * x[1]))
        }
        let data = ProbeData(features: Matrix(rows: rows, cols: 4, values: values), targets: .values(targets))
        let split = ProbeSplit(rows: rows, values: nil, seed: 0)
        let config = ProbeConfig(standardize: true, hidden: 0, batchSize: 32, learningRate: 1e-2, dropout: 0, l2: 0)
        let score = try ProbeTrainer.run(data, split: split, config: config, schedule: EarlyStopping(interval: 8, patience: 30, maxEpochs: 60),
                                         random: RandomStream(seed: 0, dataset: "test", index: 0))
        #expect(score.test > 0.95)
        // A constant prediction scores 0 and the truth scores 1.
        let held = ProbeTargets(data.targets, rows: split.test)
        #expect(abs(held.score(Matrix(rows: split.test.count, cols: 1, values: split.test.map { targets[$0] })) - 1) < 1e-9)
    }

    @Test func theScalerSeesTrainingRowsOnly() {
        let data = Matrix(rows: 4, cols: 1, values: [0, 2, 100, 200])
        let scaler = Standardizer(fitting: data.gathering(rows: [0, 1]))
        #expect(scaler.means == [1] && scaler.scales == [1])
        #expect(scaler.apply(data).values == [-1, 1, 99, 199])
    }
}
