import Foundation
import Testing
import TestSupport
@testable import LoomCore

@Suite("npy files")
struct NpyTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-npy-\(getpid())-\(UUID().uuidString)")

    @Test func roundTripsEveryType() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.npy")
        try Npy.write([Float(1.5), -2, 3, 4, 5, 6], shape: [2, 3], to: url)
        var array = try Npy.read(url)
        #expect(array.shape == [2, 3] && array.descr == "<f4")
        #expect(try array.values(as: Float.self) == [1.5, -2, 3, 4, 5, 6])
        try Npy.write([Double.pi], shape: [1], to: url)
        #expect(try Npy.read(url).values(as: Double.self) == [Double.pi])
        try Npy.write([Int32(-7), 8], shape: [2], to: url)
        #expect(try Npy.read(url).values(as: Int32.self) == [-7, 8])
        try Npy.write([Int64.max, 0], shape: [2, 1, 1], to: url)
        array = try Npy.read(url)
        #expect(array.shape == [2, 1, 1])
        #expect(try array.values(as: Int64.self) == [Int64.max, 0])
        try Npy.write([UInt8(255), 0, 1], shape: [3], to: url)
        #expect(try Npy.read(url).values(as: UInt8.self) == [255, 0, 1])
        #expect(throws: LoomError.self) { try Npy.read(url).values(as: Float.self) }
    }

    @Test func headersArePaddedTo64Bytes() {
        for shape in [[], [3], [1000, 50], [2, 3, 4, 5]] {
            let h = Npy.header(descr: "<f8", shape: shape)
            #expect(h.count % 64 == 0)
            #expect(h.last == 0x0A)
        }
    }

    @Test func streamWriterMatchesWholeWriter() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = (0..<1000).map { Double($0) * 0.5 }
        let a = folder.appendingPathComponent("whole.npy"), b = folder.appendingPathComponent("stream.npy")
        try Npy.write(values, shape: [500, 2], to: a)
        let writer = try NpyStreamWriter(url: b, elementType: Double.self, shape: [500, 2])
        for chunk in stride(from: 0, to: 1000, by: 300) {
            try values[chunk..<min(chunk + 300, 1000)].withUnsafeBytes { try writer.append($0) }
        }
        try writer.finish()
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    /// numpy reads what we write, and we read what numpy writes.
    @Test func numpyInterop() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Npy.write([Float(1), 2, 3, 4, 5, 6], shape: [2, 3], to: folder.appendingPathComponent("f4.npy"))
        try Npy.write([Double(-0.25), 1e300], shape: [2], to: folder.appendingPathComponent("f8.npy"))
        try Npy.write([Int32(-1), 2, 3, 4], shape: [2, 2], to: folder.appendingPathComponent("i4.npy"))
        try Npy.write([Int64(1) << 40], shape: [1, 1], to: folder.appendingPathComponent("i8.npy"))
        try Npy.write([UInt8(0), 200], shape: [2], to: folder.appendingPathComponent("u1.npy"))
        let script = """
            import numpy as np, sys
            d = sys.argv[1]
            a = np.load(d + '/f4.npy'); assert a.dtype == np.float32 and a.shape == (2, 3) and a[1, 2] == 6, a
            a = np.load(d + '/f8.npy'); assert a.dtype == np.float64 and a.shape == (2,) and a[0] == -0.25 and a[1] == 1e300
            a = np.load(d + '/i4.npy'); assert a.dtype == np.int32 and a.tolist() == [[-1, 2], [3, 4]]
            a = np.load(d + '/i8.npy'); assert a.dtype == np.int64 and a.shape == (1, 1) and a[0, 0] == 1 << 40
            a = np.load(d + '/u1.npy'); assert a.dtype == np.uint8 and a.tolist() == [0, 200]
            np.save(d + '/from_numpy.npy', np.arange(12, dtype=np.float64).reshape(3, 4) / 4)
            """
        let result = TestSupport.runPython(script, folder.path)
        #expect(result.succeeded, "numpy could not read our files: \(result.stderr)")
        let back = try Npy.read(folder.appendingPathComponent("from_numpy.npy"))
        #expect(back.shape == [3, 4])
        #expect(try back.values(as: Double.self) == (0..<12).map { Double($0) / 4 })
    }
}
