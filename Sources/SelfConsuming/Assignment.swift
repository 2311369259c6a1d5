/// Minimum-cost perfect matching (the linear assignment problem), as scipy's `linear_sum_assignment`.
enum Assignment {
    /// For an n×n cost matrix (row-major), the column matched to each row; the Hungarian method
    /// with potentials and shortest augmenting paths, O(n³).
    static func solve(costs: [Double], size n: Int) -> [Int] {
        guard n > 0 else { return [] }
        // 1-based as in the classic formulation: column 0 is a virtual start.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)
        var way = [Int](repeating: 0, count: n + 1)
        var minimum = [Double](repeating: 0, count: n + 1)
        var used = [Bool](repeating: false, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column = 0
            for j in 0...n { minimum[j] = .infinity; used[j] = false }
            repeat {
                used[column] = true
                let i = rowOfColumn[column]
                var delta = Double.infinity
                var next = 0
                for j in 1...n where !used[j] {
                    let reduced = costs[(i - 1) * n + (j - 1)] - u[i] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = column }
                    if minimum[j] < delta { delta = minimum[j]; next = j }
                }
                for j in 0...n {
                    if used[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                column = next
            } while rowOfColumn[column] != 0
            repeat {
                let previous = way[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var columnOfRow = [Int](repeating: 0, count: n)
        for j in 1...n { columnOfRow[rowOfColumn[j] - 1] = j - 1 }
        return columnOfRow
    }

    /// Pairs each point of `a` with a distinct point of `b` (same count) so that the sum of
    /// Euclidean distances is least; returns the index into `b` for each point of `a`.
    static func pairing(_ a: PointBatch, _ b: PointBatch) -> [Int] {
        let n = a.count
        var costs = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { costs[i * n + j] = a.squaredDistance(i, to: b, j).squareRoot() } }
        return solve(costs: costs, size: n)
    }
}
