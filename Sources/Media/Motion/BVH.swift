import Foundation
import LoomCore

/// One joint of a BVH hierarchy.
public struct BVHJoint: Sendable, Equatable {
    /// The joint's name in the hierarchy.
    public var name: String
    /// The parent joint's index (lower than this joint's), nil for the root.
    public var parent: Int?
    /// The joint's offset from its parent, in the file's units.
    public var offset: [Double]
    /// Channel names in file order: `Xposition`, `Yposition`, `Zposition`, `Xrotation`, `Yrotation`, `Zrotation`.
    public var channels: [String]
    /// The `End Site` offset of a leaf joint.
    public var endSite: [Double]?

    /// A joint of these name, parent, offset and channels.
    public init(name: String, parent: Int?, offset: [Double], channels: [String], endSite: [Double]? = nil) {
        self.name = name
        self.parent = parent
        self.offset = offset
        self.channels = channels
        self.endSite = endSite
    }
}

/// A BVH motion: the hierarchy and the channel values of every frame (rotations in degrees).
public struct BVHMotion: Sendable, Equatable {
    /// The hierarchy, parents before children.
    public var joints: [BVHJoint]
    /// Seconds per frame.
    public var frameTime: Double
    /// `frameCount × channelCount` values, frame after frame, in the hierarchy's channel order.
    public var values: [Double]

    /// A motion of this hierarchy and these frames.
    public init(joints: [BVHJoint], frameTime: Double, values: [Double]) {
        self.joints = joints
        self.frameTime = frameTime
        self.values = values
    }

    /// The number of channels per frame.
    public var channelCount: Int { joints.reduce(0) { $0 + $1.channels.count } }
    /// The number of frames.
    public var frameCount: Int { channelCount == 0 ? 0 : values.count / channelCount }
    /// Each joint's first channel's position in a frame's values.
    public var channelStarts: [Int] {
        var starts: [Int] = [], next = 0
        for joint in joints { starts.append(next); next += joint.channels.count }
        return starts
    }

    /// The channel names BVH defines.
    public static let channelNames: Set<String> = ["Xposition", "Yposition", "Zposition", "Xrotation", "Yrotation", "Zrotation"]
}

/// Reads and writes BVH files (any hierarchy, any channel order).
public enum BVHFile {
    /// Reads a BVH file. A file with one frame line more than its `Frames:` count is read to the
    /// declared count and a warning is returned; anything else malformed is an error naming the file and line.
    public static func read(_ url: URL) throws -> (motion: BVHMotion, warnings: [String]) {
        guard let text = (try? String(contentsOf: url, encoding: .utf8)) ?? (try? String(contentsOf: url, encoding: .isoLatin1)) else {
            throw LoomError.unreadable(path: url.path, reason: "the file cannot be read")
        }
        return try parse(text, path: url.path)
    }

