import Foundation
import Testing
@testable import TimelineCorpus

/// Big single-line files must read in linear time. The default size keeps the suite quick; set
/// `TIMELINE_PERF_MB=100` to try a 100 MB file.
@Suite struct PerformanceTests {
    static let megabytes = Int(ProcessInfo.processInfo.environment["TIMELINE_PERF_MB"] ?? "") ?? 1

    func timeToRead(_ bytes: [UInt8], named name: String) throws -> (Duration, SourceDocument) {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        let url = try TestSupport.write(bytes, to: dir, name)
        var doc: SourceDocument?
        let elapsed = try ContinuousClock().measure {
            doc = try CorpusReader(root: dir).readDocument(at: url, id: name)
        }
        return (elapsed, doc!)
    }

    func line(_ unit: String, size: Int) -> [UInt8] {
        let u = Array(unit.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + u.count)
        while bytes.count < size { bytes.append(contentsOf: u) }
        return bytes
    }

    @Test func singleLineTextIsLinear() throws {
        let size = Self.megabytes << 20
        let (small, _) = try timeToRead(line("word 2021-01-01 词 ", size: size / 4), named: "a.txt")
        let (big, doc) = try timeToRead(line("word 2021-01-01 词 ", size: size), named: "b.txt")
        #expect(doc.text.utf8.count >= size)
        // Quadratic work would take ~16x; allow generous noise.
        #expect(big < small * 10 + .seconds(2), "\(small) vs \(big)")
    }

    @Test func singleLineHTMLIsLinear() throws {
        let size = Self.megabytes << 20
        let unit = "<b>x</b> a &amp; b <i a=\"1\" <p <!-- c --> < &bogus "
        let (small, _) = try timeToRead(line(unit, size: size / 4), named: "a.html")
        let (big, doc) = try timeToRead(line(unit, size: size), named: "b.html")
        #expect(doc.offsetMap?.count == doc.text.unicodeScalars.count + 1)
        #expect(big < small * 10 + .seconds(2), "\(small) vs \(big)")
    }

    @Test func pathologicalUnclosedMarkupIsLinear() throws {
        let size = Self.megabytes << 19
        for unit in ["<a b=\"", "<!--", "<title>", "<script>", "<x "] {
            let (small, _) = try timeToRead(line(unit, size: size / 4), named: "a.html")
            let (big, _) = try timeToRead(line(unit, size: size), named: "b.html")
            #expect(big < small * 10 + .seconds(2), "\(unit): \(small) vs \(big)")
        }
    }

    @Test func unclosedFrontMatterIsLinear() throws {
        let size = Self.megabytes << 20
        let body = Array("---\n".utf8) + line("key: value\n", size: size)
        let (elapsed, doc) = try timeToRead(body, named: "fm.txt")
        #expect(doc.text.utf8.count == body.count)
        #expect(elapsed < .seconds(60))
    }
}
