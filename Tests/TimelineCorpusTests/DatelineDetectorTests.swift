import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct DatelineDetectorTests {
    func day(_ text: String) -> CalendarDay? { DatelineDetector.detect(in: text)?.day }

    @Test(arguments: [
        ("Site name\nNavigation\n\nForum 2025-5-31 17:35\n\nArticle text follows here.", "2025-05-31"),
        ("Title\n2024/05/20\nBody", "2024-05-20"),
        ("Title\n2024.5.2 08:00:01\nBody", "2024-05-02"),
        ("标题\n2024年5月20日 10:30 来源：新华社\n正文", "2024-05-20"),
        ("A headline\nBy A. Writer | Published May 5, 2024\nText", "2024-05-05"),
        ("A headline\nPosted on Tuesday, 7 January 2020 by admin\nText", "2020-01-07"),
        ("A headline\nDate: Sept. 3, 2019\nText", "2019-09-03"),
        ("A headline\nUpdated June 2, 2023\nPublished June 1, 2023\nText", "2023-06-01"),
        ("A headline\nUpdated June 2, 2023\nText", "2023-06-02"),
        ("发布时间：2022-03-04\n正文", "2022-03-04"),
        ("A headline\n- Published: March 4, 2021\nText", "2021-03-04"),
    ])
    func findsDatelines(text: String, expected: String) {
        #expect(day(text)?.description == expected)
    }

    @Test(arguments: [
        "An opening line of prose that goes on for a while and mentions that on June 5, 2019, two parties signed a treaty.",
        "Title\n2024-02-30 is not a day",
        "Title\nhttps://example.org/2024/05/20/story",
        "Title\nVersion 1.2024.05.06",
        "Title\nOrder 12024-05-06",
        // Notes: a list item or a table row that starts with a date tells an event, not the document's date.
        "# Falcon\n\n- 2019-03-04: Beta launched\n- March 2020 — office closed",
        "# Falcon\n\n1. 2019-03-04 beta launched",
        "| Date | Event |\n|------|-------|\n| 2022-01-15 | Acquired Widgets Ltd |",
    ])
    func ignoresNonDatelines(text: String) {
        #expect(day(text) == nil)
    }

    @Test func aDateDeepInTheBodyIsNotADateline() {
        var text = ""
        for i in 0..<20 { text += "Paragraph \(i) without any date in it at all, just words.\n" }
        text += "2021-01-01\n"
        #expect(day(text) == nil)
    }

    @Test func rangeCoversTheLine() throws {
        let text = "Top\nForum 2025-5-31 17:35\nBody"
        let d = try #require(DatelineDetector.detect(in: text))
        #expect(TestSupport.scalars(text, d.metadata) == "Forum 2025-5-31 17:35")
        #expect(TestSupport.scalars(text, d.match) == "2025-5-31 17:35")
    }

    @Test func documentGetsDatelineDateAndMetadataRange() throws {
        let url = TestSupport.corpus.appendingPathComponent("notes/plain.txt")
        let doc = try CorpusReader(root: TestSupport.corpus).readDocument(at: url, id: "notes/plain.txt")
        #expect(doc.date == CalendarDay(year: 2021, month: 3, day: 3))
        let r = try #require(doc.metadataRanges.first)
        #expect(TestSupport.scalars(doc.text, r) == "Posted on March 3, 2021")
        let report = TestSupport.corpus.appendingPathComponent("articles/deep/nested/report.txt")
        let undated = try CorpusReader(root: TestSupport.corpus).readDocument(at: report, id: "r.txt")
        #expect(undated.date == nil)
        #expect(undated.metadataRanges.isEmpty)
    }

    @Test func metadataValues() {
        #expect(DateStringParser.parseValue("2021-11-02T23:00:00-03:00")?.description == "2021-11-03")
        #expect(DateStringParser.parseValue("2021-11-02T01:00:00+08:00")?.description == "2021-11-01")
        #expect(DateStringParser.parseValue("2021-11-02")?.description == "2021-11-02")
        #expect(DateStringParser.parseValue("Mon, 3 Jan 2022 10:00:00 GMT")?.description == "2022-01-03")
        #expect(DateStringParser.parseValue("2020年2月29日")?.description == "2020-02-29")
        #expect(DateStringParser.parseValue("2021年2月29日") == nil)
        #expect(DateStringParser.parseValue("soon") == nil)
    }
}
