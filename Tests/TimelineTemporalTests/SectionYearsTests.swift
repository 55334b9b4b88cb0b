import Testing
import TimelineModel
@testable import TimelineTemporal

/// Notes and timelines written in sections headed by a year: a month told without a year is of the heading's
/// year, with or without a document date.
@Suite("Years given by section headings")
struct SectionYearsTests {
    /// The values of every expression in `text`, by the text of the expression (the first of each text).
    private func values(_ text: String, dct: CalendarDay?, language: TaggerLanguage = .auto) -> [String: String] {
        var out: [String: String] = [:]
        for e in TemporalTagger.shared.tag(text, dct: dct, language: language) where out[e.text] == nil {
            out[e.text] = e.value
        }
        return out
    }

    private let notes = """
        # Company history

        ## 2019

        In June, the company launched its first product. On 3 August the founders hired a chief executive.

        ### Hiring

        In September the team doubled.

        ## 2020: The pandemic

        In March the office closed. Sales fell in the second quarter and recovered by autumn.

        ## Outlook

        The board meets in May.
        """

    @Test(arguments: [nil, CalendarDay(year: 2022, month: 1, day: 10)])
    func aMarkdownHeadingsYearGovernsItsSectionAndDeeperOnes(dct: CalendarDay?) {
        let v = values(notes, dct: dct)
        #expect(v["June"] == "2019-06")
        #expect(v["3 August"] == "2019-08-03")
        #expect(v["September"] == "2019-09", "a deeper heading without a year keeps the section's")
        #expect(v["March"] == "2020-03", "a heading with a title after its year")
        #expect(v["the second quarter"] == "2020-Q2")
        #expect(v["autumn"] == "2020-FA")
        // `## Outlook` ends the 2020 section: `May` is the DCT's again, or unresolved without one.
        #expect(v["May"]?.hasPrefix(dct == nil ? "XXXX" : "2022") == true, "\(v["May"] ?? "none")")
    }

    @Test func plainYearLinesAndMonthHeadingsCount() {
        let text = "2018\n\nThe plant opened in April.\n\n**2019**\n\nIt closed in October.\n\nJune 2021:\n\nOn 14 July it reopened."
        let v = values(text, dct: CalendarDay(year: 2023, month: 5, day: 2))
        #expect(v["April"] == "2018-04")
        #expect(v["October"] == "2019-10")
        #expect(v["14 July"] == "2021-07-14")
    }

    @Test func deicticWordsAndSentenceYearsStillDecide() {
        let text = "## 2019\n\nLast May the mayor resigned. In 2017, when talks began in March, nobody came."
        let v = values(text, dct: CalendarDay(year: 2022, month: 1, day: 10))
        #expect(v["Last May"] == "2021-05", "`last` is counted from the document's date")
        #expect(v["March"] == "2017-03", "a year in the same sentence is nearer than the heading's")
    }

    @Test func linesThatAreNotHeadingsGiveNoYear() {
        let dct = CalendarDay(year: 2022, month: 1, day: 10)
        for text in [
            "## 2019–2020\n\nIn June the plan changed.",                        // a span names no one year
            "In 2019, sales rose.\n\nIn June the plan changed.",                // a sentence, not a heading
            "2019 was a hard year for the company and its many workers.\nIn June the plan changed.",  // too long
            "#2019\n\nIn June the plan changed.",                               // a hashtag
            "## Budget 2019 and beyond\n\nIn June the plan changed.",           // the year is not followed by a separator
        ] {
            #expect(values(text, dct: dct)["June"] == "2021-06", "\(text)")
        }
    }

    @Test func chineseSectionsTakeTheHeadingsYear() {
        let text = "## 2015年\n\n6月5日，两国签署了协议。\n\n## 2016年\n\n3月，项目开工。"
        let v = values(text, dct: CalendarDay(year: 2020, month: 8, day: 1), language: .zh)
        #expect(v["6月5日"] == "2015-06-05")
        #expect(v["3月"] == "2016-03")
        #expect(values("6月5日，两国签署了协议。", dct: CalendarDay(year: 2020, month: 8, day: 1), language: .zh)["6月5日"] == "2020-06-05")
    }

    @Test func noExpressionSpansABlankLine() {
        let dct = CalendarDay(year: 2020, month: 8, day: 1)
        let zh = TemporalTagger.shared.tag("2015年\n\n6月5日，两国签署了协议。", dct: dct, language: .zh).map(\.text)
        #expect(zh == ["2015年", "6月5日"])
        let en = TemporalTagger.shared.tag("Report of March\n\n5 officers were hurt.", dct: dct, language: .en).map(\.text)
        #expect(en == ["March"])
        // A line break inside a paragraph (hard-wrapped text) does not separate.
        #expect(TemporalTagger.shared.tag("It began on March\n5, 2019.", dct: dct).map(\.text) == ["March\n5, 2019"])
    }
}