    /// Parses BVH text; `path` names the source in errors.
    public static func parse(_ text: String, path: String) throws -> (motion: BVHMotion, warnings: [String]) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var tokens: [(word: Substring, line: Int)] = []
        var motionLine = lines.count
        for (n, line) in lines.enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.first == "MOTION" { motionLine = n; break }
            tokens += words.map { ($0, n + 1) }
        }
        func fail(_ line: Int, _ message: String) -> LoomError {
            .config(file: path, key: "", line: line, message: message)
        }
        var joints: [BVHJoint] = []
        var k = 0
        func next(_ what: String) throws -> (word: Substring, line: Int) {
            guard k < tokens.count else { throw fail(tokens.last?.line ?? 1, "the hierarchy ends early, expected \(what)") }
            defer { k += 1 }
            return tokens[k]
        }
        func numbers(_ count: Int, _ what: String) throws -> [Double] {
            try (0..<count).map { _ in
                let t = try next(what)
                guard let v = Double(t.word), v.isFinite else { throw fail(t.line, "\(what) has '\(t.word)', not a finite number") }
                return v
            }
        }
        func expect(_ word: String) throws {
            let t = try next("'\(word)'")
            guard t.word == word else { throw fail(t.line, "expected '\(word)', found '\(t.word)'") }
        }
        // Parses a joint body after its name; returns after its closing brace.
        func joint(name: String, parent: Int?, line: Int) throws {
            try expect("{")
            let offsetToken = try next("OFFSET")
            guard offsetToken.word == "OFFSET" else { throw fail(offsetToken.line, "joint \(name) has no OFFSET") }
            let offset = try numbers(3, "the OFFSET of \(name)")
            let channelsToken = try next("CHANNELS")
            guard channelsToken.word == "CHANNELS" else { throw fail(channelsToken.line, "joint \(name) has no CHANNELS line") }
            let countToken = try next("a channel count")
            guard let count = Int(countToken.word), count > 0, count <= 6 else {
                throw fail(countToken.line, "joint \(name) has CHANNELS '\(countToken.word)'; expected a count from 1 to 6")
            }
            var channels: [String] = []
            for _ in 0..<count {
                let t = try next("a channel name")
                guard BVHMotion.channelNames.contains(String(t.word)) else {
                    throw fail(t.line, "joint \(name) declares \(count) channels but lists only \(channels.count) (found '\(t.word)')")
                }
                channels.append(String(t.word))
            }
            let index = joints.count
            joints.append(BVHJoint(name: name, parent: parent, offset: offset, channels: channels))
            while true {
                let t = try next("JOINT, End Site or }")
                switch t.word {
                case "JOINT":
                    let child = try next("a joint name")
                    try joint(name: String(child.word), parent: index, line: child.line)
                case "End":
                    try expect("Site")
                    try expect("{")
                    let o = try next("OFFSET")
                    guard o.word == "OFFSET" else { throw fail(o.line, "the End Site of \(name) has no OFFSET") }
                    joints[index].endSite = try numbers(3, "the End Site OFFSET of \(name)")
                    try expect("}")
                case "}":
                    return
                default:
                    throw fail(t.line, "unexpected '\(t.word)' in joint \(name)")
                }
            }
        }
        try expect("HIERARCHY")
        let rootToken = try next("ROOT")
        guard rootToken.word == "ROOT" else { throw fail(rootToken.line, "expected ROOT, found '\(rootToken.word)'") }
        let rootName = try next("the root's name")
        try joint(name: String(rootName.word), parent: nil, line: rootName.line)
        guard motionLine < lines.count else { throw fail(lines.count, "no MOTION section") }

        var n = motionLine + 1
        func header(_ key: String) throws -> Substring {
            while n < lines.count, lines[n].allSatisfy(\.isWhitespace) { n += 1 }
            guard n < lines.count, lines[n].hasPrefix(key) else { throw fail(n + 1, "expected '\(key)'") }
            defer { n += 1 }
            return lines[n].dropFirst(key.count).drop(while: \.isWhitespace)
        }
        let framesText = try header("Frames:")
        guard let frameCount = Int(framesText.trimmingCharacters(in: .whitespaces)), frameCount > 0 else {
            throw fail(n, "'Frames: \(framesText)' is not a positive count")
        }
        let timeText = try header("Frame Time:")
        guard let frameTime = Double(timeText.trimmingCharacters(in: .whitespaces)), frameTime > 0, frameTime.isFinite else {
            throw fail(n, "'Frame Time: \(timeText)' is not a positive number of seconds")
        }
        let width = joints.reduce(0) { $0 + $1.channels.count }
        var values: [Double] = []
        values.reserveCapacity(frameCount * width)
        var frameLines: [Int] = []
        for m in n..<lines.count where !lines[m].allSatisfy(\.isWhitespace) { frameLines.append(m) }
        var warnings: [String] = []
        if frameLines.count < frameCount {
            throw fail(lines.count, "Frames: says \(frameCount) but the file has \(frameLines.count) frame lines")
        } else if frameLines.count == frameCount + 1 {
            warnings.append("\(path): one frame line more than Frames: \(frameCount); read the declared \(frameCount)")
        } else if frameLines.count > frameCount + 1 {
            throw fail(frameLines[frameCount] + 1, "Frames: says \(frameCount) but the file has \(frameLines.count) frame lines")
        }
        for m in frameLines.prefix(frameCount) {
            let words = lines[m].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == width else {
                throw fail(m + 1, "a frame has \(words.count) values; the hierarchy has \(width) channels")
            }
            for w in words {
                guard let v = Double(w), v.isFinite else { throw fail(m + 1, "a frame has '\(w)', not a finite number") }
                values.append(v)
            }
        }
        return (BVHMotion(joints: joints, frameTime: frameTime, values: values), warnings)
    }

    /// The BVH text of a motion. The hierarchy is written depth first, children in joint order, and
    /// each frame's values in that order, so reading the text back gives the joints in that order.
    public static func text(_ motion: BVHMotion) -> String {
        var out = "HIERARCHY\n"
        var order: [Int] = []
        func number(_ v: Double) -> String { v == 0 ? "0" : "\(v)" }
        func emit(_ index: Int, depth: Int) {
            order.append(index)
            let joint = motion.joints[index]
            let pad = String(repeating: "\t", count: depth)
            out += pad + (joint.parent == nil ? "ROOT " : "JOINT ") + joint.name + "\n" + pad + "{\n"
            out += pad + "\tOFFSET " + joint.offset.map(number).joined(separator: " ") + "\n"
            out += pad + "\tCHANNELS \(joint.channels.count) " + joint.channels.joined(separator: " ") + "\n"
            for child in motion.joints.indices where motion.joints[child].parent == index { emit(child, depth: depth + 1) }
            if let end = joint.endSite {
                out += pad + "\tEnd Site\n" + pad + "\t{\n" + pad + "\t\tOFFSET " + end.map(number).joined(separator: " ") + "\n" + pad + "\t}\n"
            }
            out += pad + "}\n"
        }
        emit(0, depth: 0)
        out += "MOTION\nFrames: \(motion.frameCount)\nFrame Time: \(motion.frameTime)\n"
        let width = motion.channelCount, starts = motion.channelStarts
        let columns = order.flatMap { j in (starts[j]..<(starts[j] + motion.joints[j].channels.count)) }
        for f in 0..<motion.frameCount {
            out += columns.map { number(motion.values[f * width + $0]) }.joined(separator: " ") + "\n"
        }
        return out
    }
}
