import Testing
@testable import TimelineModel

@Suite("CalendarDay")
struct CalendarDayTests {
    @Test("day numbers and weekdays of known dates", arguments: [
        ("1970-01-01", 0, 4), ("1969-03-02", -305, 7), ("1950-02-14", -7261, 2), ("1900-01-01", -25567, 1),
        ("2000-01-01", 10957, 6), ("1991-12-25", 8028, 3), ("2001-07-16", 11519, 1), ("2019-06-05", 18052, 3),
        ("2022-02-24", 19047, 4), ("2024-02-29", 19782, 4),
    ])
    func knownDates(_ iso: String, _ dayNumber: Int, _ weekday: Int) throws {
        let day = try #require(CalendarDay(iso: iso))
        #expect(day.dayNumber == dayNumber)
        #expect(day.weekday == weekday)
        #expect(CalendarDay(dayNumber: dayNumber) == day)
        #expect(day.description == iso)
    }

    @Test("ISO parsing accepts a timestamp and rejects impossible days")
    func isoParsing() {
        #expect(CalendarDay(iso: "2023-11-02T08:00:00Z") == CalendarDay(year: 2023, month: 11, day: 2))
        #expect(CalendarDay(iso: "2024-05-20T10:25:05.018Z")?.description == "2024-05-20")
        for bad in ["2019-02-29", "2019-13-01", "2019-00-10", "2019-06-31", "19-06-05", "2019/06/05", "", "abc"] {
            #expect(CalendarDay(iso: bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(iso: "2000-02-29") != nil)
    }

    @Test("leap years")
    func leapYears() {
        #expect(CalendarDay.isLeap(2000))
        #expect(CalendarDay.isLeap(2024))
        #expect(!CalendarDay.isLeap(1900))
        #expect(!CalendarDay.isLeap(2023))
        #expect(CalendarDay.daysIn(month: 2, year: 1900) == 28)
    }

    @Test("property: dayNumber and init(dayNumber:) are inverse over random valid days")
    func dayNumberRoundTrip() throws {
        var rng = SplitMix64(state: 0x5EED_1969)
        for _ in 0..<20_000 {
            let year = Int.random(in: -2000...9999, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...CalendarDay.daysIn(month: month, year: year), using: &rng)
            let d = CalendarDay(year: year, month: month, day: day)
            #expect(d.isValid)
            let back = CalendarDay(dayNumber: d.dayNumber)
            #expect(back == d, "\(d) -> \(d.dayNumber) -> \(back)")
            if year >= 0 {
                #expect(CalendarDay(iso: d.description) == d)
                let edtf = try #require(EDTF(d.description))
                #expect(edtf.start == d && edtf.end == d && edtf.precision == .day)
            }
        }
    }

    @Test("property: consecutive day numbers are consecutive days and weekdays")
    func consecutiveDays() {
        var rng = SplitMix64(state: 42)
        for _ in 0..<5_000 {
            let n = Int.random(in: -1_000_000...3_000_000, using: &rng)
            let a = CalendarDay(dayNumber: n), b = CalendarDay(dayNumber: n + 1)
            #expect(a.isValid && b.isValid)
            #expect(a < b)
            #expect(a.adding(days: 1) == b)
            #expect(b.weekday == a.weekday % 7 + 1)
            #expect((1...7).contains(a.weekday))
            // Order of day numbers and of days agree.
            let c = CalendarDay(dayNumber: n + Int.random(in: 1...400, using: &rng))
            #expect(a < c && c.dayNumber > a.dayNumber)
        }
    }
}
