import Foundation

/// A line chart as SVG: axes with round ticks, one polyline per series, a legend on the right.
public struct LinePlot: Sendable {
    public struct Line: Sendable {
        public let label: String
        public let color: String
        public let dashed: Bool
        public let points: [(x: Double, y: Double)]

        public init(label: String, color: String, dashed: Bool = false, points: [(x: Double, y: Double)]) {
            self.label = label
            self.color = color
            self.dashed = dashed
            self.points = points
        }
    }

    public let title: String
    public let xLabel: String
    public let yLabel: String
    public let lines: [Line]

    public init(title: String, xLabel: String, yLabel: String, lines: [Line]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.lines = lines
    }

    static let width = 780.0, height = 460.0
    static let left = 70.0, right = 190.0, top = 40.0, bottom = 56.0

    /// The chart as a standalone SVG document.
    public var svg: String {
        let finite = lines.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xMax = Self.niceCeiling(finite.map(\.x).max() ?? 1)
        let yMax = Self.niceCeiling((finite.map(\.y).max() ?? 1) * 1.02)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func px(_ x: Double) -> Double { Self.left + x / xMax * plotWidth }
        func py(_ y: Double) -> Double { Self.top + plotHeight - y / yMax * plotHeight }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Self.f(Self.left + plotWidth / 2))" y="22" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

            """
        for tick in Self.ticks(upTo: xMax) {
            let x = Self.f(px(tick))
            out += "<line x1=\"\(x)\" y1=\"\(Self.f(Self.top))\" x2=\"\(x)\" y2=\"\(Self.f(Self.top + plotHeight))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(x)\" y=\"\(Self.f(Self.top + plotHeight + 18))\" text-anchor=\"middle\">\(Self.label(tick))</text>\n"
        }
        for tick in Self.ticks(upTo: yMax) {
            let y = Self.f(py(tick))
            out += "<line x1=\"\(Self.f(Self.left))\" y1=\"\(y)\" x2=\"\(Self.f(Self.left + plotWidth))\" y2=\"\(y)\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(Self.f(Self.left - 8))\" y=\"\(Self.f(py(tick) + 4))\" text-anchor=\"end\">\(Self.label(tick))</text>\n"
        }
        out += "<rect x=\"\(Self.f(Self.left))\" y=\"\(Self.f(Self.top))\" width=\"\(Self.f(plotWidth))\" height=\"\(Self.f(plotHeight))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(Self.f(Self.left + plotWidth / 2))\" y=\"\(Self.f(Self.height - 14))\" text-anchor=\"middle\" font-size=\"14\">\(Self.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(18 \(Self.f(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">\(Self.escape(yLabel))</text>\n"
        for line in lines {
            let coordinates = line.points.filter { $0.x.isFinite && $0.y.isFinite }
                .map { "\(Self.f(px($0.x))),\(Self.f(py($0.y)))" }.joined(separator: " ")
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.4\"\(dash) points=\"\(coordinates)\"/>\n"
        }
        for (i, line) in lines.enumerated() {
            let y = Self.top + 10 + Double(i) * 18
            let x = Self.left + plotWidth + 14
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(x + 24))\" y2=\"\(Self.f(y))\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash)/>\n"
            out += "<text x=\"\(Self.f(x + 30))\" y=\"\(Self.f(y + 4))\">\(Self.escape(line.label))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// The smallest 1, 2 or 5 × 10^k at or above `value` (1 for non-positive values).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= value * (1 - 1e-12) { return step * power }
        return 10 * power
    }

    /// Five or so round ticks from 0 to `maximum`.
    static func ticks(upTo maximum: Double) -> [Double] {
        let raw = maximum / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw * (1 - 1e-12) } ?? raw
        return stride(from: 0.0, through: maximum * (1 + 1e-9), by: step).map { $0 }
    }

    static func label(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
