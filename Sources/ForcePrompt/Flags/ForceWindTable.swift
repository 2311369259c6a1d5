import LoomCore

/// The trainer's CSV, as the original's `generate_csv_from_dir.py` writes it (reference §4.3):
/// `video, wind_speed, wind_angle, frame, fps, seconds, caption`, wind_speed min-max normalised over
/// the clips listed (4 decimals), rows sorted by speed.
enum ForceWindTable {
    static let header = ["video", "wind_speed", "wind_angle", "frame", "fps", "seconds", "caption"]

    /// The original builds the CSV from the file names, so speed and angle come from the names'
    /// 1-decimal numbers; ours do too. Also returns the speed range normalised over.
    static func csv(_ records: [ManifestRecord]) -> (csv: CSVTable, speedRange: ClosedRange<Double>) {
        struct Row {
            let speed: Double
            let index: Int
            let labels: Labels
        }
        let rows = records.map { r in
            Row(speed: Double(FlagNaming.fixed1(r.labels.double("wind_speed") ?? .nan)) ?? .nan, index: r.index, labels: r.labels)
        }.sorted { ($0.speed, $0.index) < ($1.speed, $1.index) }
        let low = rows.map(\.speed).min() ?? 0, high = rows.map(\.speed).max() ?? 0
        var table = CSVTable(header: header)
        for row in rows {
            let l = row.labels
            let normalised = high > low ? (row.speed - low) / (high - low) : 0
            let frames = l.int("frame") ?? 0, fps = l.int("fps") ?? 0
            table.append([
                l.string("video") ?? "", ClipNaming.fixed4(normalised), FlagNaming.fixed1(l.double("wind_angle") ?? .nan),
                String(frames), LabelValue.double(Double(fps)).description,
                LabelValue.double(fps > 0 ? Double(frames) / Double(fps) : 0).description, l.string("caption") ?? "",
            ])
        }
        return (table, low...max(low, high))
    }
}
