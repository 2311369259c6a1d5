import CBLAS

/// Eigen-decomposition of a symmetric matrix by LAPACK's `dsyevd` (in OpenBLAS).
public enum SymmetricEigen {
    /// The eigenvalues in ascending order and the eigenvectors as the rows of `vectors`
    /// (row i belongs to value i) of the n×n symmetric `matrix` (row-major; only its upper triangle is read).
    public static func decompose(_ matrix: [Double], size n: Int) throws -> (values: [Double], vectors: [Double]) {
        precondition(matrix.count == n * n, "an \(n)×\(n) matrix needs \(n * n) values")
        _ = BLAS.singleThreaded
        guard n > 0 else { return ([], []) }
        // Row-major upper triangle = column-major lower triangle; the column-major eigenvectors are our rows.
        var a = matrix, values = [Double](repeating: 0, count: n)
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "L"))
        var size = Int32(n), lda = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1, workQuery = 0.0, iworkQuery: Int32 = 0
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &values, &workQuery, &lwork, &iworkQuery, &liwork, &info)
        lwork = Int32(workQuery)
        liwork = iworkQuery
        var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &values, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw LearnError.invalidArgument("the eigen-decomposition of a \(n)×\(n) matrix failed (LAPACK info \(info))") }
        return (values, a)
    }
}
