import Foundation
import LoomCore
import Testing
@testable import Learn

/// The golden vector of reference fourier-head.md §1.10: N = 2, α = [1, 0.5+0.5i, -0.25+0.1i], m = 4.
@Suite struct FourierGoldenTests {
    /// A head whose linear layer outputs α for any input: zero weights, bias = (Re α, Im α).
    func goldenHead(gamma: Double = 1) throws -> FourierHeadLayer {
        var random = RandomStream(seed: 0, dataset: "golden", index: 0)
        let head = try FourierHeadLayer(inputs: 1, bins: .uniform(4), frequencies: 2, gamma: gamma, random: &random)
        head.parameters[0].value = Matrix(rows: 6, cols: 1)
        head.parameters[1].value = Matrix(rows: 1, cols: 6, values: [1, 0.5, -0.25, 0, 0.5, 0.1])
        return head
    }

    @Test func goldenVector() throws {
        let head = try goldenHead()
        let logits = head.forward(Matrix(rows: 1, cols: 1, values: [0.3]))
        let expectedLogits = [-1.2930871045, -0.6365301088, -1.8201299844, -3.3671509342]
        let expectedP = [0.5488246075, 1.0582304988, 0.3239893830, 0.0689555108]
        let expectedQ = [0.2744123038, 0.5291152494, 0.1619946915, 0.0344777554]
        for l in 0..<4 {
            #expect(abs(Double(logits[0, l]) - expectedLogits[l]) < 1e-6)
            #expect(abs(Double(head.pdfValues[0, l]) - expectedP[l]) < 1e-6)
            #expect(abs((exp(Double(logits[0, l])) - 1e-5) - expectedQ[l]) < 1e-6)
        }
        #expect(abs(head.regularization - 36.56688430603607) < 1e-6 * 36.56688430603607)

        let density = head.densities(Matrix(rows: 1, cols: 1, values: [0.3]))[0]
        let c: [(Double, Double)] = [(1.5725, 0), (0.425, 0.675), (-0.25, 0.1)]
        for k in 0...2 {
            #expect(abs(density.real[k] - c[k].0) < 1e-6 && abs(density.imaginary[k] - c[k].1) < 1e-6)
        }
        let d = density.normalized
        #expect(abs(d[0].real - 0.2702702703) < 1e-6 && abs(d[0].imaginary - 0.4292527822) < 1e-6)
        #expect(abs(d[1].real - -0.1589825119) < 1e-6 && abs(d[1].imaginary - 0.0635930048) < 1e-6)
        for (l, x) in BinCentres.uniform(4).points.enumerated() {
            #expect(abs(density.density(at: x) - expectedP[l]) < 1e-6)
        }
    }

    @Test func regulariserIsLinearInGammaAndMeanOverRows() throws {
        let head = try goldenHead(gamma: 1e-6)
        _ = head.forward(Matrix(rows: 3, cols: 1, values: [0.1, -2, 5]))
        #expect(abs(head.regularization - 36.56688430603607e-6) < 1e-11)
    }

    @Test func densityIsNonNegativeIntegratesToOneAndCDFMatches() throws {
        let density = try goldenHead().densities(Matrix(rows: 1, cols: 1, values: [0]))[0]
        let grid = (0...4000).map { -1 + Double($0) / 2000 }
        let values = grid.map(density.density(at:))
        #expect(abs(values.min()! - 0.01825) < 1e-4)
        // Trapezoid rule on 4000 intervals.
        let integral = (values.reduce(0, +) - (values.first! + values.last!) / 2) / 2000
        #expect(abs(integral - 1) < 1e-6)
        #expect(abs(density.cdf(at: -1)) < 1e-12 && abs(density.cdf(at: 1) - 1) < 1e-12)
        // CDF against the running integral at a few points, and its inverse.
        for x in [-0.5, 0.0, 0.3, 0.8] {
            let upTo = grid.indices.filter { grid[$0] <= x + 1e-12 }
            let partial = zip(upTo.dropFirst(), upTo).reduce(0.0) { $0 + (values[$1.0] + values[$1.1]) / 2 / 2000 }
            #expect(abs(density.cdf(at: x) - partial) < 1e-6)
            #expect(abs(density.quantile(density.cdf(at: x)) - x) < 1e-6)
        }
    }

    @Test func samplesFollowTheDensity() throws {
        let density = try goldenHead().densities(Matrix(rows: 1, cols: 1, values: [0]))[0]
        var random = RandomStream(seed: 11, dataset: "fourier-samples", index: 0)
        let n = 20_000
        let samples = (0..<n).map { _ in density.sample(random: &random) }
        // Fraction below 0 against F(0); sd of a binomial fraction is about 0.0035 here.
        let below = Double(samples.filter { $0 < 0 }.count) / Double(n)
        #expect(abs(below - density.cdf(at: 0)) < 0.015)
        #expect(samples.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func outputIsInvariantToScalingAlpha() throws {
        let head = try goldenHead()
        let x = Matrix(rows: 1, cols: 1, values: [0])
        let before = head.forward(x)
        head.parameters[1].value.values = head.parameters[1].value.values.map { $0 * 0.01 }
        let after = head.forward(x)
        for l in 0..<4 { #expect(abs(before[0, l] - after[0, l]) < 1e-5) }
    }
}
