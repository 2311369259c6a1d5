import Foundation
import LoomCore
@testable import Mocap
import Physics
import TestSupport
import Testing

@Suite struct DatasetTests {
    /// Three short takes, one of them held out, every second.
    static let small = MocapOptions().with { $0.stride = 20; $0.clips = ["deepmimic/walk", "deepmimic/run", "walker/turn_right1"]; $0.testClips = ["walker/turn_right1"]; $0.contactSheetWindows = 4 }

    @Test func splitIsBySourceClip() throws {
        let g = try MocapGenerator(options: MocapOptions())
        var sides: [String: Set<Bool>] = [:]
        for w in g.windows { sides[g.clips[w.clip].source.id, default: []].insert(w.test) }
        #expect(sides.values.allSatisfy { $0.count == 1 }, "no clip on both sides")
        #expect(Set(sides.filter { $0.value == [true] }.keys) == Set(MocapSources.defaultTestClips))
        #expect(g.clips.count == 23)
        // Every window needs one pose past its end for the velocities.
        #expect(g.windows.allSatisfy { $0.start + 41 <= g.clips[$0.clip].motion.poses.count })
    }

    @Test func subsetKeepsNTrainingWindowsAndEveryTestWindow() throws {
        let all = try MocapGenerator(options: Self.small)
        var options = Self.small
        options.n = 5
        let g = try MocapGenerator(options: options)
        #expect(g.windows.filter { !$0.test }.count == 5)
        #expect(g.windows.filter(\.test) == all.windows.filter(\.test))
        options.n = 10_000
        #expect { try MocapGenerator(options: options) } throws: { error in
            (error as? ConfigValueError)?.key == "n"
        }
    }

    @Test func shardedJobsAndSingleRunsGiveTheSameBytes() throws {
        let root = TestSupport.scratchFolder("mocap")
        defer { try? FileManager.default.removeItem(at: root) }
        let g = try MocapGenerator(options: Self.small)
        let single = root.appendingPathComponent("single"), sharded = root.appendingPathComponent("sharded")
        try DatasetRun.generate(g, options: RunOptions(folder: single, seed: 0, scale: .quick, jobs: 1, progress: .quiet))
        for i in 0..<2 {
            try DatasetRun.generate(g, options: RunOptions(folder: sharded, seed: 0, scale: .quick, shard: try Shard(parsing: "\(i)/2"),
                                                           jobs: 2, progress: .quiet))
        }
        try DatasetRun.merge(g, folder: sharded)
        let files = (FileManager.default.enumerator(atPath: single.path)?.allObjects as? [String] ?? []).sorted()
        #expect(files.contains("contact_sheet.png") && files.contains("windows/00000/motion.bvh") && files.contains("mean.npy"))
        for file in files where !file.hasPrefix("shards") {
            #expect(FileManager.default.contents(atPath: single.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: sharded.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try DatasetRun.validate(g, folder: single).isEmpty)
        let features = try Npy.read(single.appendingPathComponent("windows/00000/features.npy"))
        #expect(features.shape == [40, MotionFeatures(humanoid: g.humanoid).width])
        // The card names the sources' licences (CMU's acknowledgement when CMU takes are in) and explains every label.
        let card = try String(contentsOf: single.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(card.contains("zlib") && card.contains("# Motion windows on DeepMimic's humanoid"))
        #expect(card.contains("mocap.cs.cmu.edu") == g.clips.contains { $0.source.isBVH })
        #expect(TestSupport.labelsMissingFromCard(in: single, labels: ["clip", "action", "split", "mirrored", "start_frame", "penetration_m",
                                                                  "floating_m", "skating_m_per_s", "jitter_m_per_s3", "support_height_m"]) == [])
    }
}
