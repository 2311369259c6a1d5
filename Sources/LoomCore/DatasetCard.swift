import Foundation

/// What a generator says about its dataset on the card, the `README.md` of every dataset folder
/// (Hugging Face dataset-card style). The writer adds provenance, the files and a data dictionary
/// of every label with the range it takes in this dataset.
public struct DatasetCard: Sendable {
    /// One row of a card's table: a name and what it is (with units for physical quantities).
    public struct Entry: Sendable, Equatable {
        /// The name in the table's first column (a file, a label, a source).
        public let name: String
        /// What it is, with units for physical quantities.
        public let meaning: String

        /// A row of a name and its meaning.
        public init(_ name: String, _ meaning: String) {
            self.name = name
            self.meaning = meaning
        }
    }

    /// A one-line title.
    public var title: String
    /// What the dataset is, in a paragraph.
    public var summary: String
    /// The paper the dataset reproduces: authors, title, venue, link.
    public var paper: String
    /// Every source asset and its licence.
    public var sources: [Entry]
    /// The generator's own files (path patterns) and what each holds.
    public var files: [Entry]
    /// Every label of the manifest (and column of the generator's tables) and what it means.
    public var labels: [Entry]
    /// Where the dataset differs from the original, and other notes.
    public var notes: [String]
    /// Hugging Face tags.
    public var tags: [String]

    /// A card with its title, summary, paper and tables.
    public init(title: String, summary: String, paper: String, sources: [Entry] = [], files: [Entry] = [],
                labels: [Entry] = [], notes: [String] = [], tags: [String] = []) {
        self.title = title
        self.summary = summary
        self.paper = paper
        self.sources = sources
        self.files = files
        self.labels = labels
        self.notes = notes
        self.tags = tags
    }
}

extension DatasetCard {
    static let name = "README.md"

    /// Writes the card of a finished dataset into `folder` (beside its `dataset.json`), with the
    /// Hugging Face `metadata.jsonl` when its samples are audio or video files.
    static func write<G: DatasetGenerator>(_ generator: G, records: [ManifestRecord], folder: URL) throws {
        let infoURL = folder.appendingPathComponent(DatasetRun.infoName)
        let info = try? JSONValue.parse(String(contentsOf: infoURL, encoding: .utf8))
        let builder = try HuggingFaceMetadata.write(records: records, folder: folder)
        let text = generator.card.markdown(generator: G.name, info: info, records: records, builder: builder)
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
    }

