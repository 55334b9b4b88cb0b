import Testing
import TimelineCorpus
import TimelineModel
@testable import TimelineExtraction

/// Chinese titles: the clause that states the event, without the words that only frame its date.
struct ChineseTitleTests {
    let extractor = EventExtractor()

    func title(_ text: String) -> String? {
        let doc = SourceDocument(id: "zh.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                                 title: nil, date: nil, metadataRanges: [], languages: ["zh"])
        return extractor.extract(doc).mentions.first?.title
    }

    @Test func framingWordsAreDropped() {
        #expect(title("由于2004年10月签署了补充协定，双方完成了勘界。") == "签署了补充协定")
        #expect(title("进入20世纪80年代，两国在边境问题上的谈判逐步恢复。") == "两国在边境问题上的谈判逐步恢复")
    }

    @Test func trailingWhenIsDropped() {
        #expect(title("1979年2月中越战争爆发时，苏联保持克制。") == "中越战争爆发")
    }

    @Test func titlesStayShort() {
        let long = "2010年，" + String(repeating: "两国在许多领域开展了广泛而深入的合作", count: 4) + "。"
        #expect((title(long)?.count ?? 0) <= 36)
    }

    func mentions(_ text: String) -> [ExtractedMention] {
        let doc = SourceDocument(id: "zh.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                                 title: nil, date: CalendarDay(year: 2023, month: 11, day: 5), metadataRanges: [],
                                 languages: ["zh"])
        return extractor.extract(doc).mentions
    }

    @Test func anAttributionIsNoTitle() {
        let m = mentions("据俄罗斯卫星通讯社4日报道，俄罗斯原子能公司总裁表示，航道货运量有望创下新高。")
        #expect(m.map(\.edtf) == ["2023-11-04"])
        #expect(m.first?.title == "俄罗斯原子能公司总裁表示")
    }

    @Test func aReportsDatelineDatesNothing() {
        #expect(mentions("参考消息网11月5日报道 俄罗斯原子能公司总裁表示，货运量创新高。").isEmpty)
        #expect(mentions("本报北京11月4日讯 两国外长3日举行会谈。").map(\.dateText) == ["3日"])
    }

    @Test func aPeriodRestatingTheOpeningDateIsNoEventOfItsOwn() {
        // `今年第十次` counts within the year that holds last Wednesday: one event, last Wednesday's.
        let m = mentions("报道称，上周三，一艘中国集装箱船完成了今年第十次北极航行。")
        #expect(m.map(\.edtf) == ["2023-10-25"])
        #expect(m.first?.title == "一艘中国集装箱船完成了今年第十次北极航行")
        // Two dates of their own clauses stay two events.
        #expect(mentions("2013年8月，首艘商船抵达欧洲，2018年1月，政府发表白皮书。").map(\.edtf) == ["2013-08", "2018-01"])
    }

    @Test func aPersonsYearsAreNoEventsAndNoTitle() {
        let m = mentions("赫鲁晓夫（1894年4月15日—1971年9月11日）于1959年访华。")
        #expect(m.map(\.edtf) == ["1959"])
        #expect(m.first?.title == "赫鲁晓夫访华")
        // A war's years are no person's.
        #expect(mentions("抗日战争（1937年—1945年）期间，两国结盟。").map(\.edtf).contains("1937/1945"))
    }

    @Test func 此后LinksTheSentenceToTheEventBefore() {
        let text = "1989年5月，戈尔巴乔夫访问北京。此后，双方于1991年签订了边界协定。"
        let doc = SourceDocument(id: "zh.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                                 title: nil, date: nil, metadataRanges: [], languages: ["zh"])
        let ex = extractor.extract(doc)
        #expect(ex.relations.map { [$0.from, $0.to] } == [[0, 1]])
        #expect(ex.relations.first?.type == .precedes)
    }
}
