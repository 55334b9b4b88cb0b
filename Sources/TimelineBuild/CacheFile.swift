import Foundation

/// The on-disk envelope of every cache file: a header line naming the format version, the kind of entry, its
/// key and the checksum of the payload (``XXHash64``), then the payload. An entry whose header, key or checksum
/// does not match is foreign or corrupt and is never trusted.
///
///     timeline-cache 4 extraction <key> <xxh64 of payload, 16 hex digits>\n<payload>
enum CacheFile {
    static let magic = "timeline-cache"

    /// Folders this process has created or found, so that writing 10,000 entries does not ask for each one's
    /// folder again (a cold build spent a tenth of its cache writes there). A folder removed behind our back
    /// is made again when a write into it fails.
    private static let knownFolders = LockedSet()

    final class LockedSet: @unchecked Sendable {
        private var paths = Set<String>()
        private let lock = NSLock()
        func contains(_ p: String) -> Bool { lock.lock(); defer { lock.unlock() }; return paths.contains(p) }
        func insert(_ p: String) { lock.lock(); paths.insert(p); lock.unlock() }
    }

    /// The bytes of an entry.
    static func encode(kind: String, key: String, payload: Data) -> Data {
        var data = Data("\(magic) \(ExtractorFingerprint.formatVersion) \(kind) \(key) \(XXHash64.hex(payload))\n".utf8)
        data.append(payload)
        return data
    }

    /// Why an entry was rejected.
    enum Rejection: Error, Equatable {
        case missing
        case corrupt(String)
    }

    /// The payload of an entry, checked against `kind` and `key`.
    static func decode(_ data: Data, kind: String, key: String) -> Result<Data, Rejection> {
        // The header's end, looked for in its first 512 bytes (memchr: `Data.firstIndex` goes byte by byte).
        let found = data.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let hit = memchr(base, 0x0A, min(bytes.count, 512)) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let offset = found else { return .failure(.corrupt("no header")) }
        let newline = data.startIndex + offset
        // The header this entry must have, up to its checksum, compared as bytes (splitting it as a String
        // took longer than reading a small entry); any other header is read field by field to say why not.
        let expected = Array("\(magic) \(ExtractorFingerprint.formatVersion) \(kind) \(key) ".utf8)
        if offset == expected.count + 16, data.withUnsafeBytes({ memcmp($0.baseAddress!, expected, expected.count) == 0 }) {
            let payload = data[(newline + 1)...]
            let checksum = String(decoding: data[(data.startIndex + expected.count)..<newline], as: UTF8.self)
            guard XXHash64.hex(payload) == checksum else { return .failure(.corrupt("checksum mismatch")) }
            return .success(Data(payload))
        }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 5, header[0] == magic else { return .failure(.corrupt("not a timeline cache file")) }
        guard header[1] == "\(ExtractorFingerprint.formatVersion)" else {
            return .failure(.corrupt("format version \(header[1])"))
        }
        guard header[2] == kind, header[3] == key else { return .failure(.corrupt("entry for another key")) }
        let payload = data[(newline + 1)...]
        guard XXHash64.hex(payload) == header[4] else { return .failure(.corrupt("checksum mismatch")) }
        return .success(Data(payload))
    }

    /// Reads and checks an entry.
    static func read(_ url: URL, kind: String, key: String) -> Result<Data, Rejection> {
        read(atPath: url.path, kind: kind, key: key)
    }

    /// Reads and checks the entry at `path`.
    static func read(atPath path: String, kind: String, key: String) -> Result<Data, Rejection> {
        guard let data = readFile(path) else { return .failure(.missing) }
        return decode(data, kind: kind, key: key)
    }

    /// The bytes of the regular file at `path`, or nil when it cannot be read. (`Data(contentsOf:)` spent as
    /// long turning its URL back into a path as reading a small entry.) A file that changes while it is read
    /// gives bytes whose checksum fails.
    static func readFile(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        var done = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while done < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if n == 0 { break }
                done += n
            }
            return true
        }
        guard ok else { return nil }
        if done < data.count { data.count = done }
        return data
    }

    /// Writes to a uniquely named temporary file in the same folder, then renames it into place, so that
    /// concurrent writers and interrupted runs never leave a partial file under the final name.
    ///
    /// Not flushed to disk (`Data.write` calls `fsync` on every file: a cold build of 2,000 documents made
    /// 2,500 of them): after a power loss an entry may be empty or torn, and its header and checksum then
    /// reject it. The outputs (``AtomicFile``) are flushed.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        if !knownFolders.contains(dir.path) {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            knownFolders.insert(dir.path)
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try write(data, to: tmp.path)
        } catch {
            // The folder may have been removed since it was made (the cache deleted during `timeline watch`).
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try write(data, to: tmp.path)
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
        }
    }

    /// Creates `path` (which must not exist) holding `data`, without `fsync`.
    private static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))]) }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(failure))])
        }
    }
}
