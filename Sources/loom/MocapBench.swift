import Foundation
import LoomCore
import Mocap

/// `loom bench mocap`: the whole mocap dataset (paper scale) built from its sources.
enum MocapBench {
    static let benchCase = BenchCase(
        name: "mocap",
        summary: "The whole mocap dataset at paper scale: loading and retargeting the sources, then every window's files (wall and CPU s, windows/s)."
    ) { options in
        var generator: MocapGenerator?
        let cpuBefore = SynTheoryBench.cpuSeconds(RUSAGE_SELF)
        let load = try Bench.time { generator = try MocapGenerator(options: MocapOptions.defaults(for: .paper)) }
        let folder = options.scratch.appendingPathComponent("mocap")
        let write = try Bench.time {
            try DatasetRun.generate(generator!, options: RunOptions(folder: folder, seed: 0, scale: .paper, jobs: options.jobs, progress: .quiet))
        }
        let cpu = SynTheoryBench.cpuSeconds(RUSAGE_SELF) - cpuBefore
        let windows = Double(generator!.sampleCount)
        return ["windows": windows, "load_s": load, "generate_s": write, "total_s": load + write, "windows_per_s": windows / write,
                "cpu_s": cpu, "clips": Double(generator!.clips.count)]
    }
}
