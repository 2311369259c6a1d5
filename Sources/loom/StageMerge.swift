import Foundation
import FourierHead
import LoomCore
import MotionLoop
import SelfConsuming

/// `loom merge` on a stage's output folder (one with `config.json`): a fourier-toy sweep's or a loop
/// experiment's, whose shards each ran some of the runs. The merge reads the finished runs back and
/// writes the tables one process writes; it refuses while a run is unfinished.
enum StageMerge {
    /// Merges `folder`; `merged` is false when a sweep was already merged.
    static func merge(folder: URL) throws -> (merged: Bool, runs: Int) {
        let configURL = folder.appendingPathComponent("config.json")
        guard let text = try? String(contentsOf: configURL, encoding: .utf8), let config = try? JSONValue.parse(text),
              case .string(let stage)? = config["stage"], let options = config["options"] else {
            throw LoomError.unreadable(path: configURL.path, reason: "config.json is malformed")
        }
        let scale = config["scale"].flatMap { if case .string(let text) = $0 { Scale(rawValue: text) } else { nil } } ?? .quick
        switch stage {
        case FourierToyEntry.name:
            let decoded: FourierToyOptions = try decode(options, stage: stage, file: configURL, scale: scale)
            let root = try out(of: folder, output: decoded.output)
            let sweep = try FourierToySweep(options: decoded, root: root, jobs: 1, progress: .quiet)
            return (try sweep.merge(), sweep.runs.count)
        case "loop gaussian-toy":
            let decoded: GaussianToyOptions = try decode(options, stage: stage, file: configURL, scale: scale)
            let context = try loopContext(folder: folder, output: decoded.folder, config: config, file: configURL)
            try GaussianToyStage.run(options: decoded, context: context, merging: true)
            return (true, runCount(config))
        case "loop gaussian-collapse":
            let decoded: GaussianCollapseOptions = try decode(options, stage: stage, file: configURL, scale: scale)
            let context = try loopContext(folder: folder, output: decoded.folder, config: config, file: configURL)
            try GaussianCollapseStage.run(options: decoded, context: context, merging: true)
            return (true, runCount(config))
        case "loop motion":
            let decoded: MotionLoopOptions = try decode(options, stage: stage, file: configURL, scale: scale)
            let context = StageContext(out: try out(of: folder, output: decoded.folder), seed: 0, scale: scale,
                                       jobs: WorkQueue.availableCPUs, shard: .whole, progress: .quiet)
            try MotionLoopStage.run(options: decoded, context: context, merging: true)
            guard case .array(let arms)? = config["arms"] else { return (true, 0) }
            return (true, decoded.seeds.count * arms.count)
        default:
            throw LoomError.usage("\(folder.path) holds a \(stage) output, which does not shard; datasets, fourier-toy sweeps and loops are merged")
        }
    }

    /// The stage's options as `config.json` stores them, laid over the defaults like any other layer.
    static func decode<T: ConfigOptions>(_ options: JSONValue, stage: String, file: URL, scale: Scale) throws -> T {
        try T.resolve(scale: scale, layers: [try OptionLayer(stored: options, path: file.path)], owner: stage)
    }

    /// `--out` of a stage folder `<out>/<output>`: what is left when the output's parts are taken off.
    static func out(of folder: URL, output: String) throws -> URL {
        let parts = folder.standardizedFileURL.pathComponents, tail = output.split(separator: "/").map(String.init)
        guard !tail.isEmpty, parts.count > tail.count, Array(parts.suffix(tail.count)) == tail else {
            throw LoomError.usage("\(folder.path) is not the stage's folder <out>/\(output); give the folder the stage wrote")
        }
        var root = folder.standardizedFileURL
        for _ in tail { root.deleteLastPathComponent() }
        return root
    }

    /// The context a loop experiment ran with: its `--out`, first seed and scale, from `config.json`.
    static func loopContext(folder: URL, output: String, config: JSONValue, file: URL) throws -> StageContext {
        guard case .array(let seeds)? = config["seeds"], case .int(let first)? = seeds.first,
              case .string(let scaleText)? = config["scale"], let scale = Scale(rawValue: scaleText) else {
            throw LoomError.unreadable(path: file.path, reason: "config.json lacks the seeds or the scale")
        }
        return StageContext(out: try out(of: folder, output: output), seed: UInt64(truncatingIfNeeded: first), scale: scale,
                            jobs: ProcessInfo.processInfo.activeProcessorCount, shard: .whole, progress: .quiet)
    }

    static func runCount(_ config: JSONValue) -> Int {
        guard case .array(let seeds)? = config["seeds"], case .array(let arms)? = config["arms"] else { return 0 }
        return seeds.count * arms.count
    }
}
