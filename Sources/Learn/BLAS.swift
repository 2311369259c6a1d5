import CBLAS

/// Matrix products through OpenBLAS `cblas_sgemm`, single-threaded: parallelism comes from running
/// independent trainings on separate threads.
public enum BLAS {
    /// Pins OpenBLAS to one thread, once per process.
    static let singleThreaded: Void = openblas_set_num_threads(1)

    /// `c = alpha · op(a) · op(b) + beta · c`, where op transposes when asked.
    public static func gemm(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
                            alpha: Float = 1, beta: Float = 0, into c: inout Matrix) {
        _ = singleThreaded
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let n = transposeB ? b.rows : b.cols
        precondition((transposeB ? b.cols : b.rows) == k && c.rows == m && c.cols == n,
                     "gemm shapes do not fit: \(m)x\(k) · \((transposeB ? b.cols : b.rows))x\(n) into \(c.rows)x\(c.cols)")
        guard m > 0, n > 0 else { return }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha, pa.baseAddress, Int32(max(a.cols, 1)),
                                pb.baseAddress, Int32(max(b.cols, 1)), beta, pc.baseAddress, Int32(max(c.cols, 1)))
                }
            }
        }
    }

    /// `op(a) · op(b)` as a new matrix.
    public static func product(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }
}
