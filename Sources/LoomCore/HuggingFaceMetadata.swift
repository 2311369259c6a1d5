import Foundation

/// The `metadata.jsonl` that Hugging Face's folder loaders read, so that
/// `load_dataset("audiofolder" / "videofolder", data_dir=<dataset>)` sees every sample's labels.
enum HuggingFaceMetadata {
    static let name = "metadata.jsonl"
    /// File extensions of each folder loader, as `datasets` recognises them.
    static let builders: [(builder: String, extensions: Set<String>)] = [
        ("audiofolder", ["wav", "flac", "mp3", "ogg"]),
        ("videofolder", ["mp4", "mkv", "webm", "mov", "avi"]),
    ]

    /// Writes one line per sample, `file_name` (its media file) then `index` and its labels, when
    /// every sample has exactly one file of one loader's kinds; returns that loader's name.
    static func write(records: [ManifestRecord], folder: URL) throws -> String? {
        guard !records.isEmpty else { return nil }
        for (builder, extensions) in builders {
            let media = records.map { record in
                record.files.filter { extensions.contains(($0.path as NSString).pathExtension.lowercased()) }
            }
            guard media.allSatisfy({ $0.count == 1 }) else { continue }
            var text = ""
            for (record, files) in zip(records, media) {
                let members: [(String, JSONValue)] = [("file_name", .string(files[0].path)), ("index", .int(record.index))]
                    + record.labels.entries.filter { $0.key != "file_name" }.map { ($0.key, $0.value.json) }
                text += JSONValue.object(members).text + "\n"
            }
            try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
            return builder
        }
        return nil
    }
}
