import Foundation
import Learn
import LoomCore

/// Embeddings from any model, probed like the handcrafted features: one matrix per concept with an
/// index CSV, a folder of one `.npy` vector per clip, or an extractor program that loom runs on the
/// clips itself (`command`, protocol `loom-extractor/1`, see `EmbeddingExtractor`).
public struct EmbeddingSource: Codable, Sendable, Equatable {
    /// The representation's name in the results (e.g. `musicgen-small-l12`).
    public var name: String
    /// A float32/float64 `.npy` of rows × dimensions; `{concept}` is replaced.
    public var matrix: String?
    /// The CSV beside `matrix`: a `row_id` column, one line per matrix row, in the matrix's order.
    public var index: String?
    /// A folder holding `<row_id>.npy` (a vector) per clip; `{concept}` is replaced.
    public var folder: String?
    /// An extractor program and its arguments, run on every concept's clips (`EmbeddingExtractor`).
    public var command: [String]?
    /// The extractor's layers: each becomes the representation `<name>-<layer>`; none: one, `<name>`.
    public var layers: [String]?
    /// Seconds one batch may take before the extractor is killed (default 600).
    public var timeout: Double?
    /// Whether the extractor stays running and takes batches over the line protocol.
    public var persistent: Bool?
    /// Clips per extractor call (default 32).
    public var batch: Int?

    public init(name: String, matrix: String? = nil, index: String? = nil, folder: String? = nil, command: [String]? = nil,
                layers: [String]? = nil, timeout: Double? = nil, persistent: Bool? = nil, batch: Int? = nil) {
        self.name = name
        self.matrix = matrix
        self.index = index
        self.folder = folder
        self.command = command
        self.layers = layers
        self.timeout = timeout
        self.persistent = persistent
        self.batch = batch
    }

    /// The representations this source yields: `<name>-<layer>` per layer of an extractor, else `<name>`.
    public var representations: [String] { layers.map { $0.map { "\(name)-\($0)" } } ?? [name] }

    /// Throws unless exactly one of `matrix` + `index`, `folder` or `command` is given, with only
    /// an extractor taking layers, timeout, persistent and batch.
    public func validate() throws {
        guard !name.isEmpty, !name.contains("/") else { throw ConfigValueError("embeddings", "give each source a name without '/'") }
        let kinds = [matrix != nil && index != nil, folder != nil, command != nil].filter { $0 }.count
        guard kinds == 1, (matrix == nil) == (index == nil) else {
            throw ConfigValueError("embeddings", "'\(name)': give either matrix and index, folder, or command")
        }
        guard command != nil || (layers == nil && timeout == nil && persistent == nil && batch == nil) else {
            throw ConfigValueError("embeddings", "'\(name)': layers, timeout, persistent and batch belong to an extractor command")
        }
        if let layers, layers.isEmpty || Set(layers).count != layers.count || layers.contains(where: { $0.isEmpty || $0.contains("/") }) {
            throw ConfigValueError("embeddings", "'\(name)': name each layer once, without '/'")
        }
        if let batch, !(1...100_000).contains(batch) {
            throw ConfigValueError("embeddings", "'\(name)': batch must be 1-100000 clips, not \(batch)")
        }
    }

    /// Each representation's embeddings of `table`'s rows, in its order, as rows × dimensions;
    /// an extractor's are kept in `cache` (see `EmbeddingExtractor`).
    func load(for table: SynTheoryTable, root: URL, cache: URL, progress: ProgressStyle) throws -> [(String, Matrix)] {
        guard command != nil else { return [(name, try load(for: table, root: root))] }
        return Array(zip(representations, try EmbeddingExtractor(self).matrices(for: table, cache: cache, progress: progress)))
    }

    /// The embeddings of `table`'s rows, in its order, as rows × dimensions.
    func load(for table: SynTheoryTable, root: URL) throws -> Matrix {
        func resolve(_ path: String) -> URL {
            let p = path.replacingOccurrences(of: "{concept}", with: table.concept.name)
            return p.hasPrefix("/") ? URL(fileURLWithPath: p) : root.appendingPathComponent(p)
        }
        let label = "embeddings '\(name)' for \(table.concept.name)"
        var rows: [[Float]]
        if let matrix, let index {
            let array = try Self.floats(resolve(matrix), label: label)
            guard array.shape.count == 2 else {
                throw LoomError.usage("\(label): \(resolve(matrix).path) has shape \(array.shape); expected rows × dimensions")
            }
            let url = resolve(index)
            guard let text = try? String(contentsOf: url, encoding: .utf8), let csv = CSVTable.parse(text),
                  let column = csv.header.firstIndex(of: "row_id") else {
                throw LoomError.usage("\(label): \(url.path) is not a CSV with a row_id column")
            }
            guard csv.rows.count == array.shape[0] else {
                throw LoomError.usage("\(label): the index has \(csv.rows.count) rows, the matrix \(array.shape[0]); they must match line for line")
            }
            var position: [Int: Int] = [:]
            for (i, line) in csv.rows.enumerated() {
                guard column < line.count, let id = Int(line[column]) else {
                    throw LoomError.usage("\(label): \(url.path) line \(i + 2): row_id is not a number")
                }
                position[id] = i
            }
            let width = array.shape[1]
            rows = try table.rows.map { row in
                guard let i = position[row.rowID] else {
                    throw LoomError.usage("\(label): the index has no row_id \(row.rowID) of \(table.folder.path); embed every row of the dataset")
                }
                return Array(array.values[(i * width)..<((i + 1) * width)])
            }
            if position.count != table.rows.count {
                throw LoomError.usage("\(label): the index has \(position.count) distinct row_ids, the dataset \(table.rows.count) rows")
            }
        } else {
            let folder = resolve(folder ?? "")
            rows = try table.rows.map { row in
                let url = folder.appendingPathComponent("\(row.rowID).npy")
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw LoomError.usage("\(label): \(url.path) is missing; the folder needs <row_id>.npy for every row")
                }
                let array = try Self.floats(url, label: label)
                return array.values
            }
            if let bad = rows.first(where: { $0.count != rows[0].count }) {
                throw LoomError.usage("\(label): vectors of \(bad.count) and \(rows[0].count) values; every clip needs the same size")
            }
        }
        let width = rows.first?.count ?? 0
        let values = rows.flatMap { $0 }
        guard width > 0, values.allSatisfy(\.isFinite) else {
            throw LoomError.usage("\(label): the embeddings are empty or hold NaN or infinity")
        }
        return Matrix(rows: rows.count, cols: width, values: values)
    }

    /// A float32 or float64 array as float32 values.
    static func floats(_ url: URL, label: String) throws -> (shape: [Int], values: [Float]) {
        let array: NpyArray
        do {
            array = try Npy.read(url)
        } catch let error as LoomError {
            throw LoomError.usage("\(label): \(error.description)")
        }
        guard let values = try array.floats() else {
            throw LoomError.usage("\(label): \(url.path) holds \(array.descr); write float32 or float64")
        }
        return (array.shape, values)
    }
}
