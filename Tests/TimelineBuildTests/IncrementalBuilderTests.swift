import Foundation
import Testing
import TimelineCorpus
import TimelineExtraction
import TimelineGraph
import TimelineModel
@testable import TimelineBuild

/// The incremental builder on a small generated corpus, in temporary folders.
@Suite(.serialized) struct IncrementalBuilderTests {
    /// A fixed fingerprint: tests must not depend on the test binary's bytes.
    static let fingerprint = ExtractorFingerprint(parts: ["test": "1"])

    struct Fixture {
        let root: URL
        var corpus: URL { root.appendingPathComponent("corpus") }
        var events: URL { root.appendingPathComponent("events.json") }
        var output: URL { root.appendingPathComponent("output") }
        var cache: URL { root.appendingPathComponent(".timeline-cache") }

        init(documents: Int = 6) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-build-\(UUID().uuidString)")
            try CorpusGenerator(documents: documents, statementsPerDocument: 4).write(into: root.appendingPathComponent("corpus"))
        }

        func settings(useCache: Bool = true) -> BuildSettings {
            BuildSettings(corpus: corpus, events: events, curation: root.appendingPathComponent("curation.json"),
                          output: output, useCache: useCache, jobs: 2)
        }

        func builder(useCache: Bool = true) -> IncrementalBuilder {
            IncrementalBuilder(settings: settings(useCache: useCache), fingerprint: IncrementalBuilderTests.fingerprint)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func cachedExtractionsRebuildTheSameBytes() throws {
        let f = try Fixture()
        defer { f.remove() }
        let cold = try f.builder(useCache: false).build()
        #expect(cold.reextracted == 6)
        let fresh = try Data(contentsOf: f.events)
        try FileManager.default.removeItem(at: f.events)
        // First cached build fills the cache, the second (new builder, nothing in memory) reads it.
        _ = try f.builder().build()
        try FileManager.default.removeItem(at: f.events)
        let warm = try f.builder().build()
        #expect(warm.reextracted == 0)
        #expect(warm.fromCache == 6)
        #expect(try Data(contentsOf: f.events) == fresh)
    }

    @Test func sameBytesAsTheDirectPipeline() throws {
        // The bundled corpus (Markdown front matter, HTML, Chinese): read, extract, merge in one go, as before.
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus")
        let result = try CorpusReader(root: corpus).read()
        let extractor = EventExtractor()
        let direct = try EventGraphCoder.encode(GraphBuilder().build(documents: result.documents,
                                                                     extractions: result.documents.map { extractor.extract($0) }))
        let f = try Fixture(documents: 0)
        defer { f.remove() }
        let settings = BuildSettings(corpus: corpus, events: f.events, curation: nil, output: f.output,
                                     cacheFolder: f.cache, jobs: 2)
        _ = try IncrementalBuilder(settings: settings, fingerprint: Self.fingerprint).build()
        #expect(try Data(contentsOf: f.events) == direct)
        try FileManager.default.removeItem(at: f.events)
        let warm = try IncrementalBuilder(settings: settings, fingerprint: Self.fingerprint).build()
        #expect(warm.reextracted == 0)
        #expect(try Data(contentsOf: f.events) == direct)
    }

    @Test func noOpBuildWritesNothing() throws {
        let f = try Fixture()
        defer { f.remove() }
        _ = try f.builder().build()
        let again = try f.builder().build()
        #expect(again.upToDate)
        #expect(again.written.isEmpty)
        #expect(again.events > 0)
    }

    @Test func changedDocumentAloneIsExtracted() throws {
        let f = try Fixture()
        defer { f.remove() }
        _ = try f.builder().build()
        let doc = f.corpus.appendingPathComponent("part-03/doc-00003.txt")
        try ("In June 1999 a new bridge opened in Harbin.\n" + String(contentsOf: doc, encoding: .utf8))
            .write(to: doc, atomically: true, encoding: .utf8)
        let s = try f.builder().build()
        #expect(s.reextracted == 1)
        #expect(s.fromCache == 5)
        #expect(!s.upToDate)
        #expect(s.written.contains(f.events.relativePath))
    }

    @Test func corruptAndForeignEntriesAreRebuilt() throws {
        let f = try Fixture(documents: 3)
        defer { f.remove() }
        _ = try f.builder().build()
        let expected = try Data(contentsOf: f.events)
        let entries = try FileManager.default.subpathsOfDirectory(atPath: f.cache.appendingPathComponent("extractions").path)
            .filter { $0.count > 3 }.sorted()
        #expect(entries.count == 3)
        // Flip a payload byte of one entry, replace another with a foreign file.
        let first = f.cache.appendingPathComponent("extractions/" + entries[0])
        var bytes = try Data(contentsOf: first)
        bytes[bytes.count - 2] ^= 0x20
        try bytes.write(to: first)
        try Data("{\"not\": \"ours\"}".utf8).write(to: f.cache.appendingPathComponent("extractions/" + entries[1]))
        try FileManager.default.removeItem(at: f.events)
        let s = try f.builder().build()
        #expect(s.cacheRejected == 2)
        #expect(s.reextracted == 2)
        #expect(try Data(contentsOf: f.events) == expected)
        // Rebuilt entries are good again.
        try FileManager.default.removeItem(at: f.events)
        #expect(try f.builder().build().cacheRejected == 0)
    }

    /// Rendered pieces (SVG tiles, Markdown sections, events.json chunks) come from the cache after a change;
    /// damaged ones are rejected and rendered again, and either way the files are the bytes of a build
    /// without a cache.
    @Test func piecesAreReusedAndDamagedOnesRebuilt() throws {
        let f = try Fixture(documents: 8)
        defer { f.remove() }
        var settings = f.settings()
        settings.renderOptions.layout = .positioned
        _ = try IncrementalBuilder(settings: settings, fingerprint: Self.fingerprint).build()
        let folder = f.cache.appendingPathComponent("pieces")
        let pieces = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(pieces.count >= 2, "a frame and at least one tile")

        let doc = f.corpus.appendingPathComponent("part-03/doc-00003.txt")
        try ("In June 1999 a new bridge opened in Harbin.\n" + String(contentsOf: doc, encoding: .utf8))
            .write(to: doc, atomically: true, encoding: .utf8)
        // Damage every piece (tiles, frame, Markdown sections, events.json chunks): each one read is rejected.
        for name in pieces {
            let url = folder.appendingPathComponent(name)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: url)
        }
        let damaged = try IncrementalBuilder(settings: settings, fingerprint: Self.fingerprint).build()
        #expect(damaged.cacheRejected >= 3)
        #expect(damaged.warnings.contains { $0.contains("pieces/") })
        let svg = try Data(contentsOf: f.output.appendingPathComponent("timeline.svg"))
        let events = try Data(contentsOf: f.events)
        let markdown = try Data(contentsOf: f.output.appendingPathComponent("timeline.md"))

        // A build without the cache writes the same files; one with the (rebuilt) pieces rejects nothing.
        try FileManager.default.removeItem(at: f.output)
        var uncached = settings
        uncached.useCache = false
        _ = try IncrementalBuilder(settings: uncached, fingerprint: Self.fingerprint).build()
        #expect(try Data(contentsOf: f.output.appendingPathComponent("timeline.svg")) == svg)
        #expect(try Data(contentsOf: f.events) == events)
        #expect(try Data(contentsOf: f.output.appendingPathComponent("timeline.md")) == markdown)
        try FileManager.default.removeItem(at: f.output)
        try FileManager.default.removeItem(at: f.events)
        #expect(try IncrementalBuilder(settings: settings, fingerprint: Self.fingerprint).build().cacheRejected == 0)
        #expect(try Data(contentsOf: f.output.appendingPathComponent("timeline.svg")) == svg)
        #expect(try Data(contentsOf: f.events) == events)
        #expect(try Data(contentsOf: f.output.appendingPathComponent("timeline.md")) == markdown)
        // No damaged piece is left: those read were rejected and rewritten, those not read removed.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let read = CacheFile.read(folder.appendingPathComponent(name), kind: PieceFolder.kind, key: name)
            #expect((try? read.get()) != nil, "\(name)")
        }
    }

    @Test func anotherFingerprintIgnoresTheCache() throws {
        let f = try Fixture(documents: 3)
        defer { f.remove() }
        _ = try f.builder().build()
        let other = IncrementalBuilder(settings: f.settings(), fingerprint: ExtractorFingerprint(parts: ["test": "2"]))
        let s = try other.build()
        #expect(s.reextracted == 3)
        #expect(!s.upToDate)
    }

    @Test func aNewExtractorRemovesTheOldOnesExtractions() throws {
        let f = try Fixture(documents: 3)
        defer { f.remove() }
        func entries() throws -> Set<String> {
            let root = f.cache.appendingPathComponent("extractions")
            var names = Set<String>()
            for shard in try FileManager.default.contentsOfDirectory(atPath: root.path) {
                names.formUnion(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(shard).path))
            }
            return names
        }
        // Another corpus's entry in a shared cache folder outlives a first build.
        let shared = f.cache.appendingPathComponent("extractions/ab/ab-another-corpus")
        try FileManager.default.createDirectory(at: shared.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("timeline-cache".utf8).write(to: shared)
        _ = try f.builder().build()
        #expect(FileManager.default.fileExists(atPath: shared.path))
        try FileManager.default.removeItem(at: shared)
        let old = try entries()
        #expect(old.count == 3)
        // Another document under the same extractor: every entry stays.
        try Data("On May 2, 1999 a ferry line opened on the Amur.\n".utf8).write(to: f.corpus.appendingPathComponent("extra.txt"))
        _ = try f.builder().build()
        #expect(try entries().count == 4 && old.isSubset(of: try entries()))
        // A new extractor keeps only its own.
        let other = IncrementalBuilder(settings: f.settings(), fingerprint: ExtractorFingerprint(parts: ["test": "2"]))
        _ = try other.build()
        let now = try entries()
        #expect(now.count == 4 && now.isDisjoint(with: old))
        // The build after it is a no-op and finds them all.
        let again = try IncrementalBuilder(settings: f.settings(), fingerprint: ExtractorFingerprint(parts: ["test": "2"])).build()
        #expect(again.upToDate)
    }

    @Test func checkFindsEditsAndHandEditedOutputs() throws {
        let f = try Fixture(documents: 3)
        defer { f.remove() }
        #expect(try !f.builder().check().upToDate)   // nothing built yet
        _ = try f.builder().build()
        #expect(try f.builder().check().upToDate)
        let md = f.output.appendingPathComponent("timeline.md")
        try (String(contentsOf: md, encoding: .utf8) + "hand edit\n").write(to: md, atomically: true, encoding: .utf8)
        let report = try f.builder().check()
        #expect(report.reasons.map(\.kind) == ["edited"])
        _ = try f.builder().build()
        try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("part-01/doc-00001.txt"))
        let removed = try f.builder().check()
        #expect(removed.reasons.contains { $0.kind == "removed" && $0.path == "part-01/doc-00001.txt" })
    }

    @Test func curationChangeIsAReason() throws {
        let f = try Fixture(documents: 3)
        defer { f.remove() }
        let built = try f.builder().build()
        #expect(built.events > 0)
        let graph = try EventGraphCoder.read(from: f.events)
        let id = try #require(graph.events.first?.id)
        try Data("{\"events\": {\"\(id)\": {\"hidden\": true}}}".utf8).write(to: f.root.appendingPathComponent("curation.json"))
        let report = try f.builder().check()
        #expect(report.reasons.contains { $0.kind == "curation" })
        #expect(try !f.builder().build().upToDate)
        #expect(try f.builder().check().upToDate)
    }
}
