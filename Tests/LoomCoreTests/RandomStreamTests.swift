import Foundation
import Testing
@testable import LoomCore

@Suite("Random streams")
struct RandomStreamTests {
    @Test func sameKeySameNumbersDifferentKeysDifferentNumbers() {
        var a = RandomStream(seed: 7, dataset: "d", index: 3)
        var b = RandomStream(seed: 7, dataset: "d", index: 3)
        var c = RandomStream(seed: 7, dataset: "d", index: 4)
        var d = RandomStream(seed: 8, dataset: "d", index: 3)
        var e = RandomStream(seed: 7, dataset: "other", index: 3)
        let first = (0..<16).map { _ in a.next() }
        #expect(first == (0..<16).map { _ in b.next() })
        #expect(first != (0..<16).map { _ in c.next() })
        #expect(first != (0..<16).map { _ in d.next() })
        #expect(first != (0..<16).map { _ in e.next() })
    }

    @Test func streamsDoNotDependOnThreadCountOrOrder() {
        let family = StreamFamily(seed: 42, dataset: "threads")
        let serial = (0..<2000).map { i -> UInt64 in var s = family.stream(i); return s.next() ^ s.next() }
        var parallel = [UInt64](repeating: 0, count: 2000)
        parallel.withUnsafeMutableBufferPointer { out in
            let base = Int(bitPattern: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 7) { worker in
                let p = UnsafeMutablePointer<UInt64>(bitPattern: base)!
                // Reverse order within each worker's strided slice.
                for i in stride(from: 1999 - worker, through: 0, by: -7) {
                    var s = family.stream(i)
                    p[i] = s.next() ^ s.next()
                }
            }
        }
        #expect(serial == parallel)
        #expect(family.stream(5).key == RandomStream(seed: 42, dataset: "threads", index: 5).key)
    }

    @Test func substreamsAreIndependentOfConsumption() {
        var a = RandomStream(seed: 1, dataset: "s", index: 0)
        let before = a.substream("crop").key
        _ = a.next()
        #expect(a.substream("crop").key == before)
        #expect(a.substream("crop").key != a.substream("pitch").key)
    }

    /// Mean and variance of `n` draws.
    func moments(_ n: Int, seed: UInt64 = 9, _ draw: (inout RandomStream) -> Double) -> (mean: Double, variance: Double) {
        var r = RandomStream(seed: seed, dataset: "moments", index: 0)
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let v = draw(&r)
            sum += v
            sumSq += v * v
        }
        let mean = sum / Double(n)
        return (mean, sumSq / Double(n) - mean * mean)
    }

    // With n = 200,000 draws the standard error of a mean is sd/447; tolerances are about 5 standard errors.
    @Test func uniformMoments() {
        let m = moments(200_000) { $0.uniform(-2, 4) }
        #expect(abs(m.mean - 1) < 0.02)
        #expect(abs(m.variance - 3) < 0.05)
    }

    @Test func normalMoments() {
        let m = moments(200_000) { $0.normal(mean: 1.5, sd: 2) }
        #expect(abs(m.mean - 1.5) < 0.025)
        #expect(abs(m.variance - 4) < 0.08)
        var r = RandomStream(seed: 3, dataset: "tail", index: 0)
        let beyond2 = (0..<200_000).filter { _ in abs(r.normal()) > 2 }.count
        #expect(abs(Double(beyond2) / 200_000 - 0.0455) < 0.003, "two-sided tail mass beyond 2 sd")
    }

    /// `normalPair()` is two `normal()` calls, with or without a kept value; the first draws of one stream
    /// are pinned, so a faster Box–Muller that changes a bit of a dataset fails here.
    @Test func normalPairIsTwoNormalCalls() {
        for index in 0..<1000 {
            var pair = RandomStream(seed: 9, dataset: "pair", index: index), single = pair
            let (a, b) = pair.normalPair()
            #expect(a == single.normal() && b == single.normal())
            _ = pair.normal()
            _ = single.normal()
            let (c, d) = pair.normalPair()
            #expect(c == single.normal() && d == single.normal() && pair.normal() == single.normal())
        }
        var pinned = RandomStream(seed: 0, dataset: "pin", index: 0)
        #expect([pinned.normal(), pinned.normal(), pinned.normal()] == [0.001349327361985663, -1.144449244875467, -1.9270569727468996])
    }

    @Test(arguments: [0.3, 1.0, 2.5, 40.0])
    func gammaMoments(shape: Double) {
        let m = moments(200_000) { $0.gamma(shape: shape) }
        #expect(abs(m.mean - shape) < 5 * shape.squareRoot() / 447 + 1e-3)
        #expect(abs(m.variance / shape - 1) < 0.05)
    }

    @Test(arguments: [(2.0, 5.0), (50.0, 30.0), (0.5, 0.5)])
    func betaMoments(a: Double, b: Double) {
        let m = moments(200_000) { $0.beta(a, b) }
        let mean = a / (a + b)
        let variance = a * b / ((a + b) * (a + b) * (a + b + 1))
        #expect(abs(m.mean - mean) < 5 * variance.squareRoot() / 447)
        #expect(abs(m.variance / variance - 1) < 0.05)
    }

    @Test func categoricalFrequencies() {
        var r = RandomStream(seed: 5, dataset: "cat", index: 0)
        var counts = [0, 0, 0]
        for _ in 0..<100_000 { counts[r.categorical([0.2, 0.5, 0.3])] += 1 }
        #expect(abs(Double(counts[0]) / 1e5 - 0.2) < 0.007)
        #expect(abs(Double(counts[1]) / 1e5 - 0.5) < 0.008)
        #expect(abs(Double(counts[2]) / 1e5 - 0.3) < 0.007)
    }

    @Test func integersAreUnbiasedAndInRange() {
        var r = RandomStream(seed: 5, dataset: "int", index: 0)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[r.integer(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func permutationsArePermutationsAndUniform() {
        var r = RandomStream(seed: 11, dataset: "perm", index: 0)
        #expect(r.permutation(100).sorted() == Array(0..<100))
        // Where element 0 lands is uniform over 5 places.
        var where0 = [Int](repeating: 0, count: 5)
        for _ in 0..<50_000 { where0[r.permutation(5).firstIndex(of: 0)!] += 1 }
        #expect(where0.allSatisfy { abs($0 - 10_000) < 500 })
    }
}
