import Foundation
import LoomCore

/// Named float32 tensors in the safetensors layout: an 8-byte little-endian header length, a JSON
/// header `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}`, then the
/// raw little-endian data. Python's `safetensors.numpy.load_file` reads it. A value, so it crosses threads.
public struct StateDict: Sendable, Equatable {
    /// One tensor: its shape and values (row-major).
    public struct Tensor: Sendable, Equatable {
        /// The dimensions, outermost first.
        public let shape: [Int]
        /// The values, row-major.
        public let values: [Float]

        /// A tensor; the shape's product must equal the value count.
        public init(shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "shape \(shape) needs \(shape.reduce(1, *)) values, not \(values.count)")
            self.shape = shape
            self.values = values
        }
    }

    /// The tensors in file order.
    public private(set) var tensors: [(name: String, tensor: Tensor)]

    /// Equal when the same names hold equal tensors in the same order.
    public static func == (a: StateDict, b: StateDict) -> Bool {
        a.tensors.count == b.tensors.count && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }

    /// A state of these named tensors, in file order.
    public init(_ tensors: [(name: String, tensor: Tensor)] = []) {
        self.tensors = tensors
    }

    /// The values of `parameters`, named by `Parameter.name` (each a rows × cols tensor).
    public init(parameters: [Parameter]) {
        tensors = parameters.map { ($0.name, Tensor(shape: [$0.value.rows, $0.value.cols], values: $0.value.values)) }
    }

    /// The tensor called `name`.
    public subscript(name: String) -> Tensor? {
        tensors.first { $0.name == name }?.tensor
    }

    /// Adds (or replaces) a tensor.
    public mutating func set(_ name: String, _ tensor: Tensor) {
        if let i = tensors.firstIndex(where: { $0.name == name }) { tensors[i].tensor = tensor } else { tensors.append((name, tensor)) }
    }

    /// Copies the tensors into `parameters` by name; throws when one is missing or has another size.
    public func load(into parameters: [Parameter]) throws {
        for p in parameters {
            guard let t = self[p.name] else { throw LearnError.invalidArgument("the saved state has no tensor '\(p.name)'") }
            guard t.values.count == p.value.values.count else {
                throw LearnError.invalidArgument("the saved tensor '\(p.name)' has shape \(t.shape), the model's is [\(p.value.rows), \(p.value.cols)]")
            }
            p.value.values = t.values
        }
    }

    /// The file's bytes.
    public func encoded() -> Data {
        var header: [(String, JSONValue)] = []
        var offset = 0
        for (name, t) in tensors {
            let end = offset + 4 * t.values.count
            header.append((name, .object([("dtype", .string("F32")), ("shape", .array(t.shape.map { .int($0) })),
                                          ("data_offsets", .array([.int(offset), .int(end)]))])))
            offset = end
        }
        var json = Array(JSONValue.object(header).text.utf8)
        while json.count % 8 != 0 { json.append(0x20) }  // safetensors pads the header with spaces to 8 bytes
        var data = Data()
        data.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: json)
        for (_, t) in tensors {
            t.values.map(\.bitPattern.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Reads bytes `encoded()` wrote (or any safetensors file of F32 tensors); `path` names it in errors.
    public init(decoding data: Data, path: String) throws {
        func bad(_ why: String) -> LoomError { .unreadable(path: path, reason: why) }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw bad("shorter than a safetensors header") }
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, 8 + length <= bytes.count,
              let text = String(bytes: bytes[8..<(8 + length)], encoding: .utf8),
              let header = try? JSONValue.parse(text), case .object(let entries) = header
        else { throw bad("not a safetensors file (bad header)") }
        let start = 8 + length
        var tensors: [(String, Tensor)] = []
        for (name, entry) in entries where name != "__metadata__" {
            guard case .string("F32")? = entry["dtype"], case .array(let shapeItems)? = entry["shape"],
                  case .array(let offsets)? = entry["data_offsets"], offsets.count == 2,
                  case .int(let begin) = offsets[0], case .int(let end) = offsets[1]
            else { throw bad("tensor '\(name)' is not a float32 entry with shape and data_offsets") }
            let shape = shapeItems.compactMap { item -> Int? in if case .int(let v) = item { v } else { nil } }
            guard shape.count == shapeItems.count, end >= begin, (end - begin) == 4 * shape.reduce(1, *), start + end <= bytes.count else {
                throw bad("tensor '\(name)' has inconsistent shape and offsets")
            }
            var values = [Float](repeating: 0, count: (end - begin) / 4)
            values.withUnsafeMutableBytes { out in
                bytes.withUnsafeBytes { src in out.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(start + begin)..<(start + end)])) }
            }
            tensors.append((name, Tensor(shape: shape, values: values.map { Float(bitPattern: $0.bitPattern.littleEndian) })))
        }
        self.tensors = tensors
    }

    /// Writes the file atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(encoded(), to: url)
    }

    /// Reads a file `write` made.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw LoomError.unreadable(path: url.path, reason: SystemError.reason(error)) }
        try self.init(decoding: data, path: url.path)
    }
}
