import Foundation
import Testing
import TestSupport

/// The Slurm templates on a real single-node Slurm (Debian's slurmctld, slurmd and munge, started
/// by `pipelines/slurm/single-node.sh` and stopped by PID): a 3-task array per dataset, then the
/// merge job with `--dependency=afterok`; the merged folders equal unsharded local runs byte for byte.
@Suite("Slurm", .serialized)
struct SlurmTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-slurm-\(getpid())-\(UUID().uuidString)")
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The datasets, as `loom generate` arguments after the generator name's folder.
    let datasets: [(folder: String, arguments: [String])] = [
        ("force-balls", ["force-balls", "--count", "6", "--width", "96", "--height", "64", "--samples", "1"]),
        ("notes", ["syntheory", "--concept", "notes", "--limit", "6"]),
    ]

    @Test func generateArrayThenMergeOnARealSlurmEqualsALocalRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let loomFolder = try loomExecutable().deletingLastPathComponent().path
        let out = root.appendingPathComponent("cluster")
        var script = """
            set -u
            source "\(repository.path)/pipelines/slurm/single-node.sh"
            trap slurm_stop EXIT
            slurm_start "\(root.path)/slurm" || exit 3
            export PATH="\(loomFolder):$PATH" LOOM_OUT="\(out.path)"
            cd "\(root.path)"
            jobs=""

            """
        for dataset in datasets {
            script += """
                a=$(sbatch --parsable --cpus-per-task=1 --mem=1G --array=0-2 \
                  "\(repository.path)/pipelines/slurm/generate-array.sbatch" \(dataset.arguments.joined(separator: " ")) --quiet) || exit 4
                m=$(sbatch --parsable --dependency=afterok:$a "\(repository.path)/pipelines/slurm/merge.sbatch" "$LOOM_OUT/\(dataset.folder)") || exit 4
                jobs="$jobs $a $m"

                """
        }
        script += """
            for _ in $(seq 1 3000); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
            for j in $jobs; do scontrol -o show job "$j" | grep -o 'JobId=[0-9]* .*JobState=[A-Z_]*' | sed 's/ .*JobState=/ /'; done
            cat "\(root.path)"/*.log "\(root.path)"/slurm-*.out 2>/dev/null | grep -i error || true
            """
        let cluster = try #require(TestSupport.run("bash", ["-c", script]), "bash could not be started")
        #expect(cluster.status == 0, "the cluster ran: exit \(cluster.status)\n\(cluster.stdout)\n\(cluster.stderr)")
        let states = cluster.stdout.split(separator: "\n").filter { $0.hasPrefix("JobId=") }
        #expect(states.count == 2 * 4, "3 array tasks and a merge per dataset: \(cluster.stdout)")
        #expect(states.allSatisfy { $0.hasSuffix(" COMPLETED") }, "every job completed: \(cluster.stdout)\n\(cluster.stderr)")
        for dataset in datasets {
            let local = root.appendingPathComponent("local")
            let r = try loom(["generate"] + dataset.arguments + ["--out", local.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            let merged = TestSupport.folderContents(out.appendingPathComponent(dataset.folder))
            let single = TestSupport.folderContents(local.appendingPathComponent(dataset.folder))
            expectSameTree(merged, single, label: dataset.folder)
        }
    }
}
