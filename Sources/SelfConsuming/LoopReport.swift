import Foundation
import LoomCore

/// Tables and the plot of a finished loop experiment, from every run's metrics.
public struct LoopReport: Sendable {
    /// Statistics of one metric over the seeds of one arm at one generation.
    public struct Statistics: Sendable {
        /// Mean over seeds.
        public let mean: Double
        /// Sample standard deviation over seeds (0 for a single seed).
        public let sd: Double
        /// Median over seeds.
        public let median: Double
        /// The number of seeds.
        public let seeds: Int
    }

    /// What a summary table shows in each cell.
    public enum Cell: Sendable {
        case meanSD
        case median
    }

    /// Every run's metrics.
    public let series: [RunSeries]
    /// The metric names, in the order of each row of values.
    public let metricNames: [String]
    /// The arms in the order they first appear.
    public let arms: [LoopArm]
    /// The runs of each arm, in the order of `arms`.
    let runsOfArm: [[RunSeries]]

    /// Groups the runs by arm, in the order the arms first appear.
    public init(series: [RunSeries], metricNames: [String]) {
        self.series = series
        self.metricNames = metricNames
        var arms: [LoopArm] = []
        var runs: [[RunSeries]] = []
        for run in series {
            if let i = arms.firstIndex(of: run.arm) { runs[i].append(run) } else { arms.append(run.arm); runs.append([run]) }
        }
        self.arms = arms
        runsOfArm = runs
    }

    /// Statistics of `metric` for `arm` at `generation` over its seeds.
    public func statistics(_ metric: String, arm: LoopArm, generation: Int) -> Statistics {
        guard let a = arms.firstIndex(of: arm), let k = metricNames.firstIndex(of: metric) else {
            return Statistics(mean: .nan, sd: .nan, median: .nan, seeds: 0)
        }
        return statistics(metric: k, runs: runsOfArm[a], generation: generation)
    }

    func statistics(metric k: Int, runs: [RunSeries], generation: Int) -> Statistics {
        let values = runs.filter { generation < $0.values.count }.map { $0.values[generation][k] }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = values.count > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : 0
        let sorted = values.sorted()
        let median = sorted.isEmpty ? .nan
            : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return Statistics(mean: mean, sd: sd, median: median, seeds: values.count)
    }

    /// Writes one CSV row per (arm, seed, generation) with every metric, streaming (it can hold millions of rows).
    public func writeMetricsTable(to url: URL) throws {
        try AtomicFile.produce(url) { temp in
            guard FileManager.default.createFile(atPath: temp.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temp.path)
            else { throw LoomError.unwritable(path: url.path, reason: "cannot create the file") }
            defer { try? handle.close() }
            var text = (["arm", "gamma", "seed", "generation"] + metricNames).joined(separator: ",") + "\n"
            for run in series {
                let prefix = CSVTable.quote(run.arm.label) + "," + (run.arm.gamma.map { String($0) } ?? "") + "," + String(run.seed) + ","
                for (t, values) in run.values.enumerated() {
                    text += prefix + String(t)
                    for value in values { text += "," + String(value) }
                    text += "\n"
                }
                if text.utf8.count > 1 << 20 {
                    try handle.write(contentsOf: Data(text.utf8))
                    text = ""
                }
            }
            try handle.write(contentsOf: Data(text.utf8))
        }
    }

    /// One row per (arm, metric, generation) with mean, sd, median and the number of seeds.
    public func summaryTable(generations: [Int]) -> CSVTable {
        var table = CSVTable(header: ["arm", "gamma", "metric", "generation", "mean", "sd", "median", "seeds"])
        for (arm, runs) in zip(arms, runsOfArm) {
            for (k, metric) in metricNames.enumerated() {
                for t in generations {
                    let s = statistics(metric: k, runs: runs, generation: t)
                    table.append([arm.label, arm.gamma.map { String($0) } ?? "", metric, String(t),
                                  String(s.mean), String(s.sd), String(s.median), String(s.seeds)])
                }
            }
        }
        return table
    }

    /// A Markdown table of `metric`: a row per arm, a column per generation.
    public func markdown(_ metric: String, generations: [Int], cell: Cell) -> String {
        var out = "| arm | " + generations.map { "t = \($0)" }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: generations.count) + "\n"
        for arm in arms {
            let cells = generations.map { t -> String in
                let s = statistics(metric, arm: arm, generation: t)
                switch cell {
                case .meanSD: return Self.format(s.mean) + " ± " + Self.format(s.sd)
                case .median: return Self.format(s.median)
                }
            }
            out += "| \(arm.label) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The mean of `metric` over seeds at every generation, per arm, as a line plot.
    public func plot(_ metric: String, title: String, yLabel: String, colors: (LoopArm, Int) -> (String, Bool)) -> SVGChart {
        let k = metricNames.firstIndex(of: metric)!
        let lines = arms.enumerated().map { i, arm -> SVGChart.Series in
            let runs = runsOfArm[i]
            let length = runs.map(\.values.count).min() ?? 0
            let points = (0..<length).map { t in (x: Double(t), y: runs.reduce(0) { $0 + $1.values[t][k] } / Double(runs.count)) }
            let (color, dashed) = colors(arm, i)
            return SVGChart.Series(name: arm.label, color: color, points: points, dashed: dashed, markers: false)
        }
        return SVGChart(title: title, xLabel: "generation", yLabel: yLabel, series: lines, legendOutside: true)
    }

    /// `metrics.csv`, `summary.csv`, `summary.md` (the caller's text) and `<metric>.svg` into `folder`.
    public func write(to folder: URL, generations: [Int], markdown: String, plot: SVGChart, plotName: String) throws {
        try writeMetricsTable(to: folder.appendingPathComponent("metrics.csv"))
        try summaryTable(generations: generations).write(to: folder.appendingPathComponent("summary.csv"))
        try AtomicFile.write(Data(markdown.utf8), to: folder.appendingPathComponent("summary.md"))
        try AtomicFile.write(Data(SVGChart.document([plot], panelWidth: 780, panelHeight: 460).utf8),
                             to: folder.appendingPathComponent(plotName))
    }

    /// The generations of `wanted` a run of `last` generations has, plus `last` itself.
    public static func checkpoints(_ wanted: [Int], last: Int) -> [Int] {
        let kept = wanted.filter { $0 <= last }
        return kept.last == last ? kept : kept + [last]
    }

    /// `value` with three decimals, or `nan` when it is not finite.
    public static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "nan"
    }

    /// Colours of the reference's figure for the γ arms; grey and black dashes for the baselines.
    public static let palette = ["red", "darkorange", "gold", "green", "lightseagreen", "deepskyblue", "mediumpurple", "magenta",
                                 "saddlebrown", "navy", "olive", "teal"]
}
