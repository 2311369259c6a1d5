/// The original authors' numbers for the toy sweep (reference fourier-head.md §2.6, recomputed there from
/// the repository's saved `model_metrics.json` and `smoothness_dict.json`): mean and sd of KL, smoothness,
/// MSE and MSE_argmax. KL and MSE sd are over 4 seeds, smoothness sd over 4000 PMFs. The N = 12, γ = 0
/// rows are the paper's Table 1.
public struct PaperResult: Sendable, Equatable {
    public let kl: (mean: Double, sd: Double)
    public let smoothness: (mean: Double, sd: Double)
    public let mse: (mean: Double, sd: Double)
    public let mseArgmax: (mean: Double, sd: Double)

    public static func == (a: Self, b: Self) -> Bool {
        a.kl == b.kl && a.smoothness == b.smoothness && a.mse == b.mse && a.mseArgmax == b.mseArgmax
    }

    /// The row for a dataset and head, if the original reported it.
    public static func lookup(dataset: String, head: ToyHead) -> PaperResult? {
        table["\(dataset) \(head.name) \(head.gammaFolder) \(head.frequencies)"]
    }

    static let table: [String: PaperResult] = {
        var rows: [String: PaperResult] = [:]
        for line in rowsText.split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            let v = f[4...].map { Double($0)! }
            rows[f[0..<4].joined(separator: " ")] = PaperResult(kl: (v[0], v[1]), smoothness: (v[2], v[3]),
                                                               mse: (v[4], v[5]), mseArgmax: (v[6], v[7]))
        }
        return rows
    }()

    /// dataset head γ N  KL sd  smoothness sd  MSE sd  MSE_argmax sd
    static let rowsText = """
        gaussian gmm 0.0 0 0.026 0.011 0.0678 0.0119 0.010 0.001 0.010 0.001
        gaussian linear 0.0 0 0.170 0.052 0.1162 0.0497 0.011 0.001 0.013 0.001
        gaussian fourier 0.0 2 0.563 0.002 0.0170 0.0002 0.044 0.004 0.011 0.001
        gaussian fourier 0.0 4 0.197 0.004 0.0354 0.0012 0.019 0.001 0.010 0.001
        gaussian fourier 0.0 6 0.095 0.033 0.0490 0.0055 0.014 0.001 0.011 0.001
        gaussian fourier 0.0 8 0.100 0.044 0.0535 0.0101 0.013 0.001 0.012 0.001
        gaussian fourier 0.0 10 0.098 0.035 0.0548 0.0106 0.012 0.001 0.012 0.001
        gaussian fourier 0.0 12 0.116 0.043 0.0569 0.0113 0.012 0.001 0.012 0.001
        gaussian fourier 0.0 14 0.087 0.015 0.0583 0.0117 0.012 0.001 0.011 0.001
        gaussian fourier 0.0 16 0.133 0.060 0.0526 0.0129 0.013 0.002 0.012 0.001
        gaussian fourier 0.0 18 0.087 0.030 0.0610 0.0130 0.012 0.001 0.012 0.000
        gaussian fourier 0.0 20 0.112 0.036 0.0591 0.0148 0.012 0.001 0.013 0.001
        gaussian fourier 1e-06 2 0.562 0.003 0.0169 0.0002 0.044 0.003 0.011 0.002
        gaussian fourier 1e-06 4 0.207 0.017 0.0351 0.0016 0.020 0.001 0.011 0.001
        gaussian fourier 1e-06 6 0.121 0.052 0.0483 0.0063 0.015 0.002 0.013 0.004
        gaussian fourier 1e-06 8 0.103 0.029 0.0510 0.0082 0.013 0.000 0.011 0.000
        gaussian fourier 1e-06 10 0.114 0.046 0.0512 0.0109 0.013 0.002 0.012 0.001
        gaussian fourier 1e-06 12 0.124 0.023 0.0528 0.0109 0.013 0.001 0.012 0.001
        gaussian fourier 1e-06 14 0.130 0.037 0.0521 0.0106 0.013 0.001 0.012 0.001
        gaussian fourier 1e-06 16 0.112 0.022 0.0564 0.0120 0.012 0.001 0.013 0.001
        gaussian fourier 1e-06 18 0.113 0.032 0.0592 0.0145 0.013 0.001 0.013 0.001
        gaussian fourier 1e-06 20 0.131 0.017 0.0578 0.0166 0.012 0.001 0.013 0.001
        gmm2 gmm 0.0 0 0.030 0.006 0.0425 0.0092 0.120 0.004 0.224 0.005
        gmm2 linear 0.0 0 0.238 0.032 0.0680 0.0224 0.126 0.004 0.224 0.004
        gmm2 fourier 0.0 2 0.385 0.006 0.0156 0.0022 0.127 0.003 0.212 0.014
        gmm2 fourier 0.0 4 0.174 0.004 0.0269 0.0045 0.123 0.004 0.219 0.019
        gmm2 fourier 0.0 6 0.129 0.016 0.0344 0.0061 0.122 0.005 0.213 0.012
        gmm2 fourier 0.0 8 0.141 0.010 0.0353 0.0071 0.123 0.004 0.216 0.008
        gmm2 fourier 0.0 10 0.161 0.018 0.0346 0.0071 0.123 0.004 0.218 0.011
        gmm2 fourier 0.0 12 0.146 0.033 0.0376 0.0066 0.123 0.005 0.211 0.016
        gmm2 fourier 0.0 14 0.210 0.066 0.0351 0.0077 0.122 0.005 0.200 0.010
        gmm2 fourier 0.0 16 0.205 0.053 0.0382 0.0083 0.123 0.003 0.211 0.016
        gmm2 fourier 0.0 18 0.196 0.041 0.0390 0.0082 0.122 0.005 0.209 0.007
        gmm2 fourier 0.0 20 0.169 0.033 0.0431 0.0078 0.121 0.004 0.213 0.015
        gmm2 fourier 1e-06 2 0.389 0.013 0.0154 0.0023 0.128 0.004 0.208 0.010
        gmm2 fourier 1e-06 4 0.190 0.024 0.0261 0.0044 0.125 0.005 0.215 0.013
        gmm2 fourier 1e-06 6 0.188 0.051 0.0306 0.0066 0.123 0.003 0.214 0.013
        gmm2 fourier 1e-06 8 0.154 0.038 0.0337 0.0068 0.123 0.003 0.219 0.009
        gmm2 fourier 1e-06 10 0.170 0.030 0.0342 0.0067 0.124 0.004 0.217 0.011
        gmm2 fourier 1e-06 12 0.171 0.056 0.0351 0.0074 0.123 0.003 0.208 0.011
        gmm2 fourier 1e-06 14 0.152 0.020 0.0388 0.0078 0.122 0.004 0.216 0.005
        gmm2 fourier 1e-06 16 0.227 0.079 0.0358 0.0090 0.123 0.004 0.211 0.012
        gmm2 fourier 1e-06 18 0.150 0.022 0.0411 0.0089 0.121 0.004 0.214 0.005
        gmm2 fourier 1e-06 20 0.228 0.007 0.0367 0.0073 0.124 0.002 0.212 0.007
        beta gmm 0.0 0 0.407 0.012 0.0607 0.0032 0.273 0.009 0.523 0.008
        beta linear 0.0 0 0.234 0.032 0.1274 0.0442 0.276 0.008 0.543 0.032
        beta fourier 0.0 2 0.847 0.020 0.0162 0.0030 0.275 0.008 0.555 0.005
        beta fourier 0.0 4 0.548 0.011 0.0290 0.0062 0.276 0.008 0.549 0.023
        beta fourier 0.0 6 0.383 0.014 0.0421 0.0096 0.276 0.008 0.537 0.021
        beta fourier 0.0 8 0.282 0.007 0.0551 0.0135 0.275 0.009 0.536 0.016
        beta fourier 0.0 10 0.225 0.021 0.0669 0.0178 0.275 0.007 0.525 0.012
        beta fourier 0.0 12 0.191 0.016 0.0765 0.0214 0.275 0.008 0.525 0.002
        beta fourier 0.0 14 0.172 0.015 0.0861 0.0258 0.276 0.009 0.536 0.027
        beta fourier 0.0 16 0.159 0.017 0.0930 0.0275 0.275 0.009 0.550 0.023
        beta fourier 0.0 18 0.167 0.023 0.0958 0.0294 0.275 0.007 0.529 0.018
        beta fourier 0.0 20 0.169 0.025 0.0982 0.0307 0.275 0.008 0.536 0.027
        beta fourier 1e-06 2 0.874 0.033 0.0161 0.0034 0.274 0.008 0.537 0.021
        beta fourier 1e-06 4 0.558 0.008 0.0290 0.0059 0.276 0.007 0.538 0.020
        beta fourier 1e-06 6 0.377 0.008 0.0419 0.0102 0.274 0.008 0.537 0.012
        beta fourier 1e-06 8 0.287 0.026 0.0551 0.0135 0.275 0.008 0.547 0.015
        beta fourier 1e-06 10 0.232 0.015 0.0657 0.0176 0.276 0.007 0.537 0.011
        beta fourier 1e-06 12 0.193 0.019 0.0765 0.0211 0.275 0.009 0.532 0.023
        beta fourier 1e-06 14 0.183 0.024 0.0847 0.0238 0.277 0.007 0.545 0.020
        beta fourier 1e-06 16 0.181 0.006 0.0888 0.0276 0.275 0.008 0.531 0.007
        beta fourier 1e-06 18 0.171 0.030 0.0922 0.0304 0.275 0.008 0.541 0.013
        beta fourier 1e-06 20 0.172 0.024 0.0949 0.0288 0.274 0.008 0.529 0.022
        """
}
