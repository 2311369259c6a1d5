import Foundation
import Learn
import LoomCore

/// Everything a sweep writes after training: the original's per-folder files and our tables and plots.
struct FourierToyReport {
    let sweep: FourierToySweep
    let results: [ToyRunResult]
    let data: [String: ToyData]

    var folder: URL { sweep.folder }
    var summaries: [ToySummary] { ToySummary.make(results) }
    static let datasetTitles = ["gaussian": "Gaussian", "gmm2": "GMM-2", "beta": "Beta", "gmm": "GMM (legacy)"]

    func write() throws {
        let summaries = self.summaries
        try writeTruth()
        try writeModelMetrics()
        try writeRuns()
        try writeResults(summaries)
        try AtomicFile.write(Data(markdown(summaries).utf8), to: folder.appendingPathComponent("results.md"))
        try writePlots(summaries)
        try writeTiming()
    }

    /// `<dataset>/true_<seed>.npy`: the true PMFs of the test rows (float64), as the original saves them.
    func writeTruth() throws {
        for dataset in sweep.options.datasets {
            for seed in sweep.options.seeds {
                let toy = data["\(dataset)/\(seed)"]!
                try Npy.write(toy.truePMFs, shape: [toy.testLabels.count, toy.bins],
                              to: folder.appendingPathComponent("\(dataset)/true_\(seed).npy"))
            }
        }
    }

    /// `model_metrics.json` per head folder: `{seed: {"KL divergence", "MSE", "MSE_argmax"}}`, merged with
    /// the seeds an earlier run left there, as the original's script does.
    func writeModelMetrics() throws {
        var byFolder: [String: [ToyRunResult]] = [:]
        for r in results { byFolder[r.spec.folder, default: []].append(r) }
        for (path, runs) in byFolder {
            let url = folder.appendingPathComponent("\(path)/model_metrics.json")
            var entries: [Int: JSONValue] = [:]
            if let text = try? String(contentsOf: url, encoding: .utf8), case .object(let old)? = try? JSONValue.parse(text) {
                for (key, value) in old { if let seed = Int(key) { entries[seed] = value } }
            }
            for r in runs {
                entries[r.spec.seed] = .object([("KL divergence", .double(r.klDivergence)), ("MSE", .double(r.mse)),
                                                ("MSE_argmax", .double(r.mseArgmax))])
            }
            let json = JSONValue.object(entries.keys.sorted().map { (String($0), entries[$0]!) })
            try AtomicFile.write(Data(json.prettyText.utf8), to: url)
        }
    }

    /// `runs.csv`: one line per run.
    func writeRuns() throws {
        var table = CSVTable(header: ["dataset", "head", "gamma", "frequencies", "seed", "data_seed", "kl", "mse", "mse_argmax",
                                      "smoothness_mean", "final_loss"])
        for r in results {
            let s = r.spec
            table.append([s.dataset, s.head.name, s.head.gammaFolder, String(s.head.frequencies), String(s.seed),
                          String(data["\(s.dataset)/\(s.seed)"]!.dataSeed), num(r.klDivergence), num(r.mse), num(r.mseArgmax),
                          num(r.smoothness.reduce(0, +) / Double(r.smoothness.count)), num(r.finalLoss)])
        }
        try table.write(to: folder.appendingPathComponent("runs.csv"))
    }

    /// `timing.csv`: wall seconds per run. Kept apart from the results, which are byte-identical for a seed.
    func writeTiming() throws {
        var table = CSVTable(header: ["dataset", "head", "gamma", "frequencies", "seed", "seconds"])
        for r in results {
            let s = r.spec
            table.append([s.dataset, s.head.name, s.head.gammaFolder, String(s.head.frequencies), String(s.seed), num(r.seconds)])
        }
        try table.write(to: folder.appendingPathComponent("timing.csv"))
    }

    /// `results.csv`: one line per dataset and head, beside the original's numbers.
    func writeResults(_ summaries: [ToySummary]) throws {
        var table = CSVTable(header: ["dataset", "head", "gamma", "frequencies", "seeds", "kl_mean", "kl_sd", "smoothness_mean",
                                      "smoothness_sd", "mse_mean", "mse_sd", "mse_argmax_mean", "mse_argmax_sd", "paper_kl_mean",
                                      "paper_kl_sd", "paper_smoothness_mean", "paper_smoothness_sd", "kl_within_paper_2sd",
                                      "smoothness_within_paper_2sd"])
        for s in summaries {
            let p = s.paper
            table.append([s.dataset, s.head.name, s.head.gammaFolder, String(s.head.frequencies),
                          s.seeds.map(String.init).joined(separator: " "), num(s.kl.mean), num(s.kl.sd), num(s.smoothness.mean),
                          num(s.smoothness.sd), num(s.mse.mean), num(s.mse.sd), num(s.mseArgmax.mean), num(s.mseArgmax.sd),
                          p.map { num($0.kl.mean) } ?? "", p.map { num($0.kl.sd) } ?? "",
                          p.map { num($0.smoothness.mean) } ?? "", p.map { num($0.smoothness.sd) } ?? "",
                          p.map { String(s.kl.within($0.kl)) } ?? "", p.map { String(s.smoothness.within($0.smoothness)) } ?? ""])
        }
        try table.write(to: folder.appendingPathComponent("results.csv"))
    }

