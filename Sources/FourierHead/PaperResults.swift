import Foundation
import LoomCore

/// The original authors' numbers for the toy sweep (reference fourier-head.md §2.6, recomputed there from
/// the repository's saved `model_metrics.json` and `smoothness_dict.json`): mean and sd of KL, smoothness,
/// MSE and MSE_argmax. KL and MSE sd are over 4 seeds, smoothness sd over 4000 PMFs. The N = 12, γ = 0
/// rows are the paper's Table 1. The numbers ship as `assets/fourier-head/paper_results.csv`.
public struct PaperResult: Sendable, Equatable {
    /// KL divergence, mean and sd over seeds.
    public let kl: (mean: Double, sd: Double)
    /// Smoothness s(y), mean and sd over test PMFs.
    public let smoothness: (mean: Double, sd: Double)
    /// MSE of the expected bin's centre, mean and sd over seeds.
    public let mse: (mean: Double, sd: Double)
    /// MSE of the argmax bin's centre, mean and sd over seeds.
    public let mseArgmax: (mean: Double, sd: Double)

    /// Equal when every mean and sd is equal.
    public static func == (a: Self, b: Self) -> Bool {
        a.kl == b.kl && a.smoothness == b.smoothness && a.mse == b.mse && a.mseArgmax == b.mseArgmax
    }

    /// The row for a dataset and head, if the original reported it.
    public static func lookup(dataset: String, head: ToyHead) -> PaperResult? {
        table["\(dataset) \(head.name) \(head.gammaFolder) \(head.frequencies)"]
    }

    /// The rows by "dataset head γ N", read once from `assets/fourier-head/paper_results.csv`; empty
    /// when the file cannot be found (`load` says why; the sweep calls it before training).
    static let table: [String: PaperResult] = (try? load()) ?? [:]

    /// Reads `assets/fourier-head/paper_results.csv`.
    /// - Throws: `LoomError.missingAsset` or `.unreadable` for a missing or malformed file.
    static func load() throws -> [String: PaperResult] {
        let url = try AssetLocator.url(asset)
        guard let text = try? String(contentsOf: url, encoding: .utf8), let csv = CSVTable.parse(text),
              csv.header == ["dataset", "head", "gamma", "frequencies", "kl", "kl_sd", "smoothness", "smoothness_sd",
                             "mse", "mse_sd", "mse_argmax", "mse_argmax_sd"]
        else { throw LoomError.unreadable(path: url.path, reason: "not the paper's table (its header changed?)") }
        var rows: [String: PaperResult] = [:]
        for row in csv.rows {
            let v = row.dropFirst(4).compactMap(Double.init)
            guard row.count == 12, v.count == 8 else {
                throw LoomError.unreadable(path: url.path, reason: "row '\(row.joined(separator: ","))' does not hold 4 names and 8 numbers")
            }
            rows[row[0..<4].joined(separator: " ")] = PaperResult(kl: (v[0], v[1]), smoothness: (v[2], v[3]),
                                                                 mse: (v[4], v[5]), mseArgmax: (v[6], v[7]))
        }
        return rows
    }

    /// Where the table ships, under `assets/`.
    static let asset = "fourier-head/paper_results.csv"
}
