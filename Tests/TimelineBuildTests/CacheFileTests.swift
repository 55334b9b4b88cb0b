import Foundation
import Testing
@testable import TimelineBuild

@Suite struct CacheFileTests {
    @Test func roundTripAndRejections() {
        let payload = Data("{\"a\":1}".utf8)
        let entry = CacheFile.encode(kind: "extraction", key: "k1", payload: payload)
        #expect(CacheFile.decode(entry, kind: "extraction", key: "k1") == .success(payload))
        #expect(CacheFile.decode(entry, kind: "extraction", key: "k2") == .failure(.corrupt("entry for another key")))
        var flipped = entry
        flipped[flipped.count - 1] ^= 1
        #expect(CacheFile.decode(flipped, kind: "extraction", key: "k1") == .failure(.corrupt("checksum mismatch")))
        let future = Data(String(decoding: entry, as: UTF8.self).replacingOccurrences(of: "timeline-cache 1 ", with: "timeline-cache 9 ").utf8)
        #expect(CacheFile.decode(future, kind: "extraction", key: "k1") == .failure(.corrupt("format version 9")))
        #expect(CacheFile.decode(Data("garbage".utf8), kind: "extraction", key: "k1") == .failure(.corrupt("no header")))
    }

    @Test func watcherSeesRenamesAndEdits() {
        let a = FileStamp(size: 1, mtime: 1, ctime: 1, inode: 10, device: 1)
        let b = FileStamp(size: 2, mtime: 2, ctime: 2, inode: 11, device: 1)
        let b2 = FileStamp(size: 3, mtime: 3, ctime: 3, inode: 12, device: 1)
        let c = FileStamp(size: 4, mtime: 4, ctime: 4, inode: 13, device: 1)
        let change = CorpusWatcher.change(from: ["a.txt": a, "b.txt": b], to: ["z.txt": a, "b.txt": b2, "c.md": c])
        #expect(change.renamed.map { "\($0.from)>\($0.to)" } == ["a.txt>z.txt"])
        #expect(change.modified == ["b.txt"])
        #expect(change.added == ["c.md"])
        #expect(change.removed.isEmpty)
        #expect(change.description == "added c.md; modified b.txt; renamed a.txt → z.txt")
    }

    @Test func fingerprintFindsTheRuleBundles() {
        let fp = ExtractorFingerprint.current()
        for name in ExtractorFingerprint.resourceBundles {
            #expect(fp.parts[name] != nil && fp.parts[name] != "missing", "\(name) not found")
        }
    }
}