    func markdown(_ summaries: [ToySummary]) -> String {
        let o = sweep.options
        var md = "# Fourier head toy experiment\n\n"
        md += "Reproduction of the synthetic experiment of Gillman et al. (ICLR 2025): MLP 2→64→32→head(\(data.values.first!.bins)) "
        md += "on quantised (x, y), \(o.epochs) epochs, batch \(o.batchSize), Adam lr \(o.learningRate), seeds \(o.seeds.map(String.init).joined(separator: ", ")). "
        md += "KL(true ‖ model) and MSE: mean ± sd over seeds. Smoothness: mean ± sd over all test PMFs of all seeds. "
        md += "*paper*: the original authors' saved results (reference §2.6); ✓ marks our mean within the paper's mean ± 2 sd.\n\n"
        if o.epochs != 500 || o.batchSize != 32 || o.learningRate != 1e-3 {
            md += "*This run does not use the paper's schedule (500 epochs, batch 32, lr 1e-3), so the paper's numbers are only a reference here.*\n\n"
        }
        let headline = summaries.filter { s in
            if case .fourier(12, 0) = s.head { return true }
            if case .fourier = s.head { return false }
            return true
        }
        if headline.contains(where: { $0.head.name == "fourier" }) {
            md += "## Table 1: linear vs GMM vs Fourier (N = 12, γ = 0)\n\n"
            md += "| dataset | head | KL ↓ | KL (paper) | in 2 sd | smoothness ↓ | smoothness (paper) | in 2 sd |\n|---|---|---|---|---|---|---|---|\n"
            for s in headline {
                md += "| \(Self.datasetTitles[s.dataset] ?? s.dataset) | \(s.head.name) | \(pm(s.kl, 3)) | \(s.paper.map { pm($0.kl, 3) } ?? "–") | \(mark(s.kl, s.paper?.kl)) "
                md += "| \(pm(s.smoothness, 4)) | \(s.paper.map { pm($0.smoothness, 4) } ?? "–") | \(mark(s.smoothness, s.paper?.smoothness)) |\n"
            }
            md += "\n"
            for dataset in o.datasets {
                let rows = headline.filter { $0.dataset == dataset }
                guard let fourier = rows.first(where: { $0.head.name == "fourier" }),
                      let linear = rows.first(where: { $0.head.name == "linear" }) else { continue }
                let kl = fourier.kl.mean < linear.kl.mean, smooth = fourier.smoothness.mean < linear.smoothness.mean
                md += "- \(Self.datasetTitles[dataset] ?? dataset): Fourier \(kl ? "beats" : "does not beat") linear on KL "
                md += "and \(smooth ? "beats" : "does not beat") it on smoothness.\n"
            }
            md += "\n"
        }
        for dataset in o.datasets {
            md += "## \(Self.datasetTitles[dataset] ?? dataset)\n\n"
            md += "| head | γ | N | KL ↓ | KL (paper) | smoothness ↓ | smoothness (paper) | MSE | MSE (argmax) |\n"
            md += "|---|---|---|---|---|---|---|---|---|\n"
            for s in summaries where s.dataset == dataset {
                let n = s.head.name == "fourier" ? String(s.head.frequencies) : "–"
                md += "| \(s.head.name) | \(s.head.gammaFolder) | \(n) | \(pm(s.kl, 3)) | \(s.paper.map { pm($0.kl, 3) } ?? "–") "
                md += "| \(pm(s.smoothness, 4)) | \(s.paper.map { pm($0.smoothness, 4) } ?? "–") | \(pm(s.mse, 3)) | \(pm(s.mseArgmax, 3)) |\n"
            }
            md += "\n"
        }
        md += "Plots: `plots/<dataset>_frequencies.svg` (KL and smoothness against N), `plots/<dataset>_pmfs.svg` (learned PMFs against the truth).\n"
        return md
    }

