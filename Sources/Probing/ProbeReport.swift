import Foundation
import LoomCore

/// The sweep's outputs: `config.json`, `runs.csv` (every probe), `results.csv` and `results.md`
/// (the configuration chosen on validation per concept × representation, its test and validation
/// scores beside the paper's Table 2), `probes.svg`, and `layers.svg` when representations are
/// layers of one model.
struct ProbeReport {
    let sweep: ProbeSweep
    let runs: [ProbeSweep.Run]
    let splits: [(concept: String, split: ProbeSplit)]

    /// The chosen run per cell: the best validation score, the first in grid order on ties.
    var chosen: [ProbeSweep.Run] {
        var best: [String: ProbeSweep.Run] = [:]
        var order: [String] = []
        for run in runs {
            let key = "\(run.concept)/\(run.representation)"
            if let current = best[key] {
                if run.score.validation > current.score.validation { best[key] = run }
            } else {
                best[key] = run
                order.append(key)
            }
        }
        return order.map { best[$0]! }
    }

    func write() throws {
        let folder = sweep.folder
        try AtomicFile.write(Data(config.prettyText.utf8), to: folder.appendingPathComponent("config.json"))
        var all = CSVTable(header: ["concept", "representation", "config", "standardize", "hidden", "batch_size", "learning_rate",
                                    "dropout", "l2", "validation", "test", "steps", "best_step"])
        for run in runs {
            let c = run.config
            all.append([run.concept, run.representation, c.name, String(c.standardize), String(c.hidden), String(c.batchSize),
                        String(c.learningRate), String(c.dropout), String(c.l2), Self.score(run.score.validation),
                        Self.score(run.score.test), String(run.score.steps), String(run.score.bestStep)])
        }
        try all.write(to: folder.appendingPathComponent("runs.csv"))
        var results = CSVTable(header: ["concept", "metric", "representation", "test", "validation", "paper", "config"])
        for run in chosen {
            results.append([run.concept, metric(run.concept), run.representation, Self.score(run.score.test),
                            Self.score(run.score.validation), PaperTable.score(run.representation, run.concept).map(Self.score) ?? "",
                            run.config.name])
        }
        try results.write(to: folder.appendingPathComponent("results.csv"))
        try AtomicFile.write(Data(markdown.utf8), to: folder.appendingPathComponent("results.md"))
        try AtomicFile.write(Data(chart.utf8), to: folder.appendingPathComponent("probes.svg"))
        if !layerGroups.isEmpty {
            try AtomicFile.write(Data(layerChart.utf8), to: folder.appendingPathComponent("layers.svg"))
        }
    }

    var config: JSONValue {
        .object([
            ("stage", .string("probe/syntheory")), ("loom_version", .string(Loom.version)),
            ("seed", .int(Int(truncatingIfNeeded: sweep.seed))),
            ("options", (try? sweep.options.json) ?? .null),
            ("grid", (try? JSONValue.encode(sweep.grid)) ?? .null),
            ("schedule", .object([("evaluate_every_steps", .int(sweep.schedule.interval)), ("patience_evaluations", .int(sweep.schedule.patience)),
                                  ("max_epochs", .int(sweep.schedule.maxEpochs))])),
            ("splits", .object(splits.reduce(into: [(String, JSONValue)]()) { out, entry in
                if !out.contains(where: { $0.0 == entry.concept }) {
                    out.append((entry.concept, .object([("train", .int(entry.split.train.count)), ("validation", .int(entry.split.validation.count)),
                                                        ("test", .int(entry.split.test.count))])))
                }
            })),
            ("scaler", .string("fitted on the training rows only")),
        ])
    }

    var layerGroups: [LayerGroup] { LayerGroup.groups(sweep.representations) }

    var cells: [String: ProbeSweep.Run] {
        Dictionary(chosen.map { ("\($0.concept)/\($0.representation)", $0) }, uniquingKeysWith: { a, _ in a })
    }

