import COpenSSL
import Foundation

/// A SHA-256 digest in progress, over OpenSSL's EVP interface; owns its `EVP_MD_CTX`.
public final class SHA256 {
    private let context: OpaquePointer
    private var finished = false

    /// Starts a digest.
    /// - Throws: `LoomError.runtime` when OpenSSL cannot allocate or start one (out of memory).
    public init() throws {
        guard let ctx = EVP_MD_CTX_new() else { throw LoomError.runtime("OpenSSL could not allocate a SHA-256 digest (out of memory?)") }
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            throw LoomError.runtime("OpenSSL could not start a SHA-256 digest")
        }
        context = ctx
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256.update after finalizeHex")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Adds bytes to the digest.
    public func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hex digits; the hasher is spent afterwards (a second call traps).
    public func finalizeHex() -> String {
        precondition(!finished, "SHA256.finalizeHex called twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The hex digest of a buffer.
    public static func hex(of data: Data) throws -> String {
        let hasher = try SHA256()
        hasher.update(data)
        return hasher.finalizeHex()
    }

    /// The hex digest and size of a file, read in 1 MiB chunks.
    public static func hex(ofFile path: String) throws -> (hex: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LoomError.unreadable(path: path, reason: "no such file")
        }
        defer { try? handle.close() }
        let hasher = try SHA256()
        var total = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            total += chunk.count
            hasher.update(chunk)
        }
        return (hasher.finalizeHex(), total)
    }
}
