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
}
