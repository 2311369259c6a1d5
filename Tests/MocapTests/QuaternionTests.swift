import Foundation
import Physics
import Testing

@Suite struct QuaternionTests {
    @Test func eulerRoundTripsInEveryOrder() {
        let q = Quaternion(w: 0.8, x: 0.1, y: -0.4, z: 0.3).normalized
        for axes in [[2, 1, 0], [0, 1, 2], [2, 0, 1], [1, 2, 0]] {
            let back = Quaternion(euler: q.euler(axes: axes), axes: axes)
            #expect(abs(abs(back.dot(q)) - 1) < 1e-12, "order \(axes)")
        }
    }

    @Test func sixDRoundTrips() {
        let q = Quaternion(w: 0.3, x: -0.7, y: 0.2, z: 0.6).normalized
        let back = Quaternion(sixD: q.sixD[...])
        #expect(abs(abs(back.dot(q)) - 1) < 1e-12)
    }
}