    /// The card's text; it depends on the dataset only (not on the folder's name or place), so
    /// folders made with any `--jobs` or `--shard` stay byte-identical.
    func markdown(generator: String, info: JSONValue?, records: [ManifestRecord], builder: String?) -> String {
        func field(_ key: String) -> String {
            switch info?[key] {
            case .string(let s)?: s
            case .int(let i)?: String(i)
            default: "?"
            }
        }
        let seed = field("seed"), scale = field("scale")
        var md = "---\npretty_name: \"\(title)\"\nlicense: other\n"
        md += "tags:\n" + (["synthetic", "synthloom"] + tags).map { "- \($0)\n" }.joined()
        md += "size_categories:\n- \(Self.sizeCategory(records.count))\n---\n\n"
        md += "# \(title)\n\n\(summary)\n\n**Paper.** \(paper)\n\n"

        md += "## How it was made\n\n"
        md += "Made by SynthLoom's `loom generate \(generator)` (loom \(field("loom_version")), "
        md += "commit `\(BuildInfo.commit)`) with seed \(seed) at scale `\(scale)`: \(records.count) samples. "
        md += "The same command with the same seed makes the same bytes, whatever `--jobs` or `--shard`:\n\n"
        md += "```sh\nloom generate \(generator) --seed \(seed) --scale \(scale)   # plus the options below\n```\n\n"
        md += "Resolved options (also in `dataset.json` under `config`):\n\n```json\n\(info?["config"]?.prettyText ?? "{}")\n```\n\n"

        md += "## Source assets and licences\n\n"
        md += Self.table(["asset", "licence"], (sources.isEmpty
            ? [Entry("everything", "made by SynthLoom's own code; no third-party assets")]
            : sources).map { [$0.name, $0.meaning] })

        md += "## Files\n\n"
        var fileRows = files
        fileRows += [Entry("`dataset.json`", "provenance: generator, loom version, seed, scale, stream key, resolved config, count"),
                     Entry("`manifest.jsonl`", "one JSON line per sample: `index`, `files` (path, bytes, sha256), `labels`"),
                     Entry("`README.md`", "this card")]
        if let builder {
            fileRows.append(Entry("`metadata.jsonl`", "Hugging Face `\(builder)` metadata: `file_name` and every label, one line per sample"))
        }
        md += Self.table(["file", "what it holds"], fileRows.map { [$0.name, $0.meaning] })

        md += "## Data dictionary\n\n"
        md += "`index` (manifest) is the sample number, 0 to \(max(records.count - 1, 0)); sample `index` draws only "
        md += "from its own random stream, keyed by (seed, stream key, index). Labels, in manifest order:\n\n"
        md += Self.table(["label", "type", "in this dataset", "meaning"], labelRows(records))

        if !notes.isEmpty { md += "## Notes\n\n" + notes.map { "- \($0)\n" }.joined() + "\n" }

        md += "## Loading\n\n```python\nimport synthloom            # pip install ./python (in the SynthLoom repo)\n"
        md += "folder = \"path/to/this/folder\"\n"
        md += "ds = synthloom.load(folder)   # ds.labels: the manifest labels as a pandas DataFrame; ds.files(i): paths\n"
        if let builder {
            md += "\nfrom datasets import load_dataset\n"
            md += "hf = load_dataset(\"\(builder)\", data_dir=folder)   # labels from metadata.jsonl\n"
        }
        md += "```\n"
        return md
    }

    /// One row per label: its type and range over the records, and the generator's meaning.
    func labelRows(_ records: [ManifestRecord]) -> [[String]] {
        var names: [String] = []
        for record in records { for (key, _) in record.labels.entries where !names.contains(key) { names.append(key) } }
        return names.map { key in
            let values = records.compactMap { $0.labels[key] }
            let meaning = labels.first { $0.name == key }?.meaning ?? ""
            return ["`\(key)`"] + Self.describe(values) + [meaning]
        }
    }

    /// The type and the range (numbers) or number of distinct values (strings) of a label.
    static func describe(_ values: [LabelValue]) -> [String] {
        let numbers = values.compactMap(\.number)
        if numbers.count == values.count, let low = numbers.min(), let high = numbers.max() {
            let integral = values.allSatisfy { if case .int = $0 { true } else { false } }
            let text = { (x: Double) in integral ? String(Int(x)) : String(format: "%.6g", x) }
            return [integral ? "int" : "float", "\(text(low)) to \(text(high))"]
        }
        if values.allSatisfy({ if case .bool = $0 { true } else { false } }) { return ["bool", "true / false"] }
        return ["string", "\(Set(values.map(\.description)).count) distinct"]
    }

    /// A Markdown table; `|` in a cell is escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: " | ") + " |\n"
        }
        return line(header) + "|" + String(repeating: "---|", count: header.count) + "\n" + rows.map(line).joined() + "\n"
    }

    static func sizeCategory(_ n: Int) -> String {
        switch n {
        case ..<1000: "n<1K"
        case ..<10_000: "1K<n<10K"
        case ..<100_000: "10K<n<100K"
        default: "100K<n<1M"
        }
    }
}

/// The git commit of the source tree `loom` was built from, when that tree is still there.
enum BuildInfo {
    static let commit: String = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        guard let run = try? Subprocess.capture(Subprocess.env, ["git", "-C", source.path, "describe", "--always", "--dirty", "--abbrev=12"])
        else { return "unknown" }
        let text = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return run.succeeded && !text.isEmpty ? text : "unknown (built outside a git checkout)"
    }()
}
