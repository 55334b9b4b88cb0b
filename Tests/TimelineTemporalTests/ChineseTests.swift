import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("Chinese")
struct ChineseTests {
    @Test("explicit dates", arguments: [
        ("2019年6月5日", "2019-06-05", "2019-06-05"), ("2019年6月", "2019-06", "2019-06"), ("1969年", "1969", "1969"),
        ("上世纪60年代", "196", "196X"), ("20世纪70年代", "197", "197X"), ("七十年代", "197", "197X"),
        ("二〇一九年", "2019", "2019"), ("２０１９年", "2019", "2019"),
    ])
    func explicit(_ text: String, _ value: String, _ edtf: String) {
        let e = tagged("据报道，\(text)发生了变化。", text)
        #expect(e?.value == value)
        #expect(e?.edtf == edtf)
    }

    @Test func yearRange() {
        let e = tagged("1971-1972年间", "1971-1972年")
        #expect(e?.value == "1971")
        #expect(e?.edtf == "1971/1972")
    }

    @Test("relative to the DCT", arguments: [
        ("今年", "2013"), ("去年", "2012"), ("上个月", "2013-02"), ("三年前", "2010"),
    ])
    func relative(_ text: String, _ value: String) {
        #expect(tagged("他说\(text)情况很好", text)?.value == value)
    }

    @Test func centuryStartAndRecentDecade() {
        let start = tagged("本世纪初经济增长", "本世纪初")
        #expect(start?.value == "20")
        #expect(start?.mod == "START")
        #expect(start?.edtf == "2000/2009~")
        let recent = tagged("近十年来发展迅速", "近十年来", dct: CalendarDay(year: 2025, month: 5, day: 1))
        #expect(recent?.type == .duration)
        #expect(recent?.value == "P10Y")
        #expect(recent?.edtf == "2015/2025")
    }

    @Test func withoutDCTValuesStayUnresolved() {
        let e = tagged("去年", dct: nil)
        #expect(e?.value == "XXXX")
        #expect(e?.edtf == nil)
    }

    @Test func sinceAfterADate() {
        #expect(tagged("2000年以来人口翻番", "2000年")?.edtf == "2000/..")
    }

    @Test func fullWidthPunctuationSeparates() {
        let found = TemporalTagger.shared.tag("上世纪60年代，20世纪70年代，七十年代，1971年，二〇一九年。", dct: dct2013)
        #expect(found.map(\.value) == ["196", "197", "197", "1971", "2019"])
    }

    @Test func mixedEnglishAndChinese() {
        let found = TemporalTagger.shared.tag("会议于2019年6月5日举行 (June 5, 2019)。", dct: nil)
        #expect(found.map(\.value) == ["2019-06-05", "2019-06-05"])
    }
}
