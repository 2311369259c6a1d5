import Foundation
import LoomCore
import Testing
@testable import SelfConsuming

@Suite struct ExperimentTests {
    /// The paper-scale toy (8 γ, 10 seeds, 500 generations, assignment corrector): W₂ at generation
    /// 500 falls as γ grows and its spread over seeds shrinks; the ends sit near the reference's
    /// 10-seed values (0.388 at γ = 0, 0.051 at γ = 5).
    @Test func paperToyOrdersByCorrectionStrength() throws {
        let scratch = Scratch("paper-toy")
        defer { scratch.remove() }
        let outcome = try GaussianToy.run(options: GaussianToyOptions.defaults(for: .paper), seed: 0, scale: .paper,
                                          runner: LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet))
        let report = outcome.report
        func final(_ gamma: Double) -> LoopReport.Statistics {
            report.statistics("w2", arm: report.arms.first { $0.gamma == gamma }!, generation: 500)
        }
        let means = [0, 0.03, 0.3, 1, 2, 5].map { final($0).mean }
        #expect(zip(means, means.dropFirst()).allSatisfy { $0 > $1 }, "\(means)")
        #expect(final(0).mean > 0.25 && final(0).mean < 0.55)
        #expect(final(5).mean > 0.03 && final(5).mean < 0.08)
        #expect(final(5).sd < final(0.3).sd && final(0.3).sd < final(0).sd)
    }

    /// Biased refits on own samples only: E[σ²_t] = ((M−1)/M)^(t+1) from real N(0, 1) data
    /// (reference §6.6(a)); 400 seeds, 10 % tolerance (the relative standard error is about 4 %).
    @Test func fullySyntheticMLEVarianceShrinksGeometrically() throws {
        let scratch = Scratch("collapse-mle")
        defer { scratch.remove() }
        var options = GaussianCollapseOptions()
        options.generations = 20
        options.seeds = 400
        options.estimator = .mle
        options.augment = []
        let outcome = try GaussianCollapse.run(options: options, seed: 0, scale: .quick,
                                               runner: LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet))
        let replace = outcome.report.arms.first { $0.label == "replace" }!
        let mean = outcome.report.statistics("variance", arm: replace, generation: 20).mean
        #expect(abs(mean / pow(0.99, 21) - 1) < 0.1, "\(mean)")
    }

    /// Replace collapses (median variance falls, W₂ grows), while accumulating, augmenting or
    /// correcting stays near generation 0 (reference §6.6(a): W₂ 0.93 vs 0.12–0.14 at t = 100).
    @Test func replaceCollapsesAndTheOthersStayStable() throws {
        let scratch = Scratch("collapse")
        defer { scratch.remove() }
        var options = GaussianCollapseOptions()
        options.generations = 100
        options.seeds = 40
        let outcome = try GaussianCollapse.run(options: options, seed: 0, scale: .quick,
                                               runner: LoopRunner(folder: scratch.url, jobs: 2, progress: .quiet))
        let report = outcome.report
        func at(_ label: String, _ metric: String) -> LoopReport.Statistics {
            report.statistics(metric, arm: report.arms.first { $0.label == label }!, generation: 100)
        }
        #expect(at("replace", "variance").median < 0.6)
        #expect(at("replace", "w2").mean > 0.6)
        for label in ["accumulate", "augment-1", "augment-0.5", "replace-gamma-1"] {
            #expect(at(label, "w2").mean < 0.2, "\(label)")
            #expect(abs(at(label, "variance").median - 1) < 0.15, "\(label)")
        }
    }
}
