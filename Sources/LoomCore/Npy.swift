import Foundation

/// An element type that `.npy` files can hold (little-endian, as on every platform we run on).
public protocol NpyElement: Sendable {
    /// numpy's type string, e.g. `<f4`.
    static var npyDescr: String { get }
}

extension Float16: NpyElement { public static var npyDescr: String { "<f2" } }
extension Float: NpyElement { public static var npyDescr: String { "<f4" } }
extension Double: NpyElement { public static var npyDescr: String { "<f8" } }
extension Int32: NpyElement { public static var npyDescr: String { "<i4" } }
extension Int64: NpyElement { public static var npyDescr: String { "<i8" } }
extension UInt8: NpyElement { public static var npyDescr: String { "|u1" } }

/// `.npy` version 1.0 files: C order, little-endian.
public enum Npy {
    /// The preamble (magic, version, header) for an array of `descr` and `shape`, padded with spaces
    /// to the next multiple of 64 bytes, or to exactly `length` bytes (a file whose header is rewritten
    /// in place as it grows keeps one length).
    public static func header(descr: String, shape: [Int], length: Int? = nil) -> Data {
        let dims: String
        switch shape.count {
        case 0: dims = "()"
        case 1: dims = "(\(shape[0]),)"
        default: dims = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = 10 + dict.utf8.count + 1
        let total = length ?? unpadded + (64 - unpadded % 64) % 64
        precondition(total >= unpadded && total % 64 == 0, "a .npy header of \(unpadded) bytes does not fit in \(total)")
        dict += String(repeating: " ", count: total - unpadded) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dict.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(dict.utf8))
        return data
    }

    /// Writes an array to `url` atomically: the header, then the values straight from their memory
    /// (no copy, no formatting), in `AtomicFile`'s 256 KiB `write(2)` pieces that `observe` (e.g. a
    /// hash) sees just before they go out. Returns the file's size in bytes.
    @discardableResult
    public static func write<T: NpyElement>(_ values: [T], shape: [Int], to url: URL,
                                            passing observe: ((UnsafeRawBufferPointer) -> Void)? = nil) throws -> Int {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        let preamble = header(descr: T.npyDescr, shape: shape)
        try preamble.withUnsafeBytes { head in
            try values.withUnsafeBytes { payload in try AtomicFile.write(chunks: [head, payload], to: url, passing: observe) }
        }
        return preamble.count + values.count * MemoryLayout<T>.stride
    }

    /// Reads a `.npy` file.
    public static func read(_ url: URL) throws -> NpyArray {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoomError.unreadable(path: url.path, reason: SystemError.reason(error))
        }
        return try NpyArray(data: data, path: url.path)
    }
}

/// An array read from a `.npy` file: its type, shape and raw little-endian bytes.
public struct NpyArray: Sendable {
    /// The numpy type string (e.g. `<f4`).
    public let descr: String
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The element bytes, little-endian, C order.
    public let payload: Data

    /// Parses a whole `.npy` file.
    public init(data: Data, path: String = "<memory>") throws {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw LoomError.unreadable(path: path, reason: "not a .npy file")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            guard bytes.count >= 12 else { throw LoomError.unreadable(path: path, reason: "truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        guard data.count >= headerStart + headerLength,
              let header = String(data: data.subdata(in: headerStart..<headerStart + headerLength), encoding: .utf8)
        else { throw LoomError.unreadable(path: path, reason: "truncated header") }
        guard let descr = Self.field("descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")),
              let shapeText = Self.field("shape", in: header)
        else { throw LoomError.unreadable(path: path, reason: "header lacks descr or shape") }
        if Self.field("fortran_order", in: header) == "True" {
            throw LoomError.unreadable(path: path, reason: "Fortran-order arrays are not supported")
        }
        self.descr = descr
        self.shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        self.payload = data.subdata(in: (headerStart + headerLength)..<data.count)
        let size = ["<f2": 2, "<f4": 4, "<f8": 8, "<i4": 4, "<i8": 8, "|u1": 1, "<u1": 1][descr]
        guard let size else { throw LoomError.unreadable(path: path, reason: "unsupported dtype \(descr)") }
        guard payload.count == size * shape.reduce(1, *) else {
            throw LoomError.unreadable(path: path, reason: "payload is \(payload.count) bytes, shape \(shape) needs \(size * shape.reduce(1, *))")
        }
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The elements, if they are of type `T`.
    public func values<T: NpyElement>(as type: T.Type = T.self) throws -> [T] {
        guard descr == T.npyDescr || (descr == "<u1" && T.npyDescr == "|u1") else {
            throw LoomError.unreadable(path: "<npy>", reason: "array holds \(descr), not \(T.npyDescr)")
        }
        return payload.withUnsafeBytes { raw in
            Array(raw.bindMemory(to: T.self).prefix(count))
        }
    }

    /// The elements of a float32 or float64 array as float32; nil for any other dtype.
    public func floats() throws -> [Float]? {
        switch descr {
        case "<f4": try values(as: Float.self)
        case "<f8": try values(as: Double.self).map(Float.init)
        default: nil
        }
    }

    /// The elements of a float32 or float64 array as float64; nil for any other dtype.
    public func doubles() throws -> [Double]? {
        switch descr {
        case "<f4": try values(as: Float.self).map(Double.init)
        case "<f8": try values(as: Double.self)
        default: nil
        }
    }

    private static func field(_ name: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(name)':") else { return nil }
        let rest = header[range.upperBound...].drop { $0 == " " }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
        return String(rest[..<end]).trimmingCharacters(in: .whitespaces)
    }
}

/// Streams a large `.npy` file to disk chunk by chunk; the shape is fixed up front.
public final class NpyStreamWriter {
    private let url: URL
    private let temp: URL
    private let descriptor: Int32
    private let expectedBytes: Int
    private var written = 0
    private var closed = false

    /// Opens a temporary file beside `url` and writes the header.
    public init<T: NpyElement>(url: URL, elementType: T.Type, shape: [Int]) throws {
        self.url = url
        try AtomicFile.makeParent(of: url)
        temp = AtomicFile.temporaryPath(for: url)
        descriptor = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw SystemError.writeFailure(errno, path: url.path) }
        expectedBytes = MemoryLayout<T>.stride * shape.reduce(1, *)
        try Npy.header(descr: T.npyDescr, shape: shape).withUnsafeBytes { try write($0) }
        written = 0
    }

    deinit {
        if !closed {
            close(descriptor)
            unlink(temp.path)
        }
    }

    /// Appends raw element bytes, straight from their memory.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        try write(bytes)
    }

    /// Checks the size, closes and renames into place.
    public func finish() throws {
        closed = true
        let status = close(descriptor)
        guard status == 0 else {
            let code = errno
            unlink(temp.path)
            throw SystemError.writeFailure(code, path: url.path)
        }
        guard written == expectedBytes else {
            unlink(temp.path)
            throw LoomError.runtime("\(url.path): wrote \(written) bytes, the shape needs \(expectedBytes)")
        }
        if rename(temp.path, url.path) != 0 {
            let code = errno
            unlink(temp.path)
            throw SystemError.writeFailure(code, path: url.path)
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try SystemError.writeAll(descriptor, bytes, path: url.path)
        } catch {
            closed = true
            close(descriptor)
            unlink(temp.path)
            throw error
        }
        written += bytes.count
    }
}
