import Foundation
import Testing
import TimelineCorpus
import TimelineExtraction
import TimelineModel
@testable import TimelineGraph

/// A small extracted graph: two mentions of one clash that the extractor kept apart, a non-event,
/// an undated event and relations between them.
enum CurationFixture {
    static func date(_ edtf: String) -> EventDate { EventDate(edtf: edtf)! }

    static func mention(_ doc: String, _ start: Int, _ quote: String, _ dateText: String = "1969") -> Mention {
        Mention(document: doc, span: [start, start + quote.unicodeScalars.count], quote: quote, dateText: dateText)
    }

    static func evidence(_ doc: String, _ start: Int) -> Evidence {
        Evidence(document: doc, span: [start, start + 5], quote: "cue \(start)")
    }

    static var graph: EventGraph {
        var g = EventGraph(
            documents: [DocumentRecord(id: "a.txt", sha256: "x", title: nil, date: nil, languages: ["en"]),
                        DocumentRecord(id: "b.txt", sha256: "y", title: nil, date: nil, languages: ["en"])],
            events: [
                Event(id: "1969-border-clash", date: date("1969"), title: "Border clash", type: "conflict",
                      actors: ["China", "Soviet Union"], places: ["Ussuri River"],
                      mentions: [mention("a.txt", 0, "In 1969 a border clash")]),
                Event(id: "1969-ussuri-incident", date: date("1969-03"), title: "Ussuri incident", type: "war",
                      actors: ["Soviet Union", "Red Army"], places: ["Zhenbao Island"],
                      mentions: [mention("b.txt", 10, "the Ussuri incident of March 1969", "March 1969"),
                                 mention("a.txt", 0, "In 1969 a border clash")]),
                Event(id: "1972-nixon-visits-beijing", date: date("1972-02"), title: "Nixon visits Beijing",
                      type: "diplomacy", actors: ["United States", "China"],
                      mentions: [mention("a.txt", 40, "Nixon went to Beijing in February 1972", "February 1972")]),
                Event(id: "1972-weather-report", date: date("1972"), title: "Weather report",
                      mentions: [mention("b.txt", 90, "the weather in 1972", "1972")]),
            ],
            relations: [
                Relation(from: "1969-border-clash", to: "1972-nixon-visits-beijing", type: .causes, evidence: evidence("a.txt", 20)),
                Relation(from: "1969-ussuri-incident", to: "1972-nixon-visits-beijing", type: .causes, evidence: evidence("b.txt", 30)),
                Relation(from: "1969-ussuri-incident", to: "1969-border-clash", type: .partOf, evidence: evidence("b.txt", 50)),
                Relation(from: "1972-weather-report", to: "1972-nixon-visits-beijing", type: .precedes, evidence: evidence("b.txt", 95)),
                Relation(from: "1969-border-clash", to: "1972-weather-report", type: .precedes, evidence: evidence("a.txt", 60)),
            ],
            undated: [UndatedEvent(id: "undated-joint-drills", title: "Joint drills", type: "military-cooperation",
                                   mentions: [mention("b.txt", 200, "joint drills last year", "last year")])])
        g.canonicalize()
        return g
    }

    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func decode(_ json: String) throws -> Curation {
        try Curation.decode(Data(json.utf8), path: "curation.json")
    }

    static func error(_ json: String) -> TimelineError? {
        do {
            _ = try decode(json)
            return nil
        } catch let e as TimelineError {
            return e
        } catch {
            return .invalidArgument("unexpected error \(error)")
        }
    }
}

