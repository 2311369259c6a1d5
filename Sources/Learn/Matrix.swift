/// A dense row-major float32 matrix in one flat buffer.
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let cols: Int
    /// The elements, row after row.
    public var values: [Float]

    /// A matrix from its elements in row-major order.
    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "a \(rows)x\(cols) matrix needs \(rows * cols) values, not \(values.count)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix with every element equal to `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        self.init(rows: rows, cols: cols, values: [Float](repeating: value, count: rows * cols))
    }

    /// Element (row, col).
    public subscript(row: Int, col: Int) -> Float {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    /// Row `row` as an array.
    public func row(_ row: Int) -> [Float] {
        Array(values[(row * cols)..<((row + 1) * cols)])
    }

    /// The rows at `indices`, in that order.
    public func gathering(rows indices: some Collection<Int>) -> Matrix {
        var out = [Float]()
        out.reserveCapacity(indices.count * cols)
        values.withUnsafeBufferPointer { v in
            for r in indices { out.append(contentsOf: v[(r * cols)..<((r + 1) * cols)]) }
        }
        return Matrix(rows: indices.count, cols: cols, values: out)
    }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool {
        values.withUnsafeBufferPointer { v in v.allSatisfy { $0.isFinite } }
    }
}
