import Testing
import TimelineCorpus
import TimelineExtraction
import TimelineModel
@testable import TimelineGraph

struct GraphBuilderTests {
    func mention(_ doc: String, _ start: Int, edtf: String?, title: String, type: String, actors: [String],
                 places: [String] = [], language: String = "en", sentence: Int = 0) -> ExtractedMention {
        ExtractedMention(document: doc, textSpan: start..<(start + 10), rawSpan: start..<(start + 10), quote: title,
                         dateText: edtf ?? "last year", dateSpan: start..<(start + 4), edtf: edtf, title: title,
                         titleQuality: language == "en" ? 3 : 1, type: type, actors: actors, places: places,
                         language: language, sentence: sentence)
    }

    @Test("events that share an id get suffixes in the order of their first mentions: document id, then offset")
    func clashingIDsAreNumberedInTextOrder() {
        // Two statements of one sentence stay two events, and `1969~` is another date with the same id prefix:
        // all three ids clash.
        let b = DocumentExtraction(document: "b.txt", mentions: [
            mention("b.txt", 5, edtf: "1969~", title: "Border talks", type: "diplomacy", actors: []),
        ], relations: [])
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 50, edtf: "1969", title: "Border talks", type: "diplomacy", actors: ["China"]),
            mention("a.txt", 9, edtf: "1969", title: "Border talks", type: "diplomacy", actors: ["Soviet Union"]),
        ], relations: [])
        for threads in [1, 2] {
            let g = GraphBuilder(threads: threads).build(documents: [doc("b.txt"), doc("a.txt")], extractions: [b, a])
            let byID = Dictionary(uniqueKeysWithValues: g.events.map { ($0.id, $0.mentions.map(\.document) + $0.mentions.map { "\($0.span[0])" }) })
            #expect(byID == ["1969-border-talks": ["a.txt", "9"], "1969-border-talks-2": ["a.txt", "50"],
                             "1969-border-talks-3": ["b.txt", "5"]])
        }
    }

    func doc(_ id: String) -> SourceDocument {
        SourceDocument(id: id, format: .text, rawText: "", text: "", offsetMap: nil, sha256: "x", title: nil,
                       date: nil, metadataRanges: [], languages: ["en"])
    }

    @Test func sameEventAcrossDocumentsAndLanguagesIsOneEvent() {
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "1969", title: "Sino-Soviet clash on the Ussuri River", type: "conflict",
                    actors: ["China", "Soviet Union"], places: ["Ussuri River"]),
        ], relations: [])
        let b = DocumentExtraction(document: "b.txt", mentions: [
            mention("b.txt", 5, edtf: "1969", title: "中苏两国军队在珍宝岛发生武装冲突", type: "conflict",
                    actors: ["China", "Soviet Union"], places: ["Zhenbao Island"], language: "zh"),
        ], relations: [])
        let g = GraphBuilder().build(documents: [doc("a.txt"), doc("b.txt")], extractions: [b, a])
        #expect(g.events.count == 1)
        #expect(g.events[0].mentions.count == 2)
        #expect(g.events[0].title == "Sino-Soviet clash on the Ussuri River")
        #expect(g.events[0].id == "1969-sino-soviet-clash-ussuri-river")
        #expect(g.events[0].places == ["Ussuri River", "Zhenbao Island"])
    }

    @Test func differentEventsOfTheSameYearStayApart() {
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "2022", title: "Russia's invasion of Ukraine", type: "war", actors: ["Russia", "Ukraine"]),
            mention("a.txt", 50, edtf: "2022", title: "Western sanctions on Russia", type: "sanctions", actors: ["West", "Russia"], sentence: 1),
        ], relations: [])
        let g = GraphBuilder().build(documents: [doc("a.txt")], extractions: [a])
        #expect(g.events.count == 2)
    }

    @Test func relationsMapToEventIdsAndUndatedMentionsAreListed() {
        let ev = Evidence(document: "a.txt", span: [0, 20], quote: "x")
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "1969", title: "Border clash", type: "conflict", actors: ["China"]),
            mention("a.txt", 12, edtf: "1972", title: "Nixon visits Beijing", type: "diplomacy", actors: ["United States"]),
            mention("a.txt", 40, edtf: nil, title: "Joint drills", type: "military-cooperation", actors: ["Russia"], sentence: 1),
        ], relations: [ExtractedRelation(from: 0, to: 1, type: .causes, evidence: ev)])
        let g = GraphBuilder().build(documents: [doc("a.txt")], extractions: [a])
        #expect(g.events.map(\.id) == ["1969-border-clash", "1972-nixon-visits-beijing"])
        #expect(g.relations == [Relation(from: "1969-border-clash", to: "1972-nixon-visits-beijing", type: .causes, evidence: ev)])
        #expect(g.undated.map(\.id) == ["undated-joint-drills"])
    }

    @Test func idsAreStableWhenAnUnrelatedDocumentIsAdded() {
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "2008", title: "Georgian War", type: "war", actors: ["Russia", "Georgia"]),
        ], relations: [])
        let z = DocumentExtraction(document: "0-new.txt", mentions: [
            mention("0-new.txt", 0, edtf: "1950", title: "Treaty of friendship", type: "agreement", actors: ["China", "Soviet Union"]),
        ], relations: [])
        let before = GraphBuilder().build(documents: [doc("a.txt")], extractions: [a]).events.map(\.id)
        let after = GraphBuilder().build(documents: [doc("a.txt"), doc("0-new.txt")], extractions: [a, z]).events.map(\.id)
        #expect(after.contains(before[0]))
    }

    @Test func dateSlugs() {
        #expect(Slug.dateSlug("196X") == "1960s")
        #expect(Slug.dateSlug("19XX") == "1900s")
        #expect(Slug.dateSlug("1971/1972") == "1971-1972")
        #expect(Slug.dateSlug("2000/2004~") == "2000-2004")
        #expect(Slug.dateSlug("2000/..") == "2000-onward")
        #expect(Slug.make(from: "中苏冲突", fallback: "conflict China") == "conflict-china")
    }
}
