import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("Relative and anaphoric expressions")
struct RelativeTests {
    @Test("resolved against the DCT 2013-03-22 (Friday)", arguments: [
        ("today", "2013-03-22"), ("yesterday", "2013-03-21"), ("tomorrow", "2013-03-23"), ("last week", "2013-W11"),
        ("this month", "2013-03"), ("four years ago", "2009"), ("the previous year", "2012"), ("next decade", "202"),
        ("last year", "2012"), ("now", "PRESENT_REF"), ("recently", "PAST_REF"), ("the past", "PAST_REF"),
    ])
    func resolved(_ phrase: String, _ value: String) {
        #expect(tagged("The minister spoke \(phrase) about it", phrase)?.value == value)
    }

    @Test func weekdays() {
        #expect(tagged("He resigned on Tuesday.", "Tuesday")?.value == "2013-03-19")
        #expect(tagged("on Friday", "Friday")?.value == "2013-03-22")
        #expect(tagged("The court will rule on Monday.", "Monday")?.value == "2013-03-25")
    }

    @Test func pastDecadeIsADurationAnchoredAtTheDCT() {
        let e = tagged("Over the past decade prices doubled.", "the past decade", dct: CalendarDay(year: 2025, month: 2, day: 1))
        #expect(e?.type == .duration)
        #expect(e?.value == "P10Y")
        #expect(e?.edtf == "2015/2025")
    }

    @Test func lastWeekHasAnEDTFInterval() {
        #expect(tagged("last week")?.edtf == "2013-03-11/2013-03-17")
    }

    @Test("without a DCT nothing is resolved and no EDTF is given", arguments: [
        "today", "last week", "four years ago", "Friday", "this month", "the past decade", "Feb. 28",
    ])
    func noDCT(_ phrase: String) {
        let e = tagged(phrase, dct: nil)
        #expect(e != nil)
        #expect(e?.edtf == nil)
        if let v = e?.value, v.first?.isNumber == true { Issue.record("\(phrase) resolved to \(v) without a DCT") }
    }

    @Test func durationsTimesAndSets() {
        #expect(tagged("30 years")?.value == "P30Y")
        #expect(tagged("30 years")?.type == .duration)
        #expect(tagged("two weeks")?.value == "P2W")
        #expect(tagged("three hours")?.value == "PT3H")
        #expect(tagged("at 5 p.m.", "5 p.m.")?.value == "2013-03-22T17:00")
        #expect(tagged("at 17:35", "17:35")?.value == "2013-03-22T17:35")
        #expect(tagged("at 17:35", "17:35")?.type == .time)
        #expect(tagged("every morning")?.value == "XXXX-XX-XXTMO")
        #expect(tagged("every morning")?.type == .set)
        #expect(tagged("annually")?.value == "P1Y")
        #expect(tagged("every year")?.value == "P1Y")
        #expect(tagged("weekly")?.value == "P1W")
    }

    @Test func monthsWithoutAYearFollowTense() {
        #expect(tagged("Sales fell in December.", "December")?.value == "2012-12")
        #expect(tagged("The plant will open in June.", "June")?.value == "2013-06")
        #expect(tagged("He arrived on Dec. 3.", "Dec. 3")?.value == "2012-12-03")
    }
}
