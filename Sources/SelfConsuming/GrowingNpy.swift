import Foundation
import LoomCore

/// A float64 `.npy` file of shape `[k] + itemShape` that grows by whole items.
///
/// The header has a fixed length of 128 bytes and is rewritten after every append, so the file is
/// always a valid array of the items written so far; a half-written item after a kill is cut off
/// when the file is opened again.
final class GrowingNpy {
    static let headerLength = 128

    let url: URL
    let itemShape: [Int]
    let itemBytes: Int
    private let descriptor: Int32
    /// Items in the file.
    private(set) var count: Int

    /// Opens `url`, creating it if missing and dropping any partial item at its end.
    init(url: URL, itemShape: [Int]) throws {
        self.url = url
        self.itemShape = itemShape
        itemBytes = 8 * itemShape.reduce(1, *)
        try AtomicFile.makeParent(of: url)
        descriptor = open(url.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw SystemError.writeFailure(errno, path: url.path) }
        var info = stat()
        fstat(descriptor, &info)
        let size = Int(info.st_size)
        count = size >= Self.headerLength && itemBytes > 0 ? (size - Self.headerLength) / itemBytes : 0
        try truncate(to: count)
    }

    deinit { close(descriptor) }

    /// The header for `items` items, padded to `headerLength` bytes.
    static func header(items: Int, itemShape: [Int]) -> Data {
        Npy.header(descr: Double.npyDescr, shape: [items] + itemShape, length: headerLength)
    }

    /// Keeps the first `items` items.
    func truncate(to items: Int) throws {
        count = min(items, count)
        guard ftruncate(descriptor, off_t(Self.headerLength + count * itemBytes)) == 0 else {
            throw SystemError.writeFailure(errno, path: url.path)
        }
        try writeHeader()
    }

    /// Appends items (a multiple of the item size), then updates the header.
    func append(_ values: [Double]) throws {
        guard !values.isEmpty else { return }
        let offset = Self.headerLength + count * itemBytes
        try values.withUnsafeBytes { try write($0, at: offset) }
        count += values.count * 8 / itemBytes
        try writeHeader()
    }

    /// The first `items` items, flat.
    func read(items: Int) throws -> [Double] {
        let n = min(items, count) * itemBytes / 8
        var values = [Double](repeating: 0, count: n)
        let got = values.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(Self.headerLength)) }
        guard got == n * 8 else { throw LoomError.unreadable(path: url.path, reason: "short read") }
        return values
    }

    private func writeHeader() throws {
        let bytes = Self.header(items: count, itemShape: itemShape)
        try bytes.withUnsafeBytes { try write($0, at: 0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try SystemError.writeAll(descriptor, bytes, at: offset, path: url.path)
    }
}