    static let colors = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]

    func metric(_ concept: String) -> String { concept == "tempos" ? "r2" : "accuracy" }

    static func score(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Test scores per representation and concept in the paper's layout, then the same with
    /// validation scores, each row followed by the paper's.
    var markdown: String {
        let concepts = sweep.options.concepts
        let cells = self.cells
        let header = "| Representation | " + concepts.map { $0 == "tempos" ? "tempos (R²)" : $0 }.joined(separator: " | ") + " | mean |\n"
            + "|---|" + String(repeating: "---:|", count: concepts.count + 1) + "\n"
        func row(_ name: String, _ values: [Double?]) -> String {
            let present = values.compactMap { $0 }
            let mean = present.count == values.count && !present.isEmpty ? Self.score(present.reduce(0, +) / Double(present.count)) : ""
            return "| \(name) | " + values.map { $0.map(Self.score) ?? "" }.joined(separator: " | ") + " | \(mean) |\n"
        }
        func table(_ pick: (ProbeTrainer.Score) -> Double, label: String) -> String {
            var s = header
            for name in sweep.representations {
                s += row("\(PaperTable.title(name)), ours (\(label))", concepts.map { cells["\($0)/\(name)"].map { pick($0.score) } })
                if PaperTable.score(name, concepts[0]) != nil {
                    s += row("\(PaperTable.title(name)), paper", concepts.map { PaperTable.score(name, $0) })
                }
            }
            return s
        }
        let splitSizes = splits.reduce(into: [String: ProbeSplit]()) { $0[$1.concept] = $1.split }
        var s = "# SynTheory probes\n\n"
        s += "Accuracy (R² for tempos) of the probe configuration chosen on validation, per concept and representation. "
        s += "Grid: \(sweep.options.grid.rawValue) (\(sweep.grid.configs.count) configurations), seed \(sweep.seed), at most \(sweep.schedule.maxEpochs) epochs. "
        s += "Our splits are fixed 70/15/15 (tempos: the original's extrapolation split) and the scaler is fitted on the training rows only; "
        s += "the paper's numbers are validation scores with a scaler fitted on validation data, so compare them with our validation table.\n\n"
        s += "## Test scores (ours) beside the paper's Table 2\n\n" + table({ $0.test }, label: "test")
        s += "\n## Validation scores (ours) beside the paper's Table 2\n\n" + table({ $0.validation }, label: "validation")
        s += "\n## Chosen configuration per cell\n\n| concept | representation | config | steps | train / validation / test rows |\n|---|---|---|---:|---|\n"
        for run in chosen {
            let split = splitSizes[run.concept]
            s += "| \(run.concept) | \(run.representation) | \(run.config.name) | \(run.score.steps) | "
                + (split.map { "\($0.train.count) / \($0.validation.count) / \($0.test.count)" } ?? "") + " |\n"
        }
        for group in layerGroups {
            s += "\n## Per-layer test scores: \(group.model)\n\n| concept | " + group.layers.map { "layer \($0.number)" }.joined(separator: " | ")
                + " |\n|---|" + String(repeating: "---:|", count: group.layers.count) + "\n"
            for concept in concepts {
                s += "| \(concept) | " + group.layers.map { cells["\(concept)/\($0.representation)"].map { Self.score($0.score.test) } ?? "" }
                    .joined(separator: " | ") + " |\n"
            }
        }
        return s
    }

    /// Test score against layer number, one panel per layered model, one line per concept.
    var layerChart: String {
        let concepts = sweep.options.concepts
        let cells = self.cells
        let charts = layerGroups.map { group in
            SVGChart(title: "\(group.model): test score per layer", xLabel: "layer", yLabel: "test score (tempos: R²)",
                     series: concepts.enumerated().map { i, concept in
                         SVGChart.Series(name: concept, color: Self.colors[i % Self.colors.count],
                                         points: group.layers.compactMap { layer in
                                             cells["\(concept)/\(layer.representation)"].map { (x: Double(layer.number), y: $0.score.test) }
                                         })
                     }, legendOutside: true)
        }
        return SVGChart.document(charts, panelWidth: 560)
    }

    /// Test scores per concept, one bar per representation, the paper's value as a tick.
    var chart: String {
        let concepts = sweep.options.concepts
        let cells = self.cells
        let series = sweep.representations.enumerated().map { i, name in
            SVGBarChart.Series(name: PaperTable.title(name), color: Self.colors[i % Self.colors.count],
                               values: concepts.map { cells["\($0)/\(name)"]?.score.test },
                               references: concepts.map { PaperTable.score(name, $0) })
        }
        return SVGBarChart(title: "SynTheory probes: test accuracy (tempos: R²)", yLabel: "test score",
                           categories: concepts, series: series, referenceLabel: "paper (validation)").document()
    }
}
