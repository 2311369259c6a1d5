import Foundation
import Synchronization

/// How long work is reported on stderr.
public enum ProgressStyle: Sendable {
    /// Nothing.
    case quiet
    /// A redrawn bar when stderr is a terminal; otherwise a plain line per minute and one at the end.
    case text
    /// One JSON object per line: one per minute and one at the end.
    case json
}

/// Reports done/total, rate and ETA of a long task; safe to call from many threads.
public final class ProgressReporter: Sendable {
    private struct State {
        var done = 0
        var lastDraw = 0.0
    }

    /// Seconds between progress lines when stderr is not a terminal (logs, CI, Slurm).
    static let lineInterval = 60.0

    private let label: String
    private let total: Int
    private let style: ProgressStyle
    private let isTerminal: Bool
    private let start = Date()
    private let state = Mutex(State())

    /// A reporter of `total` steps (negative taken as 0) labelled `label`.
    public init(label: String, total: Int, style: ProgressStyle) {
        self.label = label
        self.total = max(total, 0)
        self.style = style
        isTerminal = isatty(STDERR_FILENO) != 0
    }

    /// Counts `n` more units done.
    public func advance(by n: Int = 1) {
        guard style != .quiet else { return }
        let now = Date().timeIntervalSince(start)
        let line: String? = state.withLock { s in
            s.done += n
            let finished = s.done >= total
            if style == .text && isTerminal {
                guard finished || now - s.lastDraw >= 0.1 else { return nil }
                s.lastDraw = now
                return "\r\u{1B}[2K" + render(done: s.done, elapsed: now) + (finished ? "\n" : "")
            }
            guard finished || now - s.lastDraw >= Self.lineInterval else { return nil }
            s.lastDraw = now
            if style == .json {
                let rate = Double(s.done) / max(now, 1e-9)
                return JSONValue.object([
                    ("event", .string("progress")), ("task", .string(label)), ("done", .int(s.done)),
                    ("total", .int(total)), ("rate", .double((rate * 100).rounded() / 100)),
                    ("elapsed_s", .double((now * 100).rounded() / 100)),
                ]).text + "\n"
            }
            return render(done: s.done, elapsed: now) + "\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Prints a one-off message in the chosen style.
    public static func note(_ message: String, style: ProgressStyle) {
        switch style {
        case .quiet: return
        case .text: FileHandle.standardError.write(Data((message + "\n").utf8))
        case .json:
            let line = JSONValue.object([("event", .string("note")), ("message", .string(message))]).text
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private func render(done: Int, elapsed: Double) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return "\(label) [\(bar)] \(Int(fraction * 100))% (\(done)/\(total)) \(Self.format(rate))/s ETA \(Self.duration(eta))"
    }

    static func format(_ rate: Double) -> String {
        rate >= 100 ? String(Int(rate)) : String(format: "%.2f", rate)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
