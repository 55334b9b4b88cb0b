import Foundation
import Testing
import TimelineModel
@testable import TimelineBuild

/// `extract --jsonl` and `merge` as a library: part records, the union, and the graph of the union, compared
/// byte for byte with a build of the whole corpus.
@Suite struct PartMergeTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A corpus folder, its documents as `extract --jsonl` input lines, and the events.json of one full build.
    struct Corpus {
        var lines: [(id: String, line: Data)]
        var reference: Data
    }

    static func jsonLine(id: String, text: String, extra: [String: Any] = [:]) throws -> Data {
        var object: [String: Any] = ["id": id, "text": text]
        for (k, v) in extra { object[k] = v }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Every document of `folder` (recursively, as the corpus reader finds them) as an input line.
    static func lines(of folder: URL) throws -> [(id: String, line: Data)] {
        let base = folder.standardizedFileURL.path + "/"
        var out: [(String, Data)] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where ["txt", "md", "html"].contains(url.pathExtension) {
            let id = String(url.standardizedFileURL.path.dropFirst(base.count))
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            out.append((id, try jsonLine(id: id, text: text)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func fullBuild(_ folder: URL) throws -> Data {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let events = tmp.appendingPathComponent("events.json")
        let settings = BuildSettings(corpus: folder, events: events, curation: nil, output: tmp.appendingPathComponent("output"),
                                     useCache: false, jobs: 2)
        _ = try IncrementalBuilder(settings: settings, fingerprint: ExtractorFingerprint(parts: ["test": "1"])).extract()
        return try Data(contentsOf: events)
    }

    static let bundled: Corpus = {
        let folder = repoRoot.appendingPathComponent("corpus")
        return Corpus(lines: try! lines(of: folder), reference: try! fullBuild(folder))
    }()

    static let generated: Corpus = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try! CorpusGenerator(documents: 40, seed: 7, statementsPerDocument: 6).write(into: folder)
        return Corpus(lines: try! lines(of: folder), reference: try! fullBuild(folder))
    }()

    static let bundledRecords = extractRecords(bundled)
    static let generatedRecords = extractRecords(generated)

    /// The part record line of each input line, by id (extracted once per corpus).
    static func records(_ corpus: Corpus) -> [String: Data] {
        corpus.reference == bundled.reference ? bundledRecords : generatedRecords
    }

    static func extractRecords(_ corpus: Corpus) -> [String: Data] {
        let x = StreamExtractor()
        var out: [String: Data] = [:]
        for (i, l) in corpus.lines.enumerated() {
            guard case let .record(data, _) = x.process(line: l.line, number: i + 1) else {
                Issue.record("line \(i + 1) (\(l.id)) was not extracted")
                continue
            }
            out[l.id] = data
        }
        return out
    }

    static func merge(_ parts: [Data], mergeable: Bool = false) throws -> Data {
        var merger = PartMerger()
        for (i, p) in parts.enumerated() { try merger.add(partData: p, path: "part-\(i)") }
        return try MergeableEvents.encode(merger.graph(curation: nil, curationFile: nil).0,
                                          records: mergeable ? merger.records : nil)
    }

    // MARK: split and merge = full build

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomSplitsMergeToTheFullBuild(seed: UInt64) throws {
        for corpus in [Self.bundled, Self.generated] {
            let records = Self.records(corpus)
            var rng = SplitMix64(seed: seed)
            let ids = records.keys.sorted()
            let k = 1 + Int(rng.next() % 5)
            var parts = [[Data]](repeating: [], count: k)
            for id in ids {
                parts[Int(rng.next() % UInt64(k))].append(records[id]!)
                // Now and then the same document in a second part too: kept once.
                if rng.next() % 6 == 0 { parts[Int(rng.next() % UInt64(k))].append(records[id]!) }
            }
            let shuffled = parts.map { p in Data(shuffle(p, &rng).joined()) }
            let merged = try Self.merge(shuffle(shuffled, &rng))
            #expect(merged == corpus.reference, "seed \(seed): \(k) parts")
        }
    }

    @Test func mergeIsAssociativeThroughMergeableEventsFiles() throws {
        for corpus in [Self.bundled, Self.generated] {
            let records = Self.records(corpus).sorted { $0.key < $1.key }.map(\.value)
            let third = records.count / 3
            let a = Data(records[..<third].joined()), b = Data(records[third..<(2 * third)].joined()),
                c = Data(records[(2 * third)...].joined())
            let ab = try Self.merge([a, b], mergeable: true)
            let bc = try Self.merge([b, c], mergeable: true)
            #expect(try Self.merge([ab, c]) == corpus.reference)
            #expect(try Self.merge([a, bc]) == corpus.reference)
            #expect(try Self.merge([c, ab]) == corpus.reference)
            // A mergeable file merged again (alone, or with itself) gives itself back.
            let abc = try Self.merge([ab, bc], mergeable: true)
            #expect(try Self.merge([abc], mergeable: true) == abc)
            #expect(try Self.merge([abc, abc, a], mergeable: true) == abc)
            #expect(try Self.merge([abc]) == corpus.reference)
        }
    }

    @Test func aPartMergedWithItselfChangesNothing() throws {
        let records = Self.records(Self.bundled).values.sorted { $0.count < $1.count }
        let part = Data(records.joined())
        #expect(try Self.merge([part, part]) == Self.merge([part]))
        #expect(try Self.merge([part, part]) == Self.bundled.reference)
    }

    @Test func mergeableEventsAreThePlainFileWithOneMoreKey() throws {
        let part = Data(Self.records(Self.bundled).values.joined())
        let mergeable = try Self.merge([part], mergeable: true)
        let plain = try Self.merge([part])
        // Readers that do not know "extractions" see the same graph.
        #expect(try EventGraphCoder.decode(mergeable, path: "m") == EventGraphCoder.decode(plain, path: "p"))
        let object = try JSONSerialization.jsonObject(with: mergeable) as! [String: Any]
        #expect((object["extractions"] as! [Any]).count == (object["documents"] as! [Any]).count)
        #expect(String(decoding: mergeable, as: UTF8.self).contains("\n  \"extractions\" : [\n    {\n"))
    }

    // MARK: what cannot be merged

    @Test func conflictingDocumentsNameBothParts() throws {
        let x = StreamExtractor()
        guard case let .record(a, _) = x.process(line: try Self.jsonLine(id: "a.txt", text: "On 5 June 2019 the two sides signed a treaty."), number: 1),
              case let .record(b, _) = x.process(line: try Self.jsonLine(id: "a.txt", text: "In March 2014 the talks failed."), number: 1),
              case let .record(c, _) = x.process(line: try Self.jsonLine(id: "a.txt", text: "On 5 June 2019 the two sides signed a treaty.",
                                                                          extra: ["date": "2019-06-06"]), number: 1)
        else { Issue.record("not extracted"); return }
        var merger = PartMerger()
        try merger.add(partData: a, path: "one.jsonl")
        #expect(throws: TimelineError.self) { try merger.add(partData: b, path: "two.jsonl") }
        do { try merger.add(partData: b, path: "two.jsonl") } catch {
            let message = "\(error)"
            #expect(message.contains("\"a.txt\""))
            #expect(message.contains("one.jsonl:1") && message.contains("two.jsonl:1"))
            #expect(message.contains("different text"))
        }
        do { try merger.add(partData: c, path: "three.jsonl"); Issue.record("a conflict was accepted") } catch {
            #expect("\(error)".contains("read differently"))
        }
        // The same content again is fine.
        try merger.add(partData: a, path: "four.jsonl")
        #expect(merger.duplicates.count == 1)
    }

    @Test func aPlainEventsFileIsRefusedWithTheWayOut() throws {
        var merger = PartMerger()
        do {
            try merger.add(partData: Self.bundled.reference, path: "events.json")
            Issue.record("a plain events.json was accepted")
        } catch {
            #expect("\(error)".contains("--mergeable"))
        }
    }

    @Test func aMalformedPartLineIsNamed() throws {
        var merger = PartMerger()
        let good = Self.records(Self.bundled).values.first!
        do {
            try merger.add(partData: good + Data("{\"partVersion\":1}\n".utf8), path: "p.jsonl")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("p.jsonl:2"))
        }
        do {
            var other = PartMerger()
            try other.add(partData: Data("{\"partVersion\":9,\"document\":{}}\n".utf8), path: "q.jsonl")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("partVersion 9"))
        }
        // An empty part (an empty Spark partition) is fine.
        var empty = PartMerger()
        try empty.add(partData: Data(), path: "part-00003")
        #expect(empty.documents.isEmpty)
    }

    // MARK: input lines

    @Test(arguments: [
        ("not json", "line 1: not valid JSON"),
        ("[1, 2]", "line 1: expected a JSON object"),
        (#"{"text": "x"}"#, #"line 1: "id" is missing"#),
        (#"{"id": 3, "text": "x"}"#, #"line 1: "id" must be a string, found a number"#),
        (#"{"id": "a", "text": ["x"]}"#, #"line 1: "text" must be a string, found an array"#),
        (#"{"id": "a"}"#, #"line 1: "text" is missing"#),
        (#"{"id": "", "text": "x"}"#, #"line 1: "id" is empty"#),
        (#"{"id": "/etc/a", "text": "x"}"#, "is not a document id"),
        (#"{"id": "a", "text": "x", "date": "2019-13-01"}"#, #""date" '2019-13-01' is not a date"#),
        (#"{"id": "a", "text": "x", "date": "yesterday"}"#, #""date" 'yesterday' is not a date"#),
        (#"{"id": "a", "text": "x", "date": 2019}"#, #""date" must be a string, found a number"#),
        (#"{"id": "a", "text": "x", "format": "pdf"}"#, #""format" 'pdf' is not one of txt, md, html"#),
        (#"{"id": "a.md", "text": "---\ntitle: [oops\n---\nText."}"#, "line 1 (a.md): "),
    ])
    func malformedLinesAreNamed(line: String, message: String) {
        guard case let .failed(m) = StreamExtractor().process(line: Data(line.utf8), number: 1) else {
            Issue.record("\(line) was accepted")
            return
        }
        #expect(m.contains(message), "\(m)")
    }

    @Test func optionalFieldsAndFormats() throws {
        let x = StreamExtractor()
        func record(_ object: [String: Any]) throws -> PartRecord? {
            let line = try JSONSerialization.data(withJSONObject: object)
            guard case let .record(data, _) = x.process(line: line, number: 1) else { return nil }
            return try JSONDecoder().decode(PartRecord.self, from: data)
        }
        let text = "Last year the two sides signed a treaty."
        let dated = try #require(try record(["id": "a", "text": text, "date": "2024-05-01T08:00:00Z"]))
        #expect(dated.document.date == "2024-05-01")
        let nulls = try #require(try record(["id": "a", "text": text, "date": NSNull(), "format": NSNull(), "extra": 1]))
        #expect(nulls.document.date == nil)
        // The format comes from the id's extension unless given.
        let html = "<html><head><title>T &amp; U</title></head><body><p>On 5 June 2019 a treaty was signed.</p></body></html>"
        #expect(try record(["id": "x.html", "text": html])?.document.title == "T & U")
        #expect(try record(["id": "x", "text": html, "format": "html"])?.document.title == "T & U")
        #expect(try record(["id": "x.html", "text": html, "format": "txt"])?.document.title != "T & U")
        #expect(StreamExtractor().process(line: Data("   ".utf8), number: 4).isBlank)
    }

    @Test func outputOrderIsInputOrderWithJobs() throws {
        let lines = Self.generated.lines.map(\.line) + [Data("oops".utf8)] + Self.bundled.lines.map(\.line)
        for jobs in [1, 2, 4] {
            final class Sink: @unchecked Sendable { var order: [Int] = []; var ids: [String] = [] }
            let sink = Sink()
            var it = lines.makeIterator()
            let summary = StreamExtractor().run(jobs: jobs, next: { it.next() }) { n, outcome in
                sink.order.append(n)
                if case let .record(data, _) = outcome, let r = try? JSONDecoder().decode(PartRecord.self, from: data) {
                    sink.ids.append(r.document.id)
                }
            }
            #expect(sink.order == Array(1...lines.count))
            #expect(sink.ids == Self.generated.lines.map(\.id) + Self.bundled.lines.map(\.id))
            #expect(summary.failed == 1)
            #expect(summary.documents == lines.count - 1)
        }
    }
}

extension StreamExtractor.Outcome {
    var isBlank: Bool { if case .blank = self { return true } else { return false } }
}

func shuffle<T>(_ items: [T], _ rng: inout SplitMix64) -> [T] {
    var a = items
    if a.count < 2 { return a }
    for i in stride(from: a.count - 1, to: 0, by: -1) {
        a.swapAt(i, Int(rng.next() % UInt64(i + 1)))
    }
    return a
}
