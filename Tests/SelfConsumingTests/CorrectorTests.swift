import Foundation
import LoomCore
import Testing
@testable import SelfConsuming

@Suite struct CorrectorTests {
    /// A batch far from the ideal N(0, I₂): N((4, −3), 0.2·I).
    func offTarget(_ count: Int, seed: UInt64) -> PointBatch {
        var random = RandomStream(key: seed)
        return try! GaussianModel(mean: [4, -3], covariance: [0.2, 0, 0, 0.2]).sample(count: count, random: &random)
    }

    func corrector(_ variant: IdealCorrection) -> IdealCorrector {
        IdealCorrector(variant: variant, ideal: GaussianModel.standard(dimension: 2))
    }

    @Test func strengthFractionIsGammaOverOnePlusGamma() {
        #expect(correctionFraction(gamma: 0) == 0)
        #expect(correctionFraction(gamma: 1) == 0.5)
        #expect(abs(correctionFraction(gamma: 5) - 5.0 / 6) < 1e-15)
        #expect(correctionFraction(gamma: .infinity) == 1)
    }

    @Test(arguments: [IdealCorrection.assignment, .replace])
    func zeroStrengthLeavesTheBatchUnchanged(_ variant: IdealCorrection) {
        let batch = offTarget(40, seed: 1)
        var random = RandomStream(key: 2)
        #expect(corrector(variant).correct(batch, gamma: 0, context: someContext, random: &random) == batch)
    }

    @Test func zeroStrengthKMeansLeavesTheBatchUnchanged() throws {
        var random = RandomStream(key: 3)
        let means = try KMeans(fitting: offTarget(30, seed: 4), clusters: 3, random: &random)
        let batch = offTarget(20, seed: 5)
        #expect(KMeansCorrector(means: means).correct(batch, gamma: 0, context: someContext, random: &random) == batch)
    }

    /// At s = 1 (γ = ∞) the corrected samples follow N(0, I₂): mean within 0.08 and covariance
    /// entries within 0.1 over 40 batches of 100, and about 1 − e^{−1/2} of them inside the unit circle.
    @Test(arguments: IdealCorrection.allCases)
    func fullStrengthFollowsTheIdeal(_ variant: IdealCorrection) {
        var all: [Double] = []
        for b in 0..<40 {
            var random = RandomStream(key: 100 + UInt64(b))
            all += corrector(variant).correct(offTarget(100, seed: UInt64(b)), gamma: .infinity, context: someContext, random: &random).values
        }
        let batch = PointBatch(values: all, dimension: 2)
        let (mean, cov) = moments(batch)
        #expect(abs(mean[0]) < 0.08 && abs(mean[1]) < 0.08)
        #expect(abs(cov[0] - 1) < 0.1 && abs(cov[3] - 1) < 0.1 && abs(cov[1]) < 0.1)
        let inside = (0..<batch.count).filter { (i: Int) -> Bool in
            let x = batch.values[2 * i], y = batch.values[2 * i + 1]
            return x * x + y * y < 1
        }.count
        #expect(abs(Double(inside) / Double(batch.count) - (1 - exp(-0.5))) < 0.03)
    }

    /// π_γ is the mixture (1−s)·model + s·ideal: at γ = 1 the mean moves halfway to the ideal's.
    @Test(arguments: IdealCorrection.allCases)
    func halfStrengthMovesHalfTheMass(_ variant: IdealCorrection) {
        var all: [Double] = []
        for b in 0..<40 {
            var random = RandomStream(key: 500 + UInt64(b))
            all += corrector(variant).correct(offTarget(100, seed: 50 + UInt64(b)), gamma: 1, context: someContext, random: &random).values
        }
        let (mean, _) = moments(PointBatch(values: all, dimension: 2))
        #expect(abs(mean[0] - 2) < 0.1 && abs(mean[1] + 1.5) < 0.1)
    }

