import Foundation
import Learn
import LoomCore

/// Embeddings computed elsewhere (any model), probed like the handcrafted features: either one
/// matrix per concept with an index CSV, or a folder of one `.npy` vector per clip.
public struct EmbeddingSource: Codable, Sendable, Equatable {
    /// The representation's name in the results (e.g. `musicgen-small-l12`).
    public var name: String
    /// A float32/float64 `.npy` of rows × dimensions; `{concept}` is replaced.
    public var matrix: String?
    /// The CSV beside `matrix`: a `row_id` column, one line per matrix row, in the matrix's order.
    public var index: String?
    /// A folder holding `<row_id>.npy` (a vector) per clip; `{concept}` is replaced.
    public var folder: String?

    public init(name: String, matrix: String? = nil, index: String? = nil, folder: String? = nil) {
        self.name = name
        self.matrix = matrix
        self.index = index
        self.folder = folder
    }

    /// Throws unless exactly one of `matrix` + `index` or `folder` is given.
    public func validate() throws {
        guard !name.isEmpty, !name.contains("/") else { throw ConfigValueError("embeddings", "give each source a name without '/'") }
        guard (matrix != nil && index != nil && folder == nil) || (matrix == nil && index == nil && folder != nil) else {
            throw ConfigValueError("embeddings", "'\(name)': give either matrix and index, or folder")
        }
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
        switch array.descr {
        case "<f4": return (array.shape, try array.values(as: Float.self))
        case "<f8": return (array.shape, try array.values(as: Double.self).map(Float.init))
        default: throw LoomError.usage("\(label): \(url.path) holds \(array.descr); write float32 or float64")
        }
    }
}
