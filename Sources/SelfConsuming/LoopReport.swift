import Foundation
import LoomCore

/// Tables and the plot of a finished loop experiment, from every run's metrics.
public struct LoopReport: Sendable {
    /// Statistics of one metric over the seeds of one arm at one generation.
    public struct Statistics: Sendable {
        public let mean: Double
        /// Sample standard deviation over seeds (0 for a single seed).
        public let sd: Double
        public let median: Double
        public let seeds: Int
    }

    /// What a summary table shows in each cell.
    public enum Cell: Sendable {
        case meanSD
        case median
    }

    public let series: [RunSeries]
    public let metricNames: [String]
    /// The arms in the order they first appear.
    public let arms: [LoopArm]

    public init(series: [RunSeries], metricNames: [String]) {
        self.series = series
        self.metricNames = metricNames
        var arms: [LoopArm] = []
        for run in series where !arms.contains(run.arm) { arms.append(run.arm) }
        self.arms = arms
    }

    /// Statistics of `metric` for `arm` at `generation` over its seeds.
    public func statistics(_ metric: String, arm: LoopArm, generation: Int) -> Statistics {
        let k = metricNames.firstIndex(of: metric)!
        let values = series.filter { $0.arm == arm && generation < $0.values.count }.map { $0.values[generation][k] }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = values.count > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : 0
        let sorted = values.sorted()
        let median = sorted.isEmpty ? .nan
            : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return Statistics(mean: mean, sd: sd, median: median, seeds: values.count)
    }

    /// One row per (arm, seed, generation) with every metric.
    public var metricsTable: CSVTable {
        var table = CSVTable(header: ["arm", "gamma", "seed", "generation"] + metricNames)
        for run in series {
            let gamma = run.arm.gamma.map { String($0) } ?? ""
            for (t, values) in run.values.enumerated() {
                table.append([run.arm.label, gamma, String(run.seed), String(t)] + values.map { String($0) })
            }
        }
        return table
    }

    /// One row per (arm, metric, generation) with mean, sd, median and the number of seeds.
    public func summaryTable(generations: [Int]) -> CSVTable {
        var table = CSVTable(header: ["arm", "gamma", "metric", "generation", "mean", "sd", "median", "seeds"])
        for arm in arms {
            for metric in metricNames {
                for t in generations {
                    let s = statistics(metric, arm: arm, generation: t)
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
    public func plot(_ metric: String, title: String, yLabel: String, colors: (LoopArm, Int) -> (String, Bool)) -> LinePlot {
        let lines = arms.enumerated().map { i, arm -> LinePlot.Line in
            let length = series.filter { $0.arm == arm }.map(\.values.count).min() ?? 0
            let points = (0..<length).map { (x: Double($0), y: statistics(metric, arm: arm, generation: $0).mean) }
            let (color, dashed) = colors(arm, i)
            return LinePlot.Line(label: arm.label, color: color, dashed: dashed, points: points)
        }
        return LinePlot(title: title, xLabel: "generation", yLabel: yLabel, lines: lines)
    }

    /// `metrics.csv`, `summary.csv`, `summary.md` (the caller's text) and `<metric>.svg` into `folder`.
    public func write(to folder: URL, generations: [Int], markdown: String, plot: LinePlot, plotName: String) throws {
        try metricsTable.write(to: folder.appendingPathComponent("metrics.csv"))
        try summaryTable(generations: generations).write(to: folder.appendingPathComponent("summary.csv"))
        try AtomicFile.write(Data(markdown.utf8), to: folder.appendingPathComponent("summary.md"))
        try AtomicFile.write(Data(plot.svg.utf8), to: folder.appendingPathComponent(plotName))
    }

    /// The generations of `wanted` a run of `last` generations has, plus `last` itself.
    public static func checkpoints(_ wanted: [Int], last: Int) -> [Int] {
        let kept = wanted.filter { $0 <= last }
        return kept.last == last ? kept : kept + [last]
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "nan"
    }

    /// Colours of the reference's figure for the γ arms; grey and black dashes for the baselines.
    public static let palette = ["red", "darkorange", "gold", "green", "lightseagreen", "deepskyblue", "mediumpurple", "magenta",
                                 "saddlebrown", "navy", "olive", "teal"]
}
