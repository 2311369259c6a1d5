import Foundation
import Synchronization

/// The one parallel loop of the project: hands items to up to `jobs` threads, each of which keeps
/// its own heavy state (a worker, FFT plans, a Bullet world) for every item it takes.
///
/// Items are handed out one at a time in the order given, so a thread that finishes early takes the
/// next one (long items first balance the threads). After the first failure no new item is handed
/// out; when the running items end, the failure of the earliest item in hand-out order is thrown
/// (a failure to make a thread's state counts as earlier than every item). Results never depend on
/// `jobs`: each item's work must depend on its index only.
public struct WorkQueue: Sendable {
    /// Threads at most (at least 1).
    public let jobs: Int

    /// A queue of `jobs` threads (values below 1 mean 1).
    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    /// The CPUs this process may run on: its affinity mask (as `taskset`, cgroups' cpusets or Slurm
    /// set it), else the active processor count; at least 1. `--jobs` defaults to it.
    public static var availableCPUs: Int {
        // The kernel's view of sched_getaffinity(2) (which Glibc's module does not export): the
        // hexadecimal mask on the `Cpus_allowed:` line of /proc/self/status, e.g. `ff,ffffffff`.
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { sum, digit in
                sum + (digit.hexDigitValue?.nonzeroBitCount ?? 0)
            }
            if count > 0 { return count }
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body(&state, item)` for every item of `items` (handed out in that order); each thread
    /// first makes its `state` with `makeState`.
    public func forEach<State, E: Error>(_ items: [Int], state makeState: @Sendable () throws(E) -> State,
                                         _ body: @Sendable (inout State, Int) throws(E) -> Void) throws(E) {
        guard !items.isEmpty else { return }
        let next = Atomic<Int>(0)
        // The earliest failure so far, by position in `items` (-1: making a thread's state).
        let failure = Mutex<(position: Int, error: E)?>(nil)
        let failed = Atomic<Bool>(false)
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            var position = -1   // the item this thread is on; -1 while it makes its state
            do throws(E) {
                var state = try makeState()
                while !failed.load(ordering: .relaxed) {
                    position = next.add(1, ordering: .relaxed).oldValue
                    guard position < items.count else { break }
                    try body(&state, items[position])
                }
            } catch {
                failure.withLock { if $0 == nil || position < $0!.position { $0 = (position, error) } }
                failed.store(true, ordering: .relaxed)
            }
        }
        if let first = failure.withLock({ $0 }) { throw first.error }
    }

    /// Calls `body(item)` for every item of `0..<count`, handed out in `order` (default: ascending).
    public func forEach<E: Error>(_ count: Int, order: [Int]? = nil, _ body: @Sendable (Int) throws(E) -> Void) throws(E) {
        try forEach(order ?? Array(0..<count), state: { () throws(E) in () }) { (_: inout Void, item: Int) throws(E) in
            try body(item)
        }
    }

    /// `body(item)` for every item of `0..<count`, handed out in `order` (default: ascending); the
    /// results come back by item, whatever the order and the thread count.
    public func map<T: Sendable, E: Error>(_ count: Int, order: [Int]? = nil, _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
        let results = Mutex([T?](repeating: nil, count: count))
        try forEach(count, order: order) { (item: Int) throws(E) in
            let value = try body(item)
            results.withLock { $0[item] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
