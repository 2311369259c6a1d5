import LoomCore

/// The trainer's CSV, as the original's `generate_csv_for_plants_and_balls_from_dir.py` writes it:
/// `video, angle, force, coordx, coordy, frame, fps, seconds, width, height, caption`, angle and
/// force with 4 decimals, rows sorted by angle.
enum ForceBallsTable {
    static let header = ["video", "angle", "force", "coordx", "coordy", "frame", "fps", "seconds",
                         "width", "height", "caption"]

    /// The original builds the CSV from the file names, so its angle and force come from the names'
    /// 4-decimal numbers; ours do too, and running its script on our videos gives the same values.
    static func csv(_ records: [ManifestRecord], forceRange: ClosedRange<Double>) -> CSVTable {
        struct Row {
            let angle: Double
            let index: Int
            let fields: [String]
        }
        var rows: [Row] = []
        for r in records {
            let l = r.labels
            let angleText = ClipNaming.fixed4(l.double("angle") ?? .nan)
            let strength = Double(ClipNaming.fixed4(l.double("strength_n") ?? .nan)) ?? .nan
            let force = (strength - forceRange.lowerBound) / (forceRange.upperBound - forceRange.lowerBound)
            let frames = l.int("frame") ?? 0, fps = l.int("fps") ?? 0
            rows.append(Row(angle: Double(angleText) ?? .nan, index: r.index, fields: [
                l.string("video") ?? "", angleText, ClipNaming.fixed4(force),
                String(l.int("coordx") ?? 0), String(l.int("coordy") ?? 0), String(frames),
                LabelValue.double(Double(fps)).description,
                LabelValue.double(fps > 0 ? Double(frames) / Double(fps) : 0).description,
                String(l.int("width") ?? 0), String(l.int("height") ?? 0), l.string("caption") ?? "",
            ]))
        }
        rows.sort { ($0.angle, $0.index) < ($1.angle, $1.index) }
        var table = CSVTable(header: header)
        for row in rows { table.append(row.fields) }
        return table
    }

    /// The companion table's columns: the labels the trainer does not read, one row per clip in
    /// index order, keyed by `video` like the trainer's CSV.
    static let companionHeader = ["index", "video", "strength_n", "field_angle_deg", "ball", "ground", "camera_zoom",
                                  "distractors", "angle_end_frame", "frames_in_view_training_window"]

    static func companion(_ records: [ManifestRecord]) -> CSVTable {
        var table = CSVTable(header: companionHeader)
        for r in records {
            table.append([String(r.index)] + companionHeader.dropFirst().map { r.labels[$0]?.description ?? "" })
        }
        return table
    }
}
