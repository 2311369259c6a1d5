import Foundation

/// A small line chart written as SVG: series with optional shaded bands, axes with ticks, a legend.
/// Every stage's plots use it.
public struct SVGChart: Sendable {
    /// One line of the chart.
    public struct Series: Sendable {
        /// The legend's name for the line.
        public var name: String
        /// The line's SVG colour (e.g. `#1f77b4`).
        public var color: String
        /// The points of the line, in drawing order.
        public var points: [(x: Double, y: Double)]
        /// Shaded band (x, low, high) drawn under the line.
        public var band: [(x: Double, low: Double, high: Double)]
        /// Draws the line dashed.
        public var dashed: Bool
        /// Draws a marker at each point.
        public var markers: Bool

        /// A line with optional band, dashes and markers.
        public init(name: String, color: String, points: [(x: Double, y: Double)],
                    band: [(x: Double, low: Double, high: Double)] = [], dashed: Bool = false, markers: Bool = true) {
            self.name = name
            self.color = color
            self.points = points
            self.band = band
            self.dashed = dashed
            self.markers = markers
        }
    }

    /// The title above the plot.
    public var title: String
    /// The x axis label.
    public var xLabel: String
    /// The y axis label.
    public var yLabel: String
    /// The lines, drawn in order.
    public var series: [Series]
    /// Puts the legend right of the plot instead of inside it (for charts with many lines).
    public var legendOutside: Bool

    /// A chart of these lines.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], legendOutside: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.legendOutside = legendOutside
    }

    static let outsideLegendWidth = 170.0

    /// The chart as an SVG group placed at (left, top) in a width × height box.
    func render(left: Double, top: Double, width: Double, height: Double) -> String {
        let plotLeft = left + 62, plotTop = top + 28, plotHeight = height - 78
        let plotWidth = width - 80 - (legendOutside ? Self.outsideLegendWidth : 0)
        let xs = series.flatMap { $0.points.map(\.x) + $0.band.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }.filter(\.isFinite)
        let (x0, x1) = Self.range(xs.filter(\.isFinite), pad: 0)
        let (y0, y1) = Self.range(ys, pad: 0.05)
        func px(_ x: Double) -> Double { plotLeft + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { plotTop + plotHeight - (y - y0) / (y1 - y0) * plotHeight }
        var s = "<g font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<text x=\"\(f(left + width / 2))\" y=\"\(f(top + 16))\" text-anchor=\"middle\" font-size=\"13\">\(Self.escape(title))</text>\n"
        s += "<rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
        for t in Self.ticks(y0, y1) {
            s += "<line x1=\"\(f(plotLeft - 4))\" x2=\"\(f(plotLeft + plotWidth))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(plotLeft - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(Self.label(t))</text>\n"
        }
        for t in Self.ticks(x0, x1) {
            s += "<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(plotTop + plotHeight))\" y2=\"\(f(plotTop + plotHeight + 4))\" stroke=\"#444\"/>"
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(plotTop + plotHeight + 16))\" text-anchor=\"middle\">\(Self.label(t))</text>\n"
        }
        s += "<text x=\"\(f(plotLeft + plotWidth / 2))\" y=\"\(f(plotTop + plotHeight + 32))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        s += "<text transform=\"translate(\(f(left + 14)),\(f(plotTop + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        for line in series {
            if !line.band.isEmpty {
                let upper = line.band.map { "\(f(px($0.x))),\(f(py($0.high)))" }
                let lower = line.band.reversed().map { "\(f(px($0.x))),\(f(py($0.low)))" }
                s += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(line.color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            }
            let points = line.points.filter { $0.y.isFinite }.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.8\"\(line.dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
            if line.markers {
                for p in line.points where p.y.isFinite {
                    s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2.6\" fill=\"\(line.color)\"/>"
                }
                s += "\n"
            }
        }
        // The legend's left edge: inside the plot's top-right corner, or right of the plot.
        let legendLeft = legendOutside ? plotLeft + plotWidth + 14 : plotLeft + plotWidth - 156
        if !legendOutside {
            s += "<rect x=\"\(f(legendLeft))\" y=\"\(f(plotTop + 2))\" width=\"152\" height=\"\(f(Double(series.count) * 15 + 4))\" fill=\"white\" fill-opacity=\"0.85\"/>\n"
        }
        for (i, line) in series.enumerated() {
            let y = plotTop + 14 + Double(i) * 15
            s += "<line x1=\"\(f(legendLeft + 6))\" x2=\"\(f(legendLeft + 28))\" y1=\"\(f(y - 4))\" y2=\"\(f(y - 4))\" stroke=\"\(line.color)\" stroke-width=\"2\"\(line.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            s += "<text x=\"\(f(legendLeft + 32))\" y=\"\(f(y))\">\(Self.escape(line.name))</text>\n"
        }
        return s + "</g>\n"
    }

    /// Charts side by side in one SVG document.
    public static func document(_ charts: [SVGChart], panelWidth: Double = 420, panelHeight: Double = 320) -> String {
        let width = panelWidth * Double(charts.count)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(panelHeight))\" viewBox=\"0 0 \(f(width)) \(f(panelHeight))\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for (i, chart) in charts.enumerated() {
            s += chart.render(left: Double(i) * panelWidth, top: 0, width: panelWidth, height: panelHeight)
        }
        return s + "</svg>\n"
    }

    static func range(_ values: [Double], pad: Double) -> (Double, Double) {
        guard var low = values.min(), var high = values.max() else { return (0, 1) }
        if pad > 0 { low = min(low, 0) }
        if high - low < 1e-12 { high = low + 1 }
        return (low, high + (high - low) * pad)
    }

    /// About five round tick values in [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = ceil(low / step) * step
        var out: [Double] = []
        while t <= high + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    static func label(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : String(format: "%.3g", v)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A coordinate with two decimals.
private func f(_ v: Double) -> String { String(format: "%.2f", v) }
