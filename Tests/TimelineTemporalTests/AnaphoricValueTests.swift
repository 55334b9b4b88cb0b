import Testing
import TimelineModel
@testable import TimelineTemporal

/// `{prev}` values are counted from the expression told before them; these pin the reading of told values
/// and the counting, on every day of several years.
@Suite("Values counted from the expression told before")
struct AnaphoricValueTests {
    @Test func toldValuesStartOnTheirFirstDay() {
        #expect(AnaphoricValue.start(of: "1989-03")?.day == CalendarDay(year: 1989, month: 3, day: 1))
        #expect(AnaphoricValue.start(of: "1989-03-15T10:00")?.grain == .day)
        #expect(AnaphoricValue.start(of: "1998-Q3")?.day == CalendarDay(year: 1998, month: 7, day: 1))
        #expect(AnaphoricValue.start(of: "2009-W01")?.day == CalendarDay(year: 2008, month: 12, day: 29))
        for bad in ["1989", "PRESENT_REF", "P3Y", "1989-13", "1989-02-30", "XXXX-03", "1989-W", "1989-Q5"] {
            #expect(AnaphoricValue.start(of: bad) == nil, "\(bad)")
        }
    }

    @Test func aWeekValueStartsOnTheMondayOfThatWeek() {
        var d = CalendarDay(year: 1998, month: 12, day: 20)
        for _ in 0..<(366 * 4) {
            let week = TemplateFunctions.isoWeek(d)
            let start = AnaphoricValue.start(of: week)
            #expect(start?.grain == .week)
            #expect(start.map { $0.day.weekday == 1 && $0.day.dayNumber <= d.dayNumber && d.dayNumber < $0.day.dayNumber + 7 } == true,
                    "\(d) \(week)")
            d = d.adding(days: 1)
        }
    }

    @Test func markedValuesCountFromTheLastFineEnoughExpressionAndAreDroppedWithoutOne() {
        func e(_ value: String, _ type: TimexType = .date) -> TimeExpression {
            TimeExpression(start: 0, end: 1, text: "x", type: type, value: value)
        }
        let next = AnaphoricValue.marked(unit: "month", offset: 1)
        let cache = EDTFCache()
        let chain = AnaphoricValue.resolve([e("1989-03"), e(next), e(next)], edtfCache: cache)
        #expect(chain.map(\.value) == ["1989-03", "1989-04", "1989-05"])
        #expect(chain.map(\.edtf) == [nil, "1989-04", "1989-05"])
        // A year is too coarse for a month, a duration tells no time: nothing to count from.
        #expect(AnaphoricValue.resolve([e("1989"), e("P3Y", .duration), e(next)], edtfCache: cache).map(\.value) == ["1989", "P3Y"])
        let week = AnaphoricValue.marked(unit: "week", offset: -1)
        #expect(AnaphoricValue.resolve([e("1990-05-03"), e(week)], edtfCache: cache).map(\.value) == ["1990-05-03", "1990-W17"])
    }
}
