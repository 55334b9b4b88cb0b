import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, the one hash of the regeneration machinery.
public enum ContentHash {
    /// The SHA-256 of `bytes`, lowercase hex.
    public static func hex<D: DataProtocol>(_ bytes: D) -> String {
        hex(digest: SHA256.hash(data: bytes))
    }

    /// The SHA-256 of a string's UTF-8 bytes, lowercase hex.
    public static func hex(_ string: String) -> String {
        hex(Data(string.utf8))
    }

    /// The SHA-256 of the strings, each followed by a NUL byte (so that `["ab", "c"]` and `["a", "bc"]` differ).
    public static func hex(joining parts: [String]) -> String {
        var hasher = SHA256()
        for p in parts {
            hasher.update(data: Data(p.utf8))
            hasher.update(data: [0])
        }
        return hex(digest: hasher.finalize())
    }

    /// The SHA-256 of a file's bytes, or nil when it cannot be read.
    public static func hex(ofFileAt url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }   // nil or empty: end of file
            hasher.update(data: chunk)
        }
        return hex(digest: hasher.finalize())
    }

    static func hex(digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
