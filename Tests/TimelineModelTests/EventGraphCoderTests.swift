import Foundation
import Testing
@testable import TimelineModel

@Suite("EventGraphCoder")
struct EventGraphCoderTests {
    @Test("encoding is deterministic: twice the same bytes, trailing newline, sorted keys")
    func deterministic() throws {
        let g = TestSupport.sampleGraph()
        let a = try EventGraphCoder.encode(g), b = try EventGraphCoder.encode(g)
        #expect(a == b)
        #expect(a.last == 0x0A)
        let text = try #require(String(data: a, encoding: .utf8))
        // Top-level keys in sorted order, no timestamps, slashes not escaped.
        let keys = ["\"documents\"", "\"events\"", "\"relations\"", "\"schemaVersion\"", "\"undated\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains("\"b/zh.md\""))
        #expect(!text.contains("\\/"))
        #expect(text.contains("中苏关系"))  // non-ASCII written as UTF-8, not \u escapes
    }

    @Test("shuffled arrays encode to the same bytes")
    func shuffled() throws {
        let canonical = try EventGraphCoder.encode(TestSupport.sampleGraph())
        var rng = SplitMix64(state: 7)
        for _ in 0..<50 {
            var g = TestSupport.sampleGraph()
            g.documents.shuffle(using: &rng)
            g.events.shuffle(using: &rng)
            for i in g.events.indices { g.events[i].mentions.shuffle(using: &rng) }
            g.relations.shuffle(using: &rng)
            g.undated.shuffle(using: &rng)
            #expect(try EventGraphCoder.encode(g) == canonical)
        }
    }

    @Test("the same relation stated in two places encodes the same whatever the input order")
    func tiedRelations() throws {
        func graph(_ order: [Int]) -> EventGraph {
            let rs = [
                Relation(from: "a", to: "b", type: .causes, evidence: Evidence(document: "x.txt", span: [0, 5], quote: "led to")),
                Relation(from: "a", to: "b", type: .causes, evidence: Evidence(document: "y.txt", span: [9, 20], quote: "resulted in")),
            ]
            return EventGraph(relations: order.map { rs[$0] })
        }
        let one = try EventGraphCoder.encode(graph([0, 1])), two = try EventGraphCoder.encode(graph([1, 0]))
        #expect(one == two)
    }

    @Test("actors and places keep their order of salience")
    func salienceOrderKept() throws {
        let data = try EventGraphCoder.encode(TestSupport.sampleGraph())
        let back = try EventGraphCoder.decode(data, path: "events.json")
        let clash = try #require(back.event(withID: "1969-03-ussuri-river-clash"))
        #expect(clash.actors == ["Soviet Union", "China"])
        #expect(clash.places == ["Zhenbao Island", "Ussuri River"])
    }

    @Test("events are ordered by start, then end, then id")
    func eventOrder() throws {
        let g = TestSupport.sampleGraph()
        #expect(g.events.map(\.id) == [
            "1960s-sino-soviet-split", "1969-03-ussuri-river-clash", "2000s-early-rebuilding",
            "2019-06-05-new-era-partnership",
        ])
        var h = EventGraph(events: [
            Event(id: "b", date: EventDate(edtf: "1969")!, title: "year"),
            Event(id: "a", date: EventDate(edtf: "1969")!, title: "same year, smaller id"),
            Event(id: "c", date: EventDate(edtf: "1969-01")!, title: "January: same start, earlier end"),
        ])
        h.canonicalize()
        #expect(h.events.map(\.id) == ["c", "a", "b"])
    }

    @Test("decode(encode(g)) == g")
    func roundTrip() throws {
        let g = TestSupport.sampleGraph()
        let back = try EventGraphCoder.decode(try EventGraphCoder.encode(g), path: "events.json")
        #expect(back == g)
        #expect(back.documents[0].title == nil)  // explicit null survives
    }

    @Test("the hand-written fixture is already canonical: decoding and re-encoding gives the same bytes")
    func fixtureIsCanonical() throws {
        let data = try TestSupport.fixture("events-valid.json")
        let g = try EventGraphCoder.decode(data, path: "events-valid.json")
        #expect(g.events.count == 20)
        #expect(g.relations.count == 6)
        #expect(try EventGraphCoder.encode(g) == data)
    }

    @Test("a hand-edited minimal file decodes, deriving what it leaves out")
    func minimalFile() throws {
        let json = """
        {"schemaVersion": 1,
         "documents": [{"id": "notes.txt"}],
         "events": [{"id": "1969-clash", "title": "Border clash", "date": {"value": "1969"},
                     "mentions": [{"document": "notes.txt"}]},
                    {"id": "early-2000s", "title": "Rebuilding", "date": {"value": "2000/2004~"}}]}
        """
        let g = try EventGraphCoder.decode(Data(json.utf8), path: "events.json")
        #expect(g.documents == [DocumentRecord(id: "notes.txt", sha256: "")])
        #expect(g.relations.isEmpty && g.undated.isEmpty)
        let e = try #require(g.event(withID: "1969-clash"))
        #expect(e.date == EventDate(value: "1969", precision: .year, start: "1969-01-01", end: "1969-12-31"))
        #expect(e.type == "event")
        #expect(e.actors.isEmpty && e.places.isEmpty)
        #expect(e.mentions == [Mention(document: "notes.txt", span: [], quote: "", dateText: "")])
        let r = try #require(g.event(withID: "early-2000s"))
        #expect(r.date.precision == .range && r.date.start == "2000-01-01" && r.date.end == "2004-12-31")
    }

    @Test("a value the parser does not know is kept when explicit bounds are given")
    func unknownValueWithBounds() throws {
        let json = #"{"schemaVersion": 1, "events": [{"id": "x", "title": "T", "date": {"value": "spring 1969", "start": "1969-03-01"}}]}"#
        let g = try EventGraphCoder.decode(Data(json.utf8), path: "events.json")
        #expect(g.events[0].date == EventDate(value: "spring 1969", precision: .range, start: "1969-03-01", end: "1969-03-01"))
    }

    @Test("an unknown date value without bounds names its JSON path")
    func unknownValue() throws {
        let json = #"{"schemaVersion": 1, "events": [{"id": "x", "title": "T", "date": {"value": "1969-13"}}]}"#
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "out/events.json")
        }
        guard case .malformedJSON = error else { Issue.record("unexpected \(error)"); return }
        #expect(error.description.hasPrefix("out/events.json: "))
        #expect(error.description.contains("events[0].date.value"))
        #expect(error.description.contains("1969-13"))
    }

    @Test("a missing required field names the JSON path", arguments: [
        (#"{"schemaVersion": 1, "events": [{"id": "a", "date": {"value": "1969"}}]}"#, "events[0].title"),
        (#"{"schemaVersion": 1, "events": [{"title": "t", "date": {"value": "1969"}}]}"#, "events[0].id"),
        (#"{"schemaVersion": 1, "events": [{"id": "a", "title": "t", "date": {}}]}"#, "events[0].date.value"),
        (#"{"schemaVersion": 1, "documents": [{"sha256": ""}]}"#, "documents[0].id"),
        (#"{"schemaVersion": 1, "relations": [{"from": "a", "to": "b", "type": "causes"}]}"#, "relations[0].evidence"),
        (#"{"schemaVersion": 1, "undated": [{"id": "u", "title": "t", "type": "event"}]}"#, "undated[0].mentions"),
    ])
    func missingField(_ json: String, _ path: String) throws {
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "events.json")
        }
        guard case .malformedJSON = error else { Issue.record("unexpected \(error)"); return }
        #expect(error.description.contains(path), "\(error)")
        #expect(error.description.contains("required field is missing"), "\(error)")
    }

    @Test("a value of the wrong type names the JSON path and the expected type")
    func wrongType() throws {
        let json = #"{"schemaVersion": 1, "events": {"id": "a"}}"#
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "events.json")
        }
        #expect(error.description == "events.json: events: expected an array", "\(error)")
        let badType = #"{"schemaVersion": 1, "relations": [{"from": "a", "to": "b", "type": "because", "evidence": {"document": "d", "span": [0, 1], "quote": "q"}}]}"#
        let e2 = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(badType.utf8), path: "events.json")
        }
        #expect(e2.description.contains("relations[0].type"), "\(e2)")
    }

    @Test("invalid JSON is a malformedJSON error naming the file")
    func invalidJSON() throws {
        let json = "{\n  \"schemaVersion\": 1,\n  \"events\": [,]\n}\n"
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "out/events.json")
        }
        guard case let .malformedJSON(path, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path == "out/events.json")
        #expect(error.description.hasPrefix("out/events.json"))
    }

    @Test("invalid JSON reports path:line:column")
    func invalidJSONPosition() throws {
        let json = "{\n  \"schemaVersion\": 1,\n  \"events\": [,]\n}\n"
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "out/events.json")
        }
        #expect(error.description.hasPrefix("out/events.json:3:14: "), "\(error)")
    }

    @Test("truncated and empty files are malformedJSON")
    func truncated() throws {
        for json in ["", "{\"schemaVersion\": 1, \"events\": [", "[]", "null"] {
            #expect(throws: TimelineError.self) { try EventGraphCoder.decode(Data(json.utf8), path: "e.json") }
        }
    }

    @Test("a file without schemaVersion is not an events.json file")
    func missingVersion() throws {
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(#"{"events": []}"#.utf8), path: "e.json")
        }
        guard case .malformedJSON = error else { Issue.record("unexpected \(error)"); return }
        #expect(error.description.contains("schemaVersion"))
    }

    @Test("another schemaVersion is unsupportedSchemaVersion, checked before the rest of the schema")
    func wrongVersion() throws {
        // The events array would not decode as version 1; the version message must win.
        let json = #"{"schemaVersion": 2, "events": [{"id": 3}]}"#
        let error = try #require(throws: TimelineError.self) {
            try EventGraphCoder.decode(Data(json.utf8), path: "old/events.json")
        }
        #expect(error == .unsupportedSchemaVersion(path: "old/events.json", found: 2, supported: 1))
        #expect(error.description.contains("timeline extract"))
        #expect(error.description.hasPrefix("old/events.json: schemaVersion 2"))
    }

    @Test("read(from:) decodes a file and reports a missing one as unreadable")
    func readFile() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("events.json")
        try EventGraphCoder.encode(TestSupport.sampleGraph()).write(to: url)
        #expect(try EventGraphCoder.read(from: url) == TestSupport.sampleGraph())
        let missing = dir.appendingPathComponent("nope.json")
        let error = try #require(throws: TimelineError.self) { try EventGraphCoder.read(from: missing) }
        guard case .unreadable = error else { Issue.record("unexpected \(error)"); return }
    }

    @Test("lineColumn(ofByte:) counts lines and UTF-8 characters from 1")
    func lineColumn() {
        let data = Data("ab\n中x\ny".utf8)
        #expect(EventGraphCoder.lineColumn(ofByte: 0, in: data) == "1:1")
        #expect(EventGraphCoder.lineColumn(ofByte: 3, in: data) == "2:1")
        #expect(EventGraphCoder.lineColumn(ofByte: 6, in: data) == "2:2")  // after the 3-byte 中
        #expect(EventGraphCoder.lineColumn(ofByte: 8, in: data) == "3:1")
    }
}