    /// KL and smoothness against N per dataset, and learned PMFs for three test rows.
    func writePlots(_ summaries: [ToySummary]) throws {
        let palette = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b"]
        for dataset in sweep.options.datasets {
            let rows = summaries.filter { $0.dataset == dataset }
            let fourier = rows.filter { $0.head.name == "fourier" }
            let ns = fourier.map { Double($0.head.frequencies) }
            if let low = ns.min(), let high = ns.max() {
                var charts: [SVGChart] = []
                for (title, metric) in [("KL divergence", \ToySummary.kl), ("smoothness", \ToySummary.smoothness)] {
                    var series: [SVGChart.Series] = []
                    for (i, gamma) in sweep.options.gammas.enumerated() {
                        let line = fourier.filter { $0.head.gamma == gamma }
                        let stats = line.map { (Double($0.head.frequencies), $0[keyPath: metric]) }
                        // The original's plots shade ±0.67 sd ("50% CI").
                        series.append(.init(name: "Fourier γ=\(gamma.description)", color: palette[i % palette.count],
                                            points: stats.map { ($0.0, $0.1.mean) },
                                            band: stats.map { ($0.0, $0.1.mean - 0.67 * nz($0.1.sd), $0.1.mean + 0.67 * nz($0.1.sd)) }))
                    }
                    for (name, color) in [("linear", "#d62728"), ("gmm", "#2ca02c")] {
                        if let s = rows.first(where: { $0.head.name == name }) {
                            let value = s[keyPath: metric].mean
                            series.append(.init(name: name, color: color, points: [(low, value), (high, value)], dashed: true, markers: false))
                        }
                    }
                    charts.append(SVGChart(title: "\(Self.datasetTitles[dataset] ?? dataset): \(title)", xLabel: "frequencies N",
                                           yLabel: title, series: series))
                }
                try AtomicFile.write(Data(SVGChart.document(charts).utf8),
                                     to: folder.appendingPathComponent("plots/\(dataset)_frequencies.svg"))
            }
            try writePMFPlot(dataset: dataset)
        }
    }

    /// Learned PMFs of the first seed against the truth for test rows 0, 1 and 2.
    func writePMFPlot(dataset: String) throws {
        guard let seed = sweep.options.seeds.first, let toy = data["\(dataset)/\(seed)"] else { return }
        let runs = results.filter { $0.spec.dataset == dataset && $0.spec.seed == seed }
        let fourier = runs.filter { $0.spec.head.name == "fourier" && $0.spec.head.gamma == 0 }
        let chosen = fourier.first { $0.spec.head.frequencies == 12 } ?? fourier.max { $0.spec.head.frequencies < $1.spec.head.frequencies }
        let shown = runs.filter { $0.spec.head.name != "fourier" } + (chosen.map { [$0] } ?? [])
        let colors = ["linear": "#d62728", "gmm": "#2ca02c", "fourier": "#1f77b4"]
        let m = toy.bins
        let charts = (0..<min(3, toy.testLabels.count)).map { row in
            var series = [SVGChart.Series(name: "truth", color: "#000000",
                                          points: (0..<m).map { (Double($0), toy.truePMFs[row * m + $0]) }, dashed: true, markers: false)]
            for r in shown {
                let name = r.spec.head.name == "fourier" ? "Fourier N=\(r.spec.head.frequencies)" : r.spec.head.name
                series.append(.init(name: name, color: colors[r.spec.head.name]!,
                                    points: (0..<m).map { (Double($0), Double(r.pmfs[row, $0])) }, markers: false))
            }
            return SVGChart(title: "\(Self.datasetTitles[dataset] ?? dataset), seed \(seed), test row \(row)", xLabel: "bin",
                            yLabel: "probability", series: series)
        }
        try AtomicFile.write(Data(SVGChart.document(charts).utf8), to: folder.appendingPathComponent("plots/\(dataset)_pmfs.svg"))
    }

}

/// Shortest round-trip text of a number ("" for NaN).
private func num(_ v: Double) -> String { v.isNaN ? "" : JSONValue.double(v).text }
private func nz(_ v: Double) -> Double { v.isNaN ? 0 : v }

private func pm(_ s: ToySummary.Statistic, _ digits: Int) -> String {
    let sd = s.sd.isNaN ? "n/a" : String(format: "%.\(digits)f", s.sd)
    return String(format: "%.\(digits)f", s.mean) + " ± " + sd
}

private func pm(_ s: (mean: Double, sd: Double), _ digits: Int) -> String {
    String(format: "%.\(digits)f ± %.\(digits)f", s.mean, s.sd)
}

private func mark(_ s: ToySummary.Statistic, _ paper: (mean: Double, sd: Double)?) -> String {
    guard let paper else { return "" }
    return s.within(paper) ? "✓" : "✗"
}