struct CurationDecodingTests {
    @Test func everyKeyIsOptional() throws {
        #expect(try CurationFixture.decode("{}") == Curation())
        #expect(try CurationFixture.decode("{}").isEmpty)
        let c = try CurationFixture.decode(#"{"events": {"x": {}}}"#)
        #expect(c.events["x"] == Curation.Override())
        #expect(c.add.isEmpty && c.merge.isEmpty)
    }

    @Test func readsTheExampleFixture() throws {
        let c = try #require(try Curation.read(from: CurationFixture.url("curation-example.json")))
        #expect(c.events.count == 3)
        let o = try #require(c.events["1969-border-clash"])
        #expect(o.title == "Sino-Soviet border clash on Zhenbao Island")
        #expect(o.date == "1969-03-02")
        #expect(o.eventDate == EventDate(value: "1969-03-02", precision: .day, start: "1969-03-02", end: "1969-03-02"))
        #expect(o.type == "war")
        #expect(o.places == ["Zhenbao Island"])
        #expect(o.actors == nil)
        #expect(o.hidden == nil)
        #expect(c.events["1972-weather-report"]?.hidden == true)
        #expect(c.add.map(\.id) == ["1991-12-26-soviet-union-dissolved", "1950-02-14-treaty-of-friendship"])
        // A bare EDTF string and the events.json date object give the same kind of date.
        #expect(c.add[0].date == EventDate(edtf: "1991-12-26"))
        #expect(c.add[0].type == "politics")
        #expect(c.add[1].date == EventDate(edtf: "1950-02-14"))
        #expect(c.add[1].type == "event")
        #expect(c.add[1].mentions.count == 1)
        #expect(c.merge == [["1969-border-clash", "1969-ussuri-incident"]])
    }

    @Test func aMissingFileIsNoCuration() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)/curation.json")
        #expect(try Curation.read(from: missing) == nil)
    }

    @Test func aFolderIsAnError() throws {
        #expect(throws: TimelineError.self) { try Curation.read(from: CurationFixture.url("")) }
    }

    @Test func theFileLivesBesideEventsJSON() {
        let u = Curation.url(besideEvents: URL(fileURLWithPath: "/tmp/project/events.json"))
        #expect(u.path == "/tmp/project/curation.json")
    }

    @Test func syntaxErrorsGiveLineAndColumn() throws {
        let url = CurationFixture.url("curation-syntax-error.json")
        do {
            _ = try Curation.read(from: url)
            Issue.record("expected an error")
        } catch let TimelineError.malformedJSON(path, position, reason) {
            #expect(path == url.relativePath)
            #expect(position.hasPrefix("3:"), "position \(position)")
            #expect(reason.hasPrefix("not valid JSON"))
        }
        let e = CurationFixture.error("{\n  \"merge\": [[\"a\", \"b\"]\n}")
        guard case let .malformedJSON(_, position, _)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(position.hasPrefix("3:"), "position \(position)")
    }

    @Test func anUnknownKeyInAnOverrideIsAnErrorNamingItsPath() throws {
        do {
            _ = try Curation.read(from: CurationFixture.url("curation-unknown-key.json"))
            Issue.record("expected an error")
        } catch let e as TimelineError {
            let text = e.description
            #expect(text.contains("events.1969-border-clash.titel"), "\(text)")
            #expect(text.contains("unknown key \"titel\""), "\(text)")
            #expect(text.contains("did you mean \"title\"?"), "\(text)")
        }
    }

    @Test func unknownKeysAreErrorsAtEveryLevel() {
        let cases: [(String, String)] = [
            (#"{"event": {}}"#, #"event: unknown key "event" in curation.json (did you mean "events"?"#),
            (#"{"merges": []}"#, #"merges: unknown key "merges""#),
            (#"{"add": [{"id": "x", "title": "T", "date": "1969", "acters": []}]}"#, #"add[0].acters: unknown key "acters" in an added event (did you mean "actors"?"#),
            (#"{"add": [{"id": "x", "title": "T", "date": {"value": "1969", "precison": "year"}}]}"#, #"add[0].date.precison: added event "x": unknown key "precison" in a date (did you mean "precision"?"#),
            (#"{"add": [{"id": "x", "title": "T", "date": "1969", "mentions": [{"document": "a", "qoute": "q"}]}]}"#, #"add[0].mentions[0].qoute: unknown key"#),
        ]
        for (json, expected) in cases {
            let e = CurationFixture.error(json)
            #expect(e?.description.contains(expected) == true, "\(json) → \(String(describing: e))")
        }
    }

    @Test func anOverrideDateMustBeEDTF() throws {
        do {
            _ = try Curation.read(from: CurationFixture.url("curation-bad-date.json"))
            Issue.record("expected an error")
        } catch let e as TimelineError {
            #expect(e.description.contains("events.1969-border-clash.date"), "\(e)")
            #expect(e.description.contains("'1969-13'"), "\(e)")
            #expect(e.description.contains("\"1969-border-clash\""), "\(e)")
        }
        let bad = CurationFixture.error(#"{"add": [{"id": "x", "title": "T", "date": "June 1969"}]}"#)
        #expect(bad?.description.contains("add[0].date: added event \"x\": 'June 1969' is not an EDTF date") == true, "\(String(describing: bad))")
    }

    @Test func typeErrorsAndEmptyValuesNameTheirPath() {
        let cases: [(String, String)] = [
            (#"{"events": {"x": {"hidden": "yes"}}}"#, "events.x.hidden: expected"),
            (#"{"events": {"x": {"title": "  "}}}"#, "events.x.title: the title of event \"x\" is empty"),
            (#"{"events": {"x": {"type": ""}}}"#, "events.x.type: the type of event \"x\" is empty"),
            (#"{"merge": ["a", "b"]}"#, "merge[0]: expected an array"),
            (#"{"add": [{"title": "T", "date": "1969"}]}"#, "add[0].id: required field is missing"),
            (#"{"add": [{"id": "a b", "title": "T", "date": "1969"}]}"#, "add[0].id: the id 'a b'"),
            (#"{"events": []}"#, "events: expected"),
        ]
        for (json, expected) in cases {
            let e = CurationFixture.error(json)
            #expect(e?.description.contains(expected) == true, "\(json) → \(String(describing: e))")
        }
    }

    @Test func encodingRoundTrips() throws {
        let c = try #require(try Curation.read(from: CurationFixture.url("curation-example.json")))
        let data = try EventGraphCoder.encodeCanonical(c)
        #expect(try Curation.decode(data, path: "x") == c)
    }
}

struct CurationApplierTests {
    let graph = CurationFixture.graph

    func apply(_ c: Curation, to g: EventGraph? = nil) -> (graph: EventGraph, warnings: [String]) {
        CurationApplier().apply(c, to: g ?? graph)
    }

    @Test func anEmptyCurationChangesNothing() {
        let r = apply(Curation())
        #expect(r.graph == graph)
        #expect(r.warnings.isEmpty)
    }

    @Test func overridesTitleDateTypeActorsPlacesAndKeepTheID() throws {
        let r = apply(Curation(events: ["1969-border-clash": .init(
            title: "Zhenbao Island incident", date: "1969-03-02", type: "war",
            actors: ["China", "Soviet Union", "China"], places: ["Zhenbao Island"])]))
        #expect(r.warnings.isEmpty)
        let e = try #require(r.graph.event(withID: "1969-border-clash"))
        #expect(e.title == "Zhenbao Island incident")
        #expect(e.date == EventDate(value: "1969-03-02", precision: .day, start: "1969-03-02", end: "1969-03-02"))
        #expect(e.type == "war")
        #expect(e.actors == ["China", "Soviet Union"])
        #expect(e.places == ["Zhenbao Island"])
        #expect(e.mentions == graph.event(withID: "1969-border-clash")!.mentions)
        // The new date moves the event in the canonical order (1969-03-01 < 1969-03-02).
        #expect(r.graph.events.map(\.id) == ["1969-border-clash", "1969-ussuri-incident", "1972-weather-report",
                                             "1972-nixon-visits-beijing"].sorted { a, b in
            let ea = r.graph.event(withID: a)!, eb = r.graph.event(withID: b)!
            return (ea.date.start, ea.date.end, a) < (eb.date.start, eb.date.end, b)
        })
        #expect(r.graph.events.first?.id == "1969-ussuri-incident")
    }

    @Test func aLongTitleIsTruncatedWithAWarning() throws {
        let long = "The border clash on Zhenbao Island in the Ussuri River between Chinese and Soviet troops that nearly started a war"
        let r = apply(Curation(events: ["1969-border-clash": .init(title: long)]))
        let e = try #require(r.graph.event(withID: "1969-border-clash"))
        #expect(e.title.count <= Event.maxTitleLength)
        #expect(e.title.hasSuffix("…"))
        #expect(long.hasPrefix(String(e.title.dropLast())))
        #expect(r.warnings.count == 1)
        #expect(r.warnings[0].hasPrefix("curation.json: event \"1969-border-clash\": the title has \(long.count) characters"))
    }

    @Test func hiddenRemovesTheEventAndEveryRelationTouchingIt() {
        let r = apply(Curation(events: ["1972-weather-report": .init(hidden: true)]))
        #expect(r.warnings.isEmpty)
        #expect(r.graph.event(withID: "1972-weather-report") == nil)
        #expect(r.graph.events.count == graph.events.count - 1)
        #expect(!r.graph.relations.contains { $0.from == "1972-weather-report" || $0.to == "1972-weather-report" })
        #expect(r.graph.relations.count == graph.relations.count - 2)
        // Hidden also applies to undated events; hidden: false changes nothing.
        let u = apply(Curation(events: ["undated-joint-drills": .init(hidden: true), "1969-border-clash": .init(hidden: false)]))
        #expect(u.graph.undated.isEmpty)
        #expect(u.graph.events == graph.events)
    }

    @Test func mergeKeepsTheFirstIDAndUnionsMentionsActorsPlaces() throws {
        let r = apply(Curation(merge: [["1969-border-clash", "1969-ussuri-incident"]]))
        #expect(r.warnings.isEmpty)
        #expect(r.graph.event(withID: "1969-ussuri-incident") == nil)
        let e = try #require(r.graph.event(withID: "1969-border-clash"))
        #expect(e.title == "Border clash")
        #expect(e.date == EventDate(edtf: "1969"))
        #expect(e.type == "conflict")
        #expect(e.actors == ["China", "Soviet Union", "Red Army"])
        #expect(e.places == ["Ussuri River", "Zhenbao Island"])
        // The mention both events had is kept once, and mentions are sorted.
        #expect(e.mentions.count == 2)
        #expect(e.mentions == e.mentions.sorted())
    }

    @Test func mergeRepointsRelationsAndDropsSelfLoopsAndDuplicates() {
        let r = apply(Curation(merge: [["1969-border-clash", "1969-ussuri-incident"]]))
        let ids = Set(r.graph.events.map(\.id))
        #expect(r.graph.relations.allSatisfy { ids.contains($0.from) && ids.contains($0.to) })
        #expect(!r.graph.relations.contains { $0.from == $0.to })   // the part-of between the two is gone
        // Both "causes" edges to Nixon's visit became one, keeping the first in canonical order.
        let causes = r.graph.relations.filter { $0.type == .causes }
        #expect(causes.count == 1)
        #expect(causes.first?.from == "1969-border-clash")
        #expect(causes.first?.evidence == CurationFixture.evidence("a.txt", 20))
        #expect(r.graph.relations.count == 3)
    }

    @Test func overridesApplyAfterMerging() throws {
        let r = apply(Curation(events: ["1969-border-clash": .init(title: "Zhenbao Island incident", date: "1969-03-02"),
                                        "1969-ussuri-incident": .init(type: "war")],
                               merge: [["1969-border-clash", "1969-ussuri-incident"]]))
        let e = try #require(r.graph.event(withID: "1969-border-clash"))
        #expect(e.title == "Zhenbao Island incident")
        #expect(e.date.value == "1969-03-02")
        #expect(r.warnings == [#"curation.json: event "1969-ussuri-incident" was merged into "1969-border-clash" by merge[0] (override of type ignored; put it on "1969-border-clash")"#])
    }

    @Test func hidingAMergeSurvivorHidesTheMergedEvent() {
        let r = apply(Curation(events: ["1969-border-clash": .init(hidden: true)],
                               merge: [["1969-border-clash", "1969-ussuri-incident"]]))
        #expect(r.graph.events.map(\.id).sorted() == ["1972-nixon-visits-beijing", "1972-weather-report"])
        #expect(r.graph.relations.map(\.from) == ["1972-weather-report"])
    }

    @Test func anIDInSeveralMergeGroupsIsWarnedAndKeptInItsFirstGroup() throws {
        let r = apply(Curation(merge: [["1969-border-clash", "1969-ussuri-incident"],
                                       ["1972-nixon-visits-beijing", "1969-ussuri-incident", "1972-weather-report"],
                                       ["undated-joint-drills", "undated-joint-drills"],
                                       ["1972-nixon-visits-beijing"]]))
        #expect(r.warnings == [
            #"curation.json: merge[1]: event "1969-ussuri-incident" is already merged by merge[0] (left out of this group)"#,
            #"curation.json: merge[2]: event "undated-joint-drills" is listed twice (repeat ignored)"#,
            #"curation.json: merge[3]: a merge group needs at least two event ids ("1972-nixon-visits-beijing" ignored)"#,
        ])
        #expect(r.graph.events.map(\.id).sorted() == ["1969-border-clash", "1972-nixon-visits-beijing"])
        let nixon = try #require(r.graph.event(withID: "1972-nixon-visits-beijing"))
        #expect(nixon.mentions.count == 2)
    }

    @Test func mergingAnUndatedEventMovesItsMentions() throws {
        let r = apply(Curation(merge: [["1972-nixon-visits-beijing", "undated-joint-drills"]]))
        #expect(r.warnings.isEmpty)
        #expect(r.graph.undated.isEmpty)
        #expect(r.graph.event(withID: "1972-nixon-visits-beijing")?.mentions.count == 2)
        // An undated survivor takes the first date of its group.
        let u = apply(Curation(merge: [["undated-joint-drills", "1972-weather-report"]]))
        #expect(u.graph.undated.isEmpty)
        let e = try #require(u.graph.event(withID: "undated-joint-drills"))
        #expect(e.date == EventDate(edtf: "1972"))
        #expect(e.title == "Joint drills")
        #expect(!u.graph.relations.contains { $0.from == "1972-weather-report" || $0.to == "1972-weather-report" })
        #expect(u.graph.relations.contains { $0.from == "undated-joint-drills" })
    }

    @Test func aDateOverridePutsAnUndatedEventOnTheTimeline() throws {
        let r = apply(Curation(events: ["undated-joint-drills": .init(date: "2005-08", actors: ["Russia", "China"])]))
        #expect(r.warnings.isEmpty)
        #expect(r.graph.undated.isEmpty)
        let e = try #require(r.graph.event(withID: "undated-joint-drills"))
        #expect(e.date.precision == .month)
        #expect(e.actors == ["Russia", "China"])
        #expect(e.type == "military-cooperation")
        // Without a date, actors cannot be kept, and that is said.
        let w = apply(Curation(events: ["undated-joint-drills": .init(title: "Peace Mission 2005", actors: ["Russia"])]))
        #expect(w.graph.undated.first?.title == "Peace Mission 2005")
        #expect(w.warnings.count == 1)
        #expect(w.warnings.first?.contains("undated events have no actors or places") == true)
    }

    @Test func addAppendsEventsAndSkipsCollisions() throws {
        let added = Event(id: "1991-12-26-soviet-union-dissolved", date: EventDate(edtf: "1991-12-26")!,
                          title: "The Soviet Union is dissolved", type: "politics", actors: ["Soviet Union"])
        let clash = Event(id: "1969-border-clash", date: EventDate(edtf: "1970")!, title: "Impostor")
        let r = apply(Curation(add: [added, clash, added]))
        #expect(r.graph.events.last == added)
        #expect(r.graph.event(withID: "1969-border-clash") == graph.event(withID: "1969-border-clash"))
        #expect(r.graph.events.count == graph.events.count + 1)
        #expect(r.warnings == [
            #"curation.json: add[1]: event "1969-border-clash" already exists in the extraction (added event skipped; use "events" to correct the existing one)"#,
            #"curation.json: add[2]: event "1991-12-26-soviet-union-dissolved" already exists in an earlier entry of add (added event skipped; use "events" to correct the existing one)"#,
        ])
    }

    @Test func addedEventsCanBeMergedIntoAndOverridden() throws {
        let added = Event(id: "1969-03-02-zhenbao-island-incident", date: EventDate(edtf: "1969-03-02")!,
                          title: "Zhenbao Island incident", type: "war")
        let r = apply(Curation(events: ["1969-03-02-zhenbao-island-incident": .init(places: ["Zhenbao Island"])],
                               add: [added],
                               merge: [["1969-03-02-zhenbao-island-incident", "1969-border-clash", "1969-ussuri-incident"]]))
        #expect(r.warnings.isEmpty)
        let e = try #require(r.graph.event(withID: "1969-03-02-zhenbao-island-incident"))
        #expect(e.mentions.count == 2)
        #expect(e.places == ["Zhenbao Island"])
        #expect(e.actors == ["China", "Soviet Union", "Red Army"])
        #expect(r.graph.relations.contains { $0.from == "1969-03-02-zhenbao-island-incident" && $0.to == "1972-nixon-visits-beijing" })
    }

    @Test func entriesForIDsThatNoLongerExistAreWarnedNeverDropped() {
        let r = apply(Curation(events: ["1969-border-clashes": .init(title: "X", date: "1969"),
                                        "2001-gone": .init(hidden: true),
                                        "2002-gone": .init(note: "only a note")],
                               merge: [["1969-border-clash", "1969-lost-event"]]))
        #expect(r.graph.events == graph.events)
        #expect(r.warnings == [
            #"curation.json: merge[0]: event "1969-lost-event" no longer exists (left out of the merge)"#,
            #"curation.json: event "1969-border-clashes" no longer exists (override of title, date ignored) (did you mean "1969-border-clash"?)"#,
            #"curation.json: event "2001-gone" no longer exists (override of hidden ignored)"#,
            #"curation.json: event "2002-gone" no longer exists (override ignored)"#,
        ])
    }

    @Test func warningsNameTheFileGiven() {
        let r = CurationApplier(fileName: "data/curation.json").apply(Curation(events: ["x": .init(hidden: true)]), to: graph)
        #expect(r.warnings == [#"data/curation.json: event "x" no longer exists (override of hidden ignored)"#])
    }

    @Test func theExampleFixtureAppliesDeterministically() throws {
        let c = try #require(try Curation.read(from: CurationFixture.url("curation-example.json")))
        let a = apply(c)
        var shuffled = graph
        shuffled.events.reverse()
        shuffled.relations.reverse()
        shuffled.documents.reverse()
        let b = apply(c, to: shuffled)
        #expect(a.graph == b.graph)
        #expect(a.warnings == b.warnings)
        #expect(try EventGraphCoder.encode(a.graph) == EventGraphCoder.encode(b.graph))
        #expect(a.warnings == [#"curation.json: event "1960s-gone-event" no longer exists (override of title ignored)"#])
        let ids = a.graph.events.map(\.id)
        #expect(ids == ["1950-02-14-treaty-of-friendship", "1969-border-clash", "1972-nixon-visits-beijing",
                        "1991-12-26-soviet-union-dissolved"])
        var canonical = a.graph
        canonical.canonicalize()
        #expect(canonical == a.graph)
    }
}

/// Curation is applied to every fresh extraction, so a regenerated graph gets the same corrections.
struct CurationRoundTripTests {
    func mention(_ doc: String, _ start: Int, edtf: String?, title: String, type: String, actors: [String],
                 places: [String] = [], sentence: Int = 0) -> ExtractedMention {
        ExtractedMention(document: doc, textSpan: start..<(start + 10), rawSpan: start..<(start + 10), quote: title,
                         dateText: edtf ?? "last year", dateSpan: start..<(start + 4), edtf: edtf, title: title,
                         titleQuality: 3, type: type, actors: actors, places: places, language: "en", sentence: sentence)
    }

    func doc(_ id: String) -> SourceDocument {
        SourceDocument(id: id, format: .text, rawText: "", text: "", offsetMap: nil, sha256: "x", title: nil,
                       date: nil, metadataRanges: [], languages: ["en"])
    }

    func extract(extraDocument: Bool = false) -> EventGraph {
        let ev = Evidence(document: "a.txt", span: [0, 20], quote: "led to")
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "1969", title: "Border clash", type: "conflict", actors: ["China"]),
            mention("a.txt", 12, edtf: "1972", title: "Nixon visits Beijing", type: "diplomacy", actors: ["United States"], sentence: 1),
            mention("a.txt", 40, edtf: nil, title: "Joint drills", type: "military-cooperation", actors: ["Russia"], sentence: 2),
        ], relations: [ExtractedRelation(from: 0, to: 1, type: .causes, evidence: ev)])
        let b = DocumentExtraction(document: "b.txt", mentions: [
            mention("b.txt", 0, edtf: "1969-03", title: "Zhenbao Island fighting", type: "war", actors: ["Soviet Union"]),
        ], relations: [])
        let z = DocumentExtraction(document: "0-new.txt", mentions: [
            mention("0-new.txt", 0, edtf: "1950", title: "Treaty of friendship", type: "agreement", actors: ["China", "Soviet Union"]),
        ], relations: [])
        let docs = [doc("a.txt"), doc("b.txt")] + (extraDocument ? [doc("0-new.txt")] : [])
        let exs = [a, b] + (extraDocument ? [z] : [])
        return GraphBuilder().build(documents: docs, extractions: exs)
    }

    var curation: Curation {
        Curation(events: ["1969-border-clash": .init(title: "Sino-Soviet border conflict", date: "1969-03"),
                          "undated-joint-drills": .init(hidden: true)],
                 merge: [["1969-border-clash", "1969-03-zhenbao-island-fighting"]])
    }

    @Test func applyingToARegeneratedIdenticalGraphGivesTheSameResult() throws {
        let first = extract()
        #expect(first.events.map(\.id).contains("1969-03-zhenbao-island-fighting"))
        let a = CurationApplier().apply(curation, to: first)
        let b = CurationApplier().apply(curation, to: extract())
        #expect(a.warnings.isEmpty)
        #expect(a.graph == b.graph)
        #expect(a.warnings == b.warnings)
        #expect(try EventGraphCoder.encode(a.graph) == EventGraphCoder.encode(b.graph))
        #expect(a.graph.events.map(\.id) == ["1969-border-clash", "1972-nixon-visits-beijing"])
        #expect(a.graph.undated.isEmpty)
        #expect(a.graph.relations.map { "\($0.from)>\($0.to)" } == ["1969-border-clash>1972-nixon-visits-beijing"])
        // The curated graph survives an events.json round trip unchanged.
        let decoded = try EventGraphCoder.decode(EventGraphCoder.encode(a.graph), path: "events.json")
        #expect(decoded == a.graph)
    }

    @Test func curationKeepsApplyingAfterAnUnrelatedDocumentIsAdded() throws {
        let r = CurationApplier().apply(curation, to: extract(extraDocument: true))
        #expect(r.warnings.isEmpty)
        #expect(r.graph.events.map(\.id) == ["1950-treaty-friendship", "1969-border-clash", "1972-nixon-visits-beijing"])
        #expect(r.graph.event(withID: "1969-border-clash")?.title == "Sino-Soviet border conflict")
    }

    @Test func curationIsForTheFreshExtractionNotForItsOwnOutput() {
        // Applied again to its own output, hidden and merged ids are reported as gone: that is why the build
        // applies curation.json to the extraction, never to events.json.
        let once = CurationApplier().apply(curation, to: extract()).graph
        let twice = CurationApplier().apply(curation, to: once)
        #expect(twice.graph == once)
        #expect(twice.warnings == [
            #"curation.json: merge[0]: event "1969-03-zhenbao-island-fighting" no longer exists (left out of the merge)"#,
            #"curation.json: event "undated-joint-drills" no longer exists (override of hidden ignored)"#,
        ])
    }
}
