import Testing
@testable import LoomCore

@Test func placeholderStream() {
    var r = RandomStream(seed: 1, dataset: "x", index: 0)
    #expect(r.next() != 0)
}
