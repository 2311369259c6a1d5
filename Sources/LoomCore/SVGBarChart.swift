import Foundation

/// A grouped bar chart written as SVG: one group per category, one bar per series, and an
/// optional reference value per bar drawn as a short black tick (e.g. a paper's number).
public struct SVGBarChart: Sendable {
    /// One series: a value per category (nil for none), with optional reference values.
    public struct Series: Sendable {
        /// The legend's name for the series.
        public var name: String
        /// The bars' SVG colour (e.g. `#1f77b4`).
        public var color: String
        /// One bar height per category, nil for no bar.
        public var values: [Double?]
        /// One reference tick per category, nil or missing for none.
        public var references: [Double?]

        /// A series of values with optional references.
        public init(name: String, color: String, values: [Double?], references: [Double?] = []) {
            self.name = name
            self.color = color
            self.values = values
            self.references = references
        }
    }

    /// The title above the plot.
    public var title: String
    /// The y axis label.
    public var yLabel: String
    /// The group names along the x axis.
    public var categories: [String]
    /// The series, one bar each per group.
    public var series: [Series]
    /// What the reference ticks are, for the legend (e.g. "paper").
    public var referenceLabel: String?

    /// A chart of these groups and series.
    public init(title: String, yLabel: String, categories: [String], series: [Series], referenceLabel: String? = nil) {
        self.title = title
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.referenceLabel = referenceLabel
    }

    /// The chart as a standalone SVG document of `width` × `height` pixels; the y axis spans 0 to 1
    /// (or the largest value when above 1; negative values are drawn at 0).
    public func document(width: Double = 860, height: Double = 360) -> String {
        let left = 56.0, top = 30.0, legendWidth = 170.0
        let plotWidth = width - left - legendWidth - 10, plotHeight = height - top - 56
        let top1 = max(1, series.flatMap { $0.values.compactMap { $0 } + $0.references.compactMap { $0 } }.max() ?? 1)
        func py(_ v: Double) -> Double { top + plotHeight - max(0, min(v, top1)) / top1 * plotHeight }
        let groupWidth = plotWidth / Double(max(categories.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<g font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<text x=\"\(f(left + plotWidth / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">\(SVGChart.escape(title))</text>\n"
        for t in SVGChart.ticks(0, top1) {
            s += "<line x1=\"\(f(left - 4))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(SVGChart.label(t))</text>\n"
        }
        s += "<text transform=\"translate(14,\(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGChart.escape(yLabel))</text>\n"
        for (c, category) in categories.enumerated() {
            let x0 = left + Double(c) * groupWidth + groupWidth * 0.1
            for (k, line) in series.enumerated() {
                let x = x0 + Double(k) * barWidth
                if c < line.values.count, let v = line.values[c] {
                    s += "<rect x=\"\(f(x))\" y=\"\(f(py(v)))\" width=\"\(f(barWidth * 0.92))\" height=\"\(f(py(0) - py(v)))\" fill=\"\(line.color)\"/>"
                }
                if c < line.references.count, let r = line.references[c] {
                    s += "<line x1=\"\(f(x))\" x2=\"\(f(x + barWidth * 0.92))\" y1=\"\(f(py(r)))\" y2=\"\(f(py(r)))\" stroke=\"black\" stroke-width=\"2\"/>"
                }
            }
            s += "\n<text x=\"\(f(x0 + groupWidth * 0.4))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(SVGChart.escape(category))</text>\n"
        }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
        let legendLeft = left + plotWidth + 14
        for (i, line) in series.enumerated() {
            let y = top + 14 + Double(i) * 16
            s += "<rect x=\"\(f(legendLeft))\" y=\"\(f(y - 9))\" width=\"14\" height=\"10\" fill=\"\(line.color)\"/>"
            s += "<text x=\"\(f(legendLeft + 20))\" y=\"\(f(y))\">\(SVGChart.escape(line.name))</text>\n"
        }
        if let referenceLabel {
            let y = top + 14 + Double(series.count) * 16
            s += "<line x1=\"\(f(legendLeft))\" x2=\"\(f(legendLeft + 14))\" y1=\"\(f(y - 4))\" y2=\"\(f(y - 4))\" stroke=\"black\" stroke-width=\"2\"/>"
            s += "<text x=\"\(f(legendLeft + 20))\" y=\"\(f(y))\">\(SVGChart.escape(referenceLabel))</text>\n"
        }
        return s + "</g>\n</svg>\n"
    }
}

/// A coordinate with two decimals.
private func f(_ v: Double) -> String { String(format: "%.2f", v) }
