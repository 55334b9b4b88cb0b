import Testing
import TimelineCorpus
import TimelineModel
@testable import TimelineExtraction

/// Sentences that state two events around one date, and relations stated across sentences.
struct CompoundStatementTests {
    let extractor = EventExtractor()

    func doc(_ text: String, date: CalendarDay? = nil) -> SourceDocument {
        SourceDocument(id: "t.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                       title: nil, date: date, metadataRanges: [], languages: ["en"])
    }

    @Test func cleftGivesTwoEventsInOrder() {
        let ex = extractor.extract(doc("It was not until the new premier took office in 1998 that the two governments began to negotiate."))
        #expect(ex.mentions.count == 2)
        #expect(ex.mentions.map(\.edtf) == ["1998", "1998"])
        #expect(ex.mentions[0].title == "New premier took office")
        #expect(ex.mentions[1].title.hasPrefix("Two governments began to negotiate"))
        #expect(ex.relations.map(\.type) == [.precedes])
        #expect(ex.relations.first?.from == 0 && ex.relations.first?.to == 1)
    }

    @Test func cueWithTheDateOnItsFarSideGivesAReaction() {
        let ex = extractor.extract(doc("With Ankara under new European sanctions following its 2016 crackdown on the press, trade slowed."))
        #expect(ex.mentions.count == 2)
        let reaction = ex.mentions.firstIndex { $0.type == "sanctions" }
        #expect(reaction != nil)
        #expect(ex.relations.first?.type == .responseTo)
        #expect(ex.relations.first?.from == reaction)
    }

    @Test func anaphoricCueLinksToThePreviousSentence() {
        let text = "In 1985 the two navies held their first joint patrol. In 1987 this exercise led to a formal defence agreement."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 2)
        #expect(ex.relations.count == 1)
        #expect(ex.relations.first?.type == .causes)
        #expect(ex.relations.first?.from == 0 && ex.relations.first?.to == 1)
    }

    @Test func relativePronounIsNotAnAnaphor() {
        let text = "The treaty was signed in 2001. In 2005 a flight that prompted protests crossed the border."
        #expect(extractor.extract(doc(text)).relations.isEmpty)
    }

    @Test func definiteReferenceMakesAPartOfEdge() {
        let text = "Fighting broke out when the 1999 war over the province began. By March 2000, both sides reported heavy losses in the war."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 2)
        #expect(ex.relations.first?.type == .partOf)
        #expect(ex.relations.first?.from == 1 && ex.relations.first?.to == 0)
    }

    @Test func aWarDecadesEarlierIsNotTheWarReferredTo() {
        // `the rest of the war` in 1941 is another war than the one of 1916.
        let text = "In 1916 she was wounded in the war. Her laboratory was closed in 1941, and she spent the rest of the war in Switzerland."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 2)
        #expect(ex.relations.isEmpty, "\(ex.relations)")
    }

    @Test func nounPhraseBeforeTheDateIsTheTitle() {
        let ex = extractor.extract(doc("The talks differed from the bitter Sino-Indian war of 1962, which nobody wanted to repeat."))
        #expect(ex.mentions.first?.title == "Bitter Sino-Indian war")
    }

    @Test func pluralPronounSubjectsAreNamed() {
        let text = "China and Russia talk often. Russia and China trade a lot. In 2023, they held drills near Japan."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.first?.title == "China and Russia held drills near Japan")
    }
}

/// Relations the discourse states across sentences.
struct DiscourseRelationTests {
    let extractor = EventExtractor()

    func doc(_ text: String) -> SourceDocument {
        SourceDocument(id: "t.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                       title: nil, date: nil, metadataRanges: [], languages: ["en"])
    }

    @Test func partitiveOpenerMakesAPartOfTheContainingEvent() {
        let text = "Through the 1980s, the border war simmered. Shelling went on. One of the worst battles came in 1984, near the river."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.map(\.edtf) == ["198X", "1984"])
        #expect(ex.relations.contains { $0.type == .partOf && $0.from == 1 && $0.to == 0 })
    }

    @Test func partitiveNeedsAContainingDate() {
        let text = "In 1975 the talks began. One of the worst battles came in 1984."
        #expect(extractor.extract(doc(text)).relations.isEmpty)
    }

    @Test func enablingCueCausesTheEventOfTheNamedActors() {
        let text = "In the 1970s Kissinger and Nixon opened talks with China. "
            + "The open split of 1969 presented an opportunity for Nixon and Kissinger to approach China."
        let ex = extractor.extract(doc(text))
        #expect(ex.relations.contains { $0.type == .causes && ex.mentions[$0.from].edtf == "1969" && ex.mentions[$0.to].edtf == "197X" })
    }

    @Test func definiteEventNounFindsItsAntecedent() {
        let text = "On 15 June 2020 a clash in the valley killed twenty soldiers. "
            + "In response to the clash, the government banned dozens of foreign apps on 29 June 2020."
        let ex = extractor.extract(doc(text))
        #expect(ex.relations.contains { $0.type == .responseTo && ex.mentions[$0.from].edtf == "2020-06-29"
            && ex.mentions[$0.to].edtf == "2020-06-15" })
    }
}
