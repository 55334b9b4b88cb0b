import Foundation
import Testing
@testable import TimelineBuild
import TimelineExtraction
import TimelineModel

@Suite struct CacheFileTests {
    @Test func roundTripAndRejections() {
        let payload = Data("{\"a\":1}".utf8)
        let entry = CacheFile.encode(kind: "extraction", key: "k1", payload: payload)
        #expect(CacheFile.decode(entry, kind: "extraction", key: "k1") == .success(payload))
        #expect(CacheFile.decode(entry, kind: "extraction", key: "k2") == .failure(.corrupt("entry for another key")))
        var flipped = entry
        flipped[flipped.count - 1] ^= 1
        #expect(CacheFile.decode(flipped, kind: "extraction", key: "k1") == .failure(.corrupt("checksum mismatch")))
        let future = Data(String(decoding: entry, as: UTF8.self).replacingOccurrences(of: "timeline-cache \(ExtractorFingerprint.formatVersion) ", with: "timeline-cache 9 ").utf8)
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

@Suite struct CachedExtractionBinaryTests {
    /// A random extraction-shaped value: strings with multi-byte scalars and empty ones, negative numbers.
    static func randomEntry(_ rng: inout some RandomNumberGenerator) -> CachedExtraction {
        let pool = ["", "a", "Harbin", "哈尔滨条约", "x\"y\\z", "e\u{301}", "🙂 emoji", String(repeating: "long ", count: 40)]
        func s() -> String { pool.randomElement(using: &rng)! }
        func ints() -> [Int] { (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: -5...1_000_000, using: &rng) } }
        let mentions = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
            CachedExtraction.Mention(ts: ints(), rs: ints(), q: s(), dt: s(), ds: ints(), e: Bool.random(using: &rng) ? s() : nil,
                                     t: s(), tq: Int.random(in: -3...9, using: &rng), ty: s(), a: [s(), s()], p: [s()],
                                     l: s(), s: Int.random(in: 0...400, using: &rng), d: Bool.random(using: &rng) ? nil : s())
        }
        var entry = CachedExtraction(DocumentExtraction(document: s(), mentions: [], relations: []))
        entry.mentions = mentions
        entry.relations = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
            CachedExtraction.Relation(f: Int.random(in: 0...9, using: &rng), t: Int.random(in: 0...9, using: &rng),
                                      ty: RelationType.allCases.randomElement(using: &rng)!,
                                      ev: Evidence(document: s(), span: ints(), quote: s()))
        }
        return entry
    }

    /// The decoded extraction, compared in its cached form (``DocumentExtraction`` is not `Equatable`).
    static func decoded(_ bytes: [UInt8]) -> CachedExtraction? {
        DocumentExtraction(cachedBinary: bytes).map(CachedExtraction.init)
    }

    /// Random entries, some with spans that are not ranges or relations to missing mentions: the payload decodes
    /// to what ``CachedExtraction/extraction()`` makes of the entry, nil for the inconsistent ones.
    @Test func decodesWhatTheEntryHolds() {
        // Seeded: how many entries come out consistent must not depend on the run.
        var rng = SplitMix64(state: 0x5EED)
        var consistent = 0
        for _ in 0..<600 {
            let entry = Self.randomEntry(&rng)
            let expected = entry.extraction().map(CachedExtraction.init)
            if expected != nil { consistent += 1 }
            #expect(Self.decoded(entry.binary()) == expected)
        }
        #expect(consistent > 20)
    }

    /// Truncated, extended or bit-flipped payloads never crash: they decode to nil or to some extraction.
    @Test func malformedPayloadsAreRejectedOrHarmless() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = Self.randomEntry(&rng).binary()
            #expect(Self.decoded(Array(bytes.dropLast(max(1, bytes.count / 3)))) == nil)
            #expect(Self.decoded(bytes + [0]) == nil)
            var flipped = bytes
            flipped[Int.random(in: 0..<flipped.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            _ = Self.decoded(flipped)
            _ = Self.decoded((0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
        #expect(Self.decoded([]) == nil)
        #expect(Self.decoded([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) == nil)
    }
}

@Suite struct IndexBinaryTests {
    static func randomIndex(_ rng: inout some RandomNumberGenerator) -> [String: BuildCache.IndexEntry] {
        let pool = ["", "a", "corpus/é.md", "中文.txt", "x\ny", "2019-06-05", "en", "zh"]
        func s() -> String { pool.randomElement(using: &rng)! + String(Int.random(in: 0...99, using: &rng)) }
        func big() -> Int64 { Int64.random(in: Int64.min...Int64.max, using: &rng) }
        var index: [String: BuildCache.IndexEntry] = [:]
        for _ in 0..<Int.random(in: 0...20, using: &rng) {
            let stamp = FileStamp(size: big(), mtime: big(), ctime: big(), inode: UInt64.random(in: 0...UInt64.max, using: &rng),
                                  device: UInt64.random(in: 0...UInt64.max, using: &rng))
            let record = DocumentRecord(id: s(), sha256: s(), title: Bool.random(using: &rng) ? s() : nil,
                                        date: Bool.random(using: &rng) ? s() : nil, languages: [s(), s()])
            index[s()] = BuildCache.IndexEntry(stamp: stamp, hashedAt: big(), record: record,
                                               warnings: Bool.random(using: &rng) ? [s()] : [])
        }
        return index
    }

    @Test func roundTripsRandomIndexes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let index = Self.randomIndex(&rng)
            let bytes = BuildCache.IndexEntry.binary(index)
            #expect(BuildCache.IndexEntry.index(binary: bytes) == index)
            #expect(BuildCache.IndexEntry.binary(index) == bytes, "the same index encodes to the same bytes")
        }
    }

    @Test func truncatedOrExtendedIndexesAreRejected() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var index = Self.randomIndex(&rng)
            if index.isEmpty { index["a"] = Self.randomIndex(&rng).values.first ?? BuildCache.IndexEntry(
                stamp: FileStamp(size: 1, mtime: 2, ctime: 3, inode: 4, device: 5), hashedAt: 6,
                record: DocumentRecord(id: "a", sha256: "b"), warnings: []) }
            let bytes = BuildCache.IndexEntry.binary(index)
            #expect(BuildCache.IndexEntry.index(binary: Array(bytes.dropLast())) == nil)
            #expect(BuildCache.IndexEntry.index(binary: bytes + [0]) == nil)
            var flipped = bytes
            flipped[Int.random(in: 0..<flipped.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            _ = BuildCache.IndexEntry.index(binary: flipped)
        }
    }
}
