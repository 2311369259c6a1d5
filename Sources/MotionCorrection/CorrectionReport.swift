import Foundation
import LoomCore
import Physics

/// The before/after table of a clean-up: one row per motion, as Markdown and CSV, an SVG of the
/// quality figures per motion, and the folder's README.
struct CorrectionReport {
    let rows: [(name: String, outcome: ClipCorrection)]
    let settings: CorrectionSettings

    /// The four quality figures: name, unit, and how to read them from a `MotionQuality`.
    static let figures: [(name: String, unit: String, value: @Sendable (MotionQuality) -> Double)] = [
        ("penetration", "m", { $0.penetration }), ("floating", "m", { $0.floating }),
        ("skating", "m/s", { $0.skating }), ("jitter", "m/s³", { $0.jitter }),
    ]

    var failed: Int { rows.filter { $0.outcome.failure != nil }.count }

    var csv: CSVTable {
        var header = ["clip", "status", "frames", "root_relative_error_m", "resets"]
        for f in Self.figures { header += ["\(f.name)_before", "\(f.name)_after"] }
        var table = CSVTable(header: header + ["reason"])
        for (name, o) in rows {
            var row = [name, o.failure == nil ? "corrected" : "failed", o.poses.map { "\($0.count)" } ?? "",
                       o.failure == nil ? fmt(o.rootRelativeError) : "", o.failure == nil ? "\(o.resets)" : ""]
            for f in Self.figures { row += [o.before.map { fmt(f.value($0)) } ?? "", o.after.map { fmt(f.value($0)) } ?? ""] }
            table.append(row + [o.failure ?? ""])
        }
        return table
    }

    var markdown: String {
        var s = "| clip | status | error (cm) | resets |" + Self.figures.map { " \($0.name) (\($0.unit)) before → after |" }.joined() + "\n"
        s += "|---|---|---:|---:|" + String(repeating: "---|", count: Self.figures.count) + "\n"
        for (name, o) in rows {
            if let reason = o.failure {
                s += "| \(name) | failed: \(reason.replacingOccurrences(of: "|", with: "/")) | | |" + String(repeating: " |", count: Self.figures.count) + "\n"
                continue
            }
            s += "| \(name) | corrected | \(String(format: "%.1f", o.rootRelativeError * 100)) | \(o.resets) |"
            for f in Self.figures {
                s += " \(o.before.map { fmt(f.value($0)) } ?? "–") → \(o.after.map { fmt(f.value($0)) } ?? "–") |"
            }
            s += "\n"
        }
        return s
    }

    /// One panel per figure: its value before and after for each corrected motion.
    var svg: String {
        let done = rows.enumerated().filter { $0.element.outcome.failure == nil }
        let charts = Self.figures.map { f in
            SVGChart(title: f.name, xLabel: "motion (table order)", yLabel: f.unit, series: [
                .init(name: "before", color: "#d62728",
                      points: done.compactMap { i, r in r.outcome.before.map { (Double(i + 1), f.value($0)) } }),
                .init(name: "after", color: "#1f77b4",
                      points: done.compactMap { i, r in r.outcome.after.map { (Double(i + 1), f.value($0)) } }),
            ])
        }
        return SVGChart.document(charts, panelWidth: 320, panelHeight: 260)
    }

    var readme: String {
        let corrected = rows.count - failed
        let resets = rows.reduce(0) { $0 + $1.outcome.resets }
        return """
            # Motion clean-up (`loom correct motion`)

            \(rows.count) motion\(rows.count == 1 ? "" : "s"): \(corrected) corrected, \(failed) failed; \(resets) fail-safe reset\(resets == 1 ? "" : "s").
            Strength \(settings.strength) body weights (the root helper's force cap), fail-safe \(settings.failSafeError.map { "\($0) m" } ?? "off").
            Each motion was tracked by DeepMimic's humanoid in Bullet (see docs/motion.md); `config.json` has every setting.

            - `clips/<name>.bvh`: the simulated motion on the humanoid's skeleton, at the input's frame times.
            - `clips/<name>.npy`: its link positions, frames × 13 × 3 float32, metres, Y up.
            - `quality.md`, `quality.csv`: per motion the root-relative tracking error, the fail-safe resets, and
              penetration, floating (mean depth or height of the lowest point past 5 mm, m), skating (m/s) and
              jitter (mean jerk of the link positions, m/s³) before and after; failed motions with their reason.
            - `quality.svg`: the four figures per motion, before and after.

            \(markdown)
            """
    }

    func write(into folder: URL) throws {
        try csv.write(to: folder.appendingPathComponent("quality.csv"))
        try AtomicFile.write(Data(markdown.utf8), to: folder.appendingPathComponent("quality.md"))
        try AtomicFile.write(Data(svg.utf8), to: folder.appendingPathComponent("quality.svg"))
        try AtomicFile.write(Data(readme.utf8), to: folder.appendingPathComponent("README.md"))
    }

    private func fmt(_ x: Double) -> String { String(format: "%.4g", x) }
}
