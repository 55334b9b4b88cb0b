import Testing
@testable import TimelineExtraction

struct SentenceSplitterTests {
    func split(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        return SentenceSplitter.sentences(in: s).map { s.string($0) }
    }

    @Test func englishAbbreviationsDoNotEndSentences() {
        let parts = split("The U.S. and Mr. Smith met on Feb. 3 in Washington. Then they left! Did they? Yes.")
        #expect(parts == ["The U.S. and Mr. Smith met on Feb. 3 in Washington.", "Then they left!", "Did they?", "Yes."])
    }

    @Test func chineseSentenceMarks() {
        #expect(split("两国于1969年发生冲突。此后关系恶化！真的吗？") == ["两国于1969年发生冲突。", "此后关系恶化！", "真的吗？"])
    }

    @Test func lineBreaksEndHeadingsButNotWrappedLines() {
        #expect(split("A Heading\nThe treaty was signed in\n1950 by both sides.") == ["A Heading", "The treaty was signed in\n1950 by both sides."])
        #expect(split("the talks went on,\nand on") == ["the talks went on,\nand on"])
    }

    @Test func clausesKeepDatesAndThousandsWhole() {
        let text = "Trade reached 240,000 units on June 5, 2019, and then fell; a rift followed"
        let s = Array(text.unicodeScalars)
        let clauses = SentenceSplitter.clauses(in: s, sentence: 0..<s.count).map { s.string($0) }
        #expect(clauses == ["Trade reached 240,000 units on June 5, 2019", "and then fell", "a rift followed"])
    }
}
