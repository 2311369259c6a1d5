import Foundation
import FourierHead
import LoomCore

/// `loom merge` on a stage's output folder (one with `config.json`): joins the runs its shards wrote.
enum StageMerge {
    /// Merges `folder`; false when it was already merged.
    static func merge(folder: URL) throws -> (merged: Bool, runs: Int) {
        let configURL = folder.appendingPathComponent("config.json")
        guard let text = try? String(contentsOf: configURL, encoding: .utf8), let config = try? JSONValue.parse(text),
              case .string(let stage)? = config["stage"] else {
            throw LoomError.unreadable(path: configURL.path, reason: "config.json is malformed")
        }
        guard stage == FourierToyEntry.name, let options = config["options"] else {
            throw LoomError.usage("\(folder.path) holds a \(stage) output, which does not shard; only datasets and fourier-toy sweeps are merged")
        }
        let decoded: FourierToyOptions
        do {
            decoded = try JSONDecoder().decode(FourierToyOptions.self, from: Data(options.text.utf8))
        } catch {
            throw LoomError.unreadable(path: configURL.path, reason: "its options do not fit fourier-toy: \(SystemError.reason(error))")
        }
        // The sweep's folder is <out>/<output>: --out is what is left when the output's parts are taken off.
        let output = decoded.output ?? "fourier-toy"
        let parts = folder.standardizedFileURL.pathComponents, tail = output.split(separator: "/").map(String.init)
        guard parts.count > tail.count, Array(parts.suffix(tail.count)) == tail else {
            throw LoomError.usage("\(folder.path) is not the sweep's folder <out>/\(output); give the folder `loom train fourier-toy` wrote")
        }
        var root = folder.standardizedFileURL
        for _ in tail { root.deleteLastPathComponent() }
        let sweep = try FourierToySweep(options: decoded, scale: .quick, root: root, jobs: 1, progress: .quiet)
        return (try sweep.merge(), sweep.runs.count)
    }
}
