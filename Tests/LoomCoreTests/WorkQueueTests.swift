import Foundation
import Synchronization
import Testing
import TestSupport
@testable import LoomCore

@Suite("work queue and subprocesses")
struct WorkQueueTests {
    struct Failure: Error, Equatable { let item: Int }

    @Test func resultsComeBackByItemWhateverTheThreadsAndOrder() throws {
        let expected = (0..<200).map { $0 * $0 }
        for jobs in [1, 3, 8] {
            #expect(try WorkQueue(jobs: jobs).map(200) { $0 * $0 } == expected)
            #expect(try WorkQueue(jobs: jobs).map(200, order: Array((0..<200).reversed())) { $0 * $0 } == expected)
        }
        #expect(try WorkQueue(jobs: 4).map(0) { $0 }.isEmpty)
    }

    @Test func eachThreadMakesItsStateOnceAndReusesIt() throws {
        let made = Atomic<Int>(0)
        let seen = Mutex([[Int]](repeating: [], count: 100))
        WorkQueue(jobs: 3).forEach(Array(0..<100), state: { () -> Int in made.add(1, ordering: .relaxed).newValue }) { worker, item in
            seen.withLock { $0[item].append(worker) }
        }
        let workers = made.load(ordering: .relaxed)
        #expect(workers >= 1 && workers <= 3)
        let seenBy = seen.withLock { $0 }
        #expect(seenBy.allSatisfy { $0.count == 1 }, "every item exactly once")
        #expect(Set(seenBy.flatMap { $0 }).isSubset(of: Set(1...workers)), "items see their thread's own state")
    }

    @Test func theEarliestFailureIsThrownAndNoNewItemStarts() {
        let started = Atomic<Int>(0)
        #expect(throws: Failure(item: 3)) {
            try WorkQueue(jobs: 1).forEach(1000) { item in
                started.add(1, ordering: .relaxed)
                if item == 3 || item == 5 { throw Failure(item: item) }
            }
        }
        #expect(started.load(ordering: .relaxed) == 4, "one thread stops after the first failure")
        // With many threads the failure of the earliest item in hand-out order wins (item 2 is
        // handed out second, item 6 seventh), even when item 6 fails first.
        for _ in 0..<20 {
            #expect(throws: Failure(item: 2)) {
                try WorkQueue(jobs: 4).forEach(8, order: [5, 2, 0, 1, 3, 4, 6, 7]) { item in
                    if item == 6 { throw Failure(item: item) }
                    if item == 2 { usleep(2_000); throw Failure(item: item) }
                }
            }
        }
        #expect(throws: Failure(item: -1)) {
            try WorkQueue(jobs: 2).forEach([0, 1], state: { () throws -> Int in throw Failure(item: -1) }) { _, _ in }
        }
    }

    @Test func availableCPUsFollowTheAffinityMask() throws {
        #expect(WorkQueue.availableCPUs >= 1 && WorkQueue.availableCPUs <= ProcessInfo.processInfo.activeProcessorCount)
        let nproc = try #require(TestSupport.run("env", ["-u", "OMP_NUM_THREADS", "-u", "OMP_THREAD_LIMIT", "nproc"]))
        #expect(Int(nproc.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == WorkQueue.availableCPUs,
                "nproc reads the same affinity mask")
    }

    @Test func captureReadsBothPipesAtOnce() throws {
        // 1 MiB on each pipe: reading one to its end before the other would deadlock.
        let script = "head -c 1048576 /dev/zero | tr '\\0' a; head -c 1048576 /dev/zero | tr '\\0' b >&2; exit 3"
        let r = try Subprocess.capture(Subprocess.env, ["sh", "-c", script])
        #expect(r.status == 3 && !r.succeeded)
        #expect(r.stdout.count == 1_048_576 && r.stdout.allSatisfy { $0 == "a" })
        #expect(r.stderr.count == 1_048_576 && r.stderr.allSatisfy { $0 == "b" })
        let here = try Subprocess.capture(Subprocess.env, ["pwd"], directory: URL(fileURLWithPath: "/usr"),
                                          environment: ["LOOM_TEST_VALUE": "x y"])
        #expect(here.stdout == "/usr\n")
        let env = try Subprocess.capture(Subprocess.env, ["sh", "-c", "printf %s \"$LOOM_TEST_VALUE\""], environment: ["LOOM_TEST_VALUE": "x y"])
        #expect(env.stdout == "x y")
    }

    @Test func aProgramPastItsTimeLimitIsStoppedWithItsGroup() throws {
        let folder = TestSupport.scratchFolder("subprocess")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.txt")
        let sh = try #require(Subprocess.locate("sh"))
        let start = Date()
        let outcome = try Subprocess.run(sh, arguments: ["-c", "echo started; printf 'bell\\a\\n'; sleep 30"], log: log, timeout: 0.5)
        #expect(outcome == .timedOut)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(Subprocess.lastLine(of: log) == "bell\\u{7}", "control bytes are escaped")
        #expect(try Subprocess.run(sh, arguments: ["-c", "exit 4"], log: log, timeout: 10) == .exited(4))
        #expect(try Subprocess.run(sh, arguments: ["-c", "kill -9 $$"], log: log, timeout: 10) == .signalled(SIGKILL))
        #expect(throws: LoomError.self) {
            try Subprocess.run(sh, arguments: [], log: URL(fileURLWithPath: "/nonexistent/dir/log"), timeout: 1)
        }
        #expect(Subprocess.locate("no-such-program-\(getpid())") == nil)
    }
}
