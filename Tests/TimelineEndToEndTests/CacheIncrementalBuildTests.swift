import Foundation
import Testing

/// End-to-end: the extraction cache, observed through `build --json`.
@Suite(.serialized) struct CacheIncrementalBuildTests {
    struct Summary: Decodable {
        var documents: Int, read: Int, reextracted: Int, fromCache: Int, events: Int, upToDate: Bool
        var written: [String], skipped: [String: String], seconds: Double
    }

    static func build(_ dir: URL, _ extra: [String] = []) throws -> (Summary, BinaryRunner.Result) {
        let r = try BinaryRunner.run(["build", "--json"] + extra, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return (try JSONDecoder().decode(Summary.self, from: Data(r.stdout.utf8)), r)
    }

    @Test func onlyTheChangedDocumentIsExtracted() throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (cold, _) = try Self.build(tmp)
        #expect(cold.reextracted == 8)
        #expect(cold.documents == 8)
        #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent(".timeline-cache").path))

        let names = ["events.json", "output/timeline.dot", "output/timeline.svg", "output/timeline.md"]
        func mtimes() throws -> [Date?] {
            try names.map { try FileManager.default.attributesOfItem(atPath: tmp.appendingPathComponent($0).path)[.modificationDate] as? Date }
        }
        let before = try mtimes()
        Thread.sleep(forTimeInterval: 0.05)
        let (noop, _) = try Self.build(tmp)
        #expect(noop.upToDate)
        #expect(noop.reextracted == 0)
        #expect(noop.written.isEmpty)
        #expect(try mtimes() == before, "a no-op build touches no output")

        let doc = tmp.appendingPathComponent("corpus/analysis/trade-ledger.md")
        try (String(contentsOf: doc, encoding: .utf8) + "\nIn March 2023 a new rail freight route opened.\n")
            .write(to: doc, atomically: true, encoding: .utf8)
        let (one, _) = try Self.build(tmp)
        #expect(one.reextracted == 1)
        #expect(one.fromCache == 7)
        #expect(!one.upToDate)

        // The cached build writes exactly what a build without the cache writes.
        let cached = try names.map { try Data(contentsOf: tmp.appendingPathComponent($0)) }
        for n in names { try FileManager.default.removeItem(at: tmp.appendingPathComponent(n)) }
        let (uncached, _) = try Self.build(tmp, ["--no-cache"])
        #expect(uncached.reextracted == 8)
        #expect(try names.map { try Data(contentsOf: tmp.appendingPathComponent($0)) } == cached)
    }

    @Test func corruptCacheIsRebuiltNotTrusted() throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        _ = try Self.build(tmp)
        let good = try Data(contentsOf: tmp.appendingPathComponent("events.json"))
        // Garble every cache file.
        let cache = tmp.appendingPathComponent(".timeline-cache")
        for rel in FileManager.default.subpaths(atPath: cache.path) ?? [] {
            let url = cache.appendingPathComponent(rel)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            var bytes = try Data(contentsOf: url)
            if bytes.count > 100 { bytes[bytes.count / 2] ^= 0x55 }
            try bytes.write(to: url)
        }
        try FileManager.default.removeItem(at: tmp.appendingPathComponent("events.json"))
        let (s, r) = try Self.build(tmp)
        #expect(s.reextracted == 8, "\(r.stderr)")
        #expect(try Data(contentsOf: tmp.appendingPathComponent("events.json")) == good)
    }
}