    @Test func replaceSwapsAboutAFractionSOfTheSamples() {
        let batch = offTarget(4000, seed: 9)
        var random = RandomStream(key: 10)
        let out = corrector(.replace).correct(batch, gamma: 3, context: someContext, random: &random)  // s = 0.75
        let changed = (0..<batch.count).filter { batch[$0] != out[$0] }.count
        #expect(abs(Double(changed) / 4000 - 0.75) < 0.03)  // binomial sd 0.007
    }

    @Test func assignmentPairsEachSampleWithItsPartner() {
        // The interpolation keeps sample order: each output lies between its input and some ideal point,
        // and at γ = ∞ the outputs are a permutation-free pairing (distinct points).
        let batch = offTarget(50, seed: 12)
        var random = RandomStream(key: 13)
        let out = corrector(.assignment).correct(batch, gamma: .infinity, context: someContext, random: &random)
        #expect(Set(out.values).count == out.values.count)
        #expect(out.count == batch.count)
    }

    @Test func mixtureAtZeroStrengthResamplesTheHistogram() {
        // s = 0 is the reference v2's histogram resampling: every new point lies in a cell of the
        // 10×10 grid over the batch's range that holds a batch point.
        let batch = offTarget(60, seed: 14)
        var random = RandomStream(key: 15)
        let out = corrector(.mixture).correct(batch, gamma: 0, context: someContext, random: &random)
        let (low, high) = ((0..<2).map { k in (0..<60).map { batch.values[2 * $0 + k] }.min()! },
                           (0..<2).map { k in (0..<60).map { batch.values[2 * $0 + k] }.max()! })
        func cell(_ p: ArraySlice<Double>) -> [Int] {
            (0..<2).map { k in min(Int((p[p.startIndex + k] - low[k]) / ((high[k] - low[k]) / 10)), 9) }
        }
        let occupied = Set((0..<60).map { cell(batch[$0]) })
        #expect((0..<60).allSatisfy { occupied.contains(cell(out[$0])) })
        #expect(out != batch)
    }

    @Test func hungarianMatchesBruteForce() {
        var random = RandomStream(key: 21)
        func permutations(_ n: Int) -> [[Int]] {
            n == 0 ? [[]] : permutations(n - 1).flatMap { p in (0...p.count).map { var q = p; q.insert(n - 1, at: $0); return q } }
        }
        for n in 1...6 {
            for _ in 0..<20 {
                let costs = (0..<n * n).map { _ in random.uniform() * 10 }
                let best = permutations(n).map { p in (0..<n).reduce(0.0) { $0 + costs[$1 * n + p[$1]] } }.min()!
                let found = Assignment.solve(costs: costs, size: n)
                #expect(Set(found).count == n)
                #expect(abs((0..<n).reduce(0.0) { $0 + costs[$1 * n + found[$1]] } - best) < 1e-9)
            }
        }
    }

    @Test func kMeansFindsSeparatedClustersAndProjectsOntoThem() throws {
        var random = RandomStream(key: 31)
        let centres: [[Double]] = [[-5, 0], [5, 0], [0, 6]]
        var values: [Double] = []
        for i in 0..<300 { let c = centres[i % 3]; values += [c[0] + 0.3 * random.normal(), c[1] + 0.3 * random.normal()] }
        let means = try KMeans(fitting: PointBatch(values: values, dimension: 2), clusters: 3, random: &random)
        for c in centres {
            #expect((0..<3).contains { abs(means.centres[$0].first! - c[0]) < 0.1 && abs(means.centres[$0].last! - c[1]) < 0.1 })
        }
        let batch = PointBatch(values: [-4, 1, 4.5, -0.5, 1, 5], dimension: 2)
        let projected = KMeansCorrector(means: means).correct(batch, gamma: .infinity, context: someContext, random: &random)
        for i in 0..<3 { #expect(abs(projected[i].first! - centres[i][0]) < 0.1 && abs(projected[i].last! - centres[i][1]) < 0.1) }
        #expect(throws: LoomError.self) { try KMeans(fitting: batch, clusters: 4, random: &random) }
    }
}
