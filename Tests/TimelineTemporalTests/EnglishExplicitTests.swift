import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("English explicit dates")
struct EnglishExplicitTests {
    @Test("full dates in every common order", arguments: [
        ("June 5, 2019", "2019-06-05"), ("5 June 2019", "2019-06-05"), ("2019-06-05", "2019-06-05"),
        ("6/5/2019", "2019-06-05"), ("Sept. 28, 1998", "1998-09-28"), ("Friday, June 5, 2019", "2019-06-05"),
    ])
    func fullDates(_ text: String, _ value: String) {
        let e = tagged("The vote took place on \(text) in the capital.", text)
        #expect(e?.value == value)
        #expect(e?.type == .date)
        #expect(e?.edtf == value)
    }

    @Test func yearsMonthsAndPartialDates() {
        #expect(ve("It was built in 1969.", "1969").0 == "1969")
        #expect(ve("The law passed in 2023 after a long debate.", "2023") == ("2023", "2023"))
        #expect(ve("Prices peaked in June 2019.", "June 2019") == ("2019-06", "2019-06"))
        #expect(ve("The deadline is Feb. 28.", "Feb. 28").0 == "2013-02-28")
    }

    @Test("a range written with words is one expression for the timeline and two ends for TimeML")
    func rangeParts() throws {
        let text = "Attacks near Rochester between 1994 and 1997 went unsolved; from 1991 to 1997 he drove."
        let found = TemporalTagger.shared.tag(text, dct: CalendarDay(year: 1999, month: 5, day: 7))
        #expect(found.map(\.text) == ["between 1994 and 1997", "from 1991 to 1997"])
        #expect(found.map(\.edtf) == ["1994/1997", "1991/1997"])
        let timeML = TimeExpression.timeML(found)
        #expect(timeML.map(\.text) == ["1994", "1997", "1991", "1997"])
        #expect(timeML.map(\.value) == ["1994", "1997", "1991", "1997"])
        let scalars = Array(text.unicodeScalars)
        for e in timeML {
            #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            #expect(e.type == .date && e.parts.isEmpty)
        }
        // Other expressions are their own TimeML reading; an open range has no parts.
        let single = TemporalTagger.shared.tag("It opened in 1969, since 2000 it has grown.", dct: nil)
        #expect(TimeExpression.timeML(single) == single)
    }

    @Test func modifiedPeriods() {
        let end = tagged("Stocks recovered by the end of February 2024.", "the end of February 2024")
        #expect(end?.value == "2024-02")
        #expect(end?.mod == "END")
        #expect(end?.edtf == "2024-02")

        #expect(ve("Music changed in the 1960s.", "the 1960s") == ("196", "196X"))
        let early = tagged("Growth was fast in the early 2000s.", "the early 2000s")
        #expect(early?.value == "200")
        #expect(early?.mod == "EARLY")
        #expect(early?.edtf == "2000/2004~")
        #expect(tagged("in the mid-2000s", "the mid-2000s")?.edtf == "2003/2007~")
        #expect(tagged("in the late 2000s", "the late 2000s")?.edtf == "2005/2009~")
        #expect(tagged("by the mid-1990s", "the mid-1990s")?.value == "199")
    }

    @Test("year ranges map to an EDTF interval; the TIMEX value is the first year",
          arguments: ["1971–72", "1971-72", "1971-1972"])
    func yearRanges(_ text: String) {
        let e = tagged("During the \(text) season the club won.", text)
        #expect(e?.value == "1971")
        #expect(e?.edtf == "1971/1972")
    }

    @Test func fiscalQuartersSeasonsCenturies() {
        #expect(ve("Sales rose in fiscal 1998.", "fiscal 1998").0 == "1998")
        #expect(ve("Output grew in the third quarter.", "the third quarter").0 == "2013-Q3")
        #expect(ve("We expect rain this spring.", "this spring") == ("2013-SP", "2013-21"))
        #expect(ve("Trade expanded in the 19th century.", "the 19th century") == ("18", "18XX"))
        #expect(ve("the twentieth century", "the twentieth century").0 == "19")
    }

    @Test func sinceOpensAnInterval() {
        let e = tagged("Since 2000 the town has doubled.", "2000")
        #expect(e?.value == "2000")
        #expect(e?.edtf == "2000/..")
        #expect(tagged("Since the 1990s it has grown.", "the 1990s")?.edtf == "199X/..")
        #expect(tagged("In 2000 the town doubled.", "2000")?.edtf == "2000")
    }

    @Test func offsetsAreUnicodeScalarsEndExclusive() {
        let text = "Café 🎉 opened on June 5, 2019."
        let e = TemporalTagger.shared.tag(text, dct: nil).first
        let scalars = Array(text.unicodeScalars)
        #expect(e != nil)
        if let e {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[e.start..<e.end])
            #expect(String(view) == "June 5, 2019")
            #expect(e.text == "June 5, 2019")
        }
    }

    @Test func resultsAreSortedAndDisjoint() {
        let text = "From June 5, 2019 to 2021, and again in the 1960s, then last week and 30 years ago."
        let found = TemporalTagger.shared.tag(text, dct: dct2013)
        #expect(found.count >= 5)
        for (a, b) in zip(found, found.dropFirst()) { #expect(a.end <= b.start) }
    }

    @Test func languageFilter() {
        #expect(TemporalTagger.shared.tag("2019年6月5日", dct: nil, language: .en).allSatisfy { $0.text != "2019年6月5日" })
        #expect(TemporalTagger.shared.tag("June 5, 2019", dct: nil, language: .zh).isEmpty)
    }
}
