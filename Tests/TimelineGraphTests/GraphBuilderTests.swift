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

    @Test func twoCompaniesResultsOfOneDayOrQuarterAreTwoEvents() {
        let a = DocumentExtraction(document: "a.txt", mentions: [
            mention("a.txt", 0, edtf: "1989-10-27", title: "Optica shares closed at $45", type: "business", actors: ["Optica Labs"]),
            mention("a.txt", 90, edtf: "1989-07/1989-09", title: "Optica reported a net loss", type: "business",
                    actors: ["Optica Labs"], sentence: 3),
        ], relations: [])
        let b = DocumentExtraction(document: "b.txt", mentions: [
            mention("b.txt", 0, edtf: "1989-10-27", title: "Norvale shares closed at $12", type: "business", actors: ["Norvale"]),
            mention("b.txt", 90, edtf: "1989-07/1989-09", title: "Norvale reported a net loss", type: "business",
                    actors: ["Norvale"], sentence: 3),
            // The same company's result told again is the same event.
            mention("b.txt", 200, edtf: "1989-07/1989-09", title: "Norvale's net loss widened", type: "business",
                    actors: ["Norvale"], sentence: 5),
        ], relations: [])
        let g = GraphBuilder().build(documents: [doc("a.txt"), doc("b.txt")], extractions: [a, b])
        #expect(g.events.count == 4, "\(g.events.map(\.title))")
        #expect(g.events.contains { $0.mentions.count == 2 && $0.actors == ["Norvale"] })
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

    @Test func extractedEventsOfAnEnglishAndAChineseArticleMerge() {
        let en = "Energy ties between Moscow and Beijing keep growing\n\n"
            + "In July 2001 the two countries signed the Treaty of Good-Neighbourliness and Friendly Cooperation.\n\n"
            + "Putin travelled to Beijing in October 2023 to attend the third Belt and Road Forum.\n\n"
            + "On May 16, Xi Jinping and Vladimir Putin held talks at the Great Hall of the People.\n"
        let zh = "新华社北京5月16日电 国家主席习近平16日在人民大会堂同俄罗斯总统普京举行会谈。\n\n"
            + "去年10月，普京出席了第三届“一带一路”国际合作高峰论坛。早在2001年7月，两国签署了《中俄睦邻友好合作条约》。\n"
        let day = CalendarDay(year: 2024, month: 5, day: 20)
        let docs = [("en.txt", en, "en"), ("zh.txt", zh, "zh")].map { id, text, language in
            SourceDocument(id: id, format: .text, rawText: text, text: text, offsetMap: nil, sha256: "x", title: nil,
                           date: day, metadataRanges: [], languages: [language])
        }
        let extractor = EventExtractor()
        let g = GraphBuilder().build(documents: docs, extractions: docs.map { extractor.extract($0) })
        #expect(g.events.map(\.date.value) == ["2001-07", "2023-10", "2024-05-16"])
        #expect(g.events.allSatisfy { Set($0.mentions.map(\.document)) == ["en.txt", "zh.txt"] },
                "\(g.events.map { ($0.title, $0.mentions.map(\.document)) })")
        #expect(g.events.first?.actors == ["China", "Russia"])
    }

    @Test func anEventToldAtACoarserDateJoinsItsFinerTelling() {
        let texts = [
            ("a.txt", "In May 2014, Russia and China signed a $400 billion gas supply deal after a decade of talks."),
            ("b.txt", "On May 21, 2014, Russia and China signed a 30-year gas deal in Shanghai."),
            ("c.txt", "In 2014, Russia and China signed a big gas deal."),
            // Two drills in one month: a month's drills could be either, so they stay apart.
            ("d.txt", "On July 3, 2023, China and Russia began naval drills. On July 20, 2023, China and Russia held air drills. "
                + "In July 2023, China and Russia held drills."),
        ]
        let docs = texts.map { id, text in
            SourceDocument(id: id, format: .text, rawText: text, text: text, offsetMap: nil, sha256: "x", title: nil,
                           date: CalendarDay(year: 2024, month: 1, day: 1), metadataRanges: [], languages: ["en"])
        }
        let extractor = EventExtractor()
        let g = GraphBuilder().build(documents: docs, extractions: docs.map { extractor.extract($0) })
        #expect(g.events.map(\.date.value) == ["2014-05-21", "2023-07", "2023-07-03", "2023-07-20"],
                "\(g.events.map { ($0.date.value, $0.title) })")
        #expect(g.events[0].mentions.map(\.document) == ["a.txt", "b.txt", "c.txt"])
        #expect(g.events[0].title == "Russia and China signed a 30-year gas deal in Shanghai")
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
