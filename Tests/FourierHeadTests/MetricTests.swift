import Foundation
import Learn
import LoomCore
import Testing
import TestSupport
@testable import FourierHead

@Suite struct MetricTests {
    /// Reference values of §2.5: uniform 0, one-hot 0.775612 (m = 50) and 0.776394 (m = 18).
    @Test func smoothnessReferenceValues() {
        let smoothness = Smoothness(bins: 50)
        var oneHot = Matrix(rows: 2, cols: 50)
        oneHot[0, 17] = 1
        for l in 0..<50 { oneHot[1, l] = 1.0 / 50 }
        let values = smoothness.values(oneHot)
        #expect(abs(values[0] - 0.775612) < 1e-5)
        #expect(abs(values[1]) < 1e-6)
        var eighteen = Matrix(rows: 1, cols: 18)
        eighteen[0, 0] = 1
        #expect(abs(Smoothness(bins: 18).values(eighteen)[0] - 0.776394) < 1e-5)
    }

    /// Against scipy's `gaussian_filter1d(mode="wrap", radius=m-1)` on random PMFs, when scipy is installed.
    @Test func smoothnessMatchesScipy() throws {
        var random = RandomStream(seed: 5, dataset: "pmfs", index: 0)
        var pmfs = Matrix(rows: 4, cols: 50)
        for r in 0..<4 {
            let raw = (0..<50).map { _ in Float(random.uniform()) }
            let total = raw.reduce(0, +)
            for l in 0..<50 { pmfs[r, l] = raw[l] / total }
        }
        let rows = (0..<4).map { "[" + pmfs.row($0).map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",")
        let script = """
            import numpy as np
            from scipy.ndimage import gaussian_filter1d
            y = np.array([\(rows)], dtype=np.float64)
            w = 6 / (np.pi ** 2 * np.arange(1, 101) ** 2)
            for row in y:
                print(sum(w[s - 1] * np.linalg.norm(row - gaussian_filter1d(row, s, mode="wrap", radius=len(row) - 1)) for s in range(1, 101)))
            """
        let result = TestSupport.runPython(script)
        try #require(result.succeeded, "scipy comparison failed: \(result.stderr)")
        let output = result.stdout
        let expected = output.split(separator: "\n").compactMap { Double($0) }
        let ours = Smoothness(bins: 50).values(pmfs)
        #expect(expected.count == 4)
        for (a, b) in zip(ours, expected) { #expect(abs(a - b) < 1e-6 * max(1, b) + 1e-7) }
    }

    @Test func klDivergenceByHand() {
        // 0.5·log(0.5/0.25) + 0.5·log(0.5/0.75); the zero-probability bin counts 0.
        let model = Matrix(rows: 1, cols: 3, values: [0.25, 0.75, 0])
        let kl = ToyMetrics.klDivergence(truth: [0.5, 0.5, 0], model: model)
        #expect(abs(kl - (0.5 * log(2.0) + 0.5 * log(0.5 / 0.75))) < 1e-6)
        let same = ToyMetrics.klDivergence(truth: [0.2, 0.8, 0, 0], model: Matrix(rows: 2, cols: 2, values: [0.2, 0.8, 0.5, 0.5]))
        // Second row has truth 0 everywhere, so only the first counts, and it matches: KL ≈ 0.
        #expect(abs(same) < 1e-6)
    }

    @Test func squaredErrorsUseBinCentresAndRoundHalfToEven() {
        // Expected index 2.5 rounds to 2 (torch.round), 3.5 to 4.
        let pmfs = Matrix(rows: 2, cols: 6, values: [0, 0, 0.5, 0.5, 0, 0, 0, 0, 0, 0.5, 0.5, 0])
        #expect(ToyMetrics.expectedBins(pmfs) == [2, 4])
        // Centres of 6 bins: -1 + (2l+1)/6; bins 2 vs 4 differ by 2/3.
        let error = ToyMetrics.squaredError(predicted: [2, 4], labels: [4, 4], bins: 6)
        #expect(abs(error - (4.0 / 9) / 2) < 1e-12)
    }

    @Test func pythonFloatFolderNames() {
        #expect(ToyHead.fourier(frequencies: 12, gamma: 1e-6).gammaFolder == "1e-06")
        #expect(ToyHead.fourier(frequencies: 12, gamma: 0).gammaFolder == "0.0")
        #expect(ToyHead.fourier(frequencies: 12, gamma: 1e-4).gammaFolder == "0.0001")
        #expect(ToyRunSpec(dataset: "gmm2", head: .linear, seed: 3).folder == "gmm2/linear/0.0/0")
        #expect(ToyRunSpec(dataset: "beta", head: .gmm(for: "beta"), seed: 3).folder == "beta/gmm/0.0/0")
        #expect(PaperResult.lookup(dataset: "gmm2", head: .fourier(frequencies: 12, gamma: 0))?.kl.mean == 0.146)
        #expect(PaperResult.lookup(dataset: "beta", head: .fourier(frequencies: 20, gamma: 1e-6))?.smoothness.mean == 0.0949)
        #expect(PaperResult.table.count == 66)
    }
}
