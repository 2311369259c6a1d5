import ArgumentParser
import ForcePrompt
import Foundation
import LoomCore
import Media

/// `loom control`: the control signals the Force Prompting trainer builds from a dataset's labels.
struct Control: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build Force Prompting control signals from labels, to check a label by eye or to precompute them.",
        subcommands: [ControlPoint.self, ControlWind.self]
    )

    /// Writes a control signal to `out`: `.npy` through `npy`, or `.mp4` for viewing, an 8 fps H.264
    /// clip of `frames` images, as the trainer writes one.
    static func write(_ out: String, npy: (URL) throws -> Void, frames: Int, image: (Int) -> RGBImage) throws {
        let url = URL(fileURLWithPath: out)
        // A killed earlier run may have left its half-written temporary beside the output.
        let parent = url.deletingLastPathComponent()
        AtomicFile.removeStrayTemporaries(in: parent, live: ProcessIdentity.liveOwnersOnThisHost(in: parent), depth: 1)
        switch url.pathExtension.lowercased() {
        case "npy": try npy(url)
        case "mp4": try writeVideo(url, frames: frames, image: image)
        default: throw LoomError.usage("--out \(out): give a file ending in .npy or .mp4")
        }
    }

    private static func writeVideo(_ url: URL, frames: Int, image: (Int) -> RGBImage) throws {
        try AtomicFile.produce(url) { temp in
            let first = image(0)
            let writer = try VideoWriter(url: temp, width: first.width, height: first.height, fps: 8, crf: 18,
                                         preset: "medium", threads: 1)
            try writer.append(first)
            for k in 1..<frames { try writer.append(image(k)) }
            try writer.finish()
        }
    }
}

/// The options every `loom control` command shares: a trainer CSV row to read, and the output file.
struct ControlFile: ParsableArguments {
    @Option(name: .customLong("from-csv"), help: "A trainer CSV (force_balls.csv, force_wind.csv) to take the numbers from.",
            completion: .file(extensions: ["csv"]))
    var fromCSV: String?

    @Option(help: "The CSV's data row, counting from 0 (with --from-csv).")
    var row: Int?

    @Option(help: "Output file: .npy or .mp4.")
    var out: String = "control.npy"

    @OptionGroup var log: LogOptions

    /// The CSV and row to read, or nil when the numbers come from flags: `numbers` names those flags
    /// in messages, `numbersGiven` says whether any of them was given.
    func csvRow(numbers: String, numbersGiven: Bool) throws -> (path: String, row: Int)? {
        guard let fromCSV else {
            if row != nil { throw LoomError.usage("--row goes with --from-csv") }
            return nil
        }
        guard !numbersGiven else { throw LoomError.usage("give either --from-csv with --row, or \(numbers), not both") }
        guard let row else { throw LoomError.usage("--from-csv needs --row N (the data row, counting from 0)") }
        return (fromCSV, row)
    }
}

/// `loom control point`: the moving Gaussian blob of a point force.
struct ControlPoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "The point-force control: 49 x 3 x 480 x 720, one Gaussian blob moving from the poke pixel along the force.",
        discussion: """
            Exactly what the trainer computes (reference section 5.2): the blob (sigma 20 px, peak 1, on 0, the same in all three channels) starts at (coordx / width, 1 - coordy / height) of the 720x480 frame and moves at constant speed, 90 + 270 * force pixels in all over 49 frames, toward angle degrees (counter-clockwise from image right, 90 = up).

            Give --angle, --force, --coordx and --coordy, or --from-csv with --row; with a CSV the force is re-normalised by the CSV's smallest and largest force, as the trainer does.

            Output (--out): FILE.npy, float32 of shape (49, 3, 480, 720), 203 MB; or FILE.mp4, an 8 fps greyscale video of the blob (the trainer writes the same for viewing).
            """
    )

    @Option(help: "Force direction in degrees, counter-clockwise from image right.")
    var angle: Double?

    @Option(help: "Normalised force in [0, 1].")
    var force: Double?

    @Option(help: "Poke pixel column, from the left.")
    var coordx: Double?

    @Option(help: "Poke pixel row, from the bottom.")
    var coordy: Double?

    @Option(help: "Width of the image coordx refers to.")
    var width: Double = 720

    @Option(help: "Height of the image coordy refers to.")
    var height: Double = 480

    @OptionGroup var file: ControlFile

    func run() throws {
        let control = try makeControl()
        try Control.write(file.out, npy: control.writeNpy, frames: PointControl.frames) { control.image($0) }
        let start = control.start
        ProgressReporter.note("\(file.out): blob from (\(fmt(start.x)), \(fmt(start.y))) px, \(fmt(control.travel)) px toward \(fmt(control.angle))°",
                      style: .text)
    }

    func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    func makeControl() throws -> PointControl {
        if let csv = try file.csvRow(numbers: "--angle, --force, --coordx and --coordy",
                                     numbersGiven: [angle, force, coordx, coordy].contains { $0 != nil }) {
            return try Self.control(csv: csv.path, row: csv.row)
        }
        guard let angle, let force, let coordx, let coordy else {
            throw LoomError.usage("give --angle, --force, --coordx and --coordy (or --from-csv CSV --row N)")
        }
        guard [angle, coordx, coordy].allSatisfy(\.isFinite) else {
            throw LoomError.usage("--angle, --coordx and --coordy must be finite numbers")
        }
        guard (0...1).contains(force) else { throw LoomError.usage("--force must be a normalised force in [0, 1], not \(force)") }
        guard width > 0, height > 0 else { throw LoomError.usage("--width and --height must be positive") }
        return PointControl(angle: angle, force: force, coordx: coordx, coordy: coordy, imageWidth: width, imageHeight: height)
    }

    /// The control the trainer builds for data row `row` of a CSV.
    static func control(csv path: String, row: Int) throws -> PointControl {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LoomError.usage("--from-csv \(path): cannot read the file")
        }
        guard let table = CSVTable.parse(text) else { throw LoomError.usage("--from-csv \(path): not a CSV file") }
        func column(_ name: String) throws -> Int {
            guard let i = table.header.firstIndex(of: name) else {
                throw LoomError.usage("--from-csv \(path): no '\(name)' column; expected the trainer's columns angle, force, coordx, coordy, width, height")
            }
            return i
        }
        let (a, f, x, y, w, h) = (try column("angle"), try column("force"), try column("coordx"), try column("coordy"),
                                  try column("width"), try column("height"))
        guard (0..<table.rows.count).contains(row) else {
            throw LoomError.usage("--row \(row): \(path) has \(table.rows.count) data rows (0 to \(table.rows.count - 1))")
        }
        func number(_ r: Int, _ c: Int) throws -> Double {
            guard let v = Double(table.rows[r][c]) else {
                throw LoomError.usage("--from-csv \(path): row \(r), column '\(table.header[c])' is not a number: '\(table.rows[r][c])'")
            }
            return v
        }
        let forces = try (0..<table.rows.count).map { try number($0, f) }
        let low = forces.min() ?? 0, high = forces.max() ?? 1
        // The trainer re-normalises by the dataset's range; a single-valued column is left as it is.
        let force = high > low ? (forces[row] - low) / (high - low) : forces[row]
        return PointControl(angle: try number(row, a), force: force, coordx: try number(row, x), coordy: try number(row, y),
                            imageWidth: try number(row, w), imageHeight: try number(row, h))
    }
}
