import Foundation
import TimelineModel

/// The compact binary form of the corpus index, the payload of `index-*` entries in the cache.
///
/// Every build, a no-op one included, loads the index to tell unchanged documents from their file stamps;
/// decoding 2,000 entries with `JSONDecoder` took most of a no-op build. The form is that of
/// ``CachedExtraction/binary()`` (varints and length-prefixed UTF-8, entries in path order); decoding checks
/// every length and returns nil on anything inconsistent.
extension BuildCache.IndexEntry {
    /// The payload bytes of `index`.
    static func binary(_ index: [String: BuildCache.IndexEntry]) -> [UInt8] {
        var w = BinaryWriter()
        w.int(index.count)
        for path in index.keys.sorted() {
            let e = index[path]!
            w.string(path)
            w.int(Int(e.stamp.size)); w.int(Int(e.stamp.mtime)); w.int(Int(e.stamp.ctime))
            w.int(Int(bitPattern: UInt(e.stamp.inode))); w.int(Int(bitPattern: UInt(e.stamp.device)))
            w.int(Int(e.hashedAt))
            w.string(e.record.id); w.string(e.record.sha256); w.optionalString(e.record.title)
            w.optionalString(e.record.date); w.strings(e.record.languages)
            w.strings(e.warnings)
        }
        return w.bytes
    }

    /// Decodes ``binary(_:)``; nil when the bytes are not such a payload.
    static func index(binary bytes: [UInt8]) -> [String: BuildCache.IndexEntry]? {
        var r = BinaryReader(bytes)
        guard let count = r.count() else { return nil }
        var index: [String: BuildCache.IndexEntry] = [:]
        index.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = r.string(), let size = r.int(), let mtime = r.int(), let ctime = r.int(),
                  let inode = r.int(), let device = r.int(), let hashedAt = r.int(),
                  let id = r.string(), let sha = r.string(), let title = r.optionalString(),
                  let date = r.optionalString(), let languages = r.strings(), let warnings = r.strings()
            else { return nil }
            let stamp = FileStamp(size: Int64(size), mtime: Int64(mtime), ctime: Int64(ctime),
                                  inode: UInt64(UInt(bitPattern: inode)), device: UInt64(UInt(bitPattern: device)))
            index[path] = BuildCache.IndexEntry(
                stamp: stamp, hashedAt: Int64(hashedAt),
                record: DocumentRecord(id: id, sha256: sha, title: title, date: date, languages: languages),
                warnings: warnings)
        }
        guard r.atEnd, index.count == count else { return nil }
        return index
    }
}
