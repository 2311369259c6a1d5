import Foundation

/// The sinusoidal embedding of a diffusion step (Vaswani et al.; MDM's `PositionalEncoding`):
/// `[sin(t·f₀), …, sin(t·f_{h−1}), cos(t·f₀), …]` with f_i = 10000^(−i/h), h = size/2.
public enum TimeEmbedding {
    /// One row of `size` (even) values per time.
    public static func encode(_ times: [Double], size: Int) -> Matrix {
        precondition(size >= 2 && size % 2 == 0, "a time embedding needs an even size, not \(size)")
        let half = size / 2
        let frequencies = (0..<half).map { exp(-log(10000.0) * Double($0) / Double(half)) }
        var out = Matrix(rows: times.count, cols: size)
        for (r, t) in times.enumerated() {
            for i in 0..<half {
                out.values[r * size + i] = Float(sin(t * frequencies[i]))
                out.values[r * size + half + i] = Float(cos(t * frequencies[i]))
            }
        }
        return out
    }
}
