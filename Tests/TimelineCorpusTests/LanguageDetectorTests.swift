import Testing
@testable import TimelineCorpus

@Suite struct LanguageDetectorTests {
    @Test func english() {
        #expect(LanguageDetector.languages(in: "The harbour reopened after the storm.") == ["en"])
    }

    @Test func chinese() {
        #expect(LanguageDetector.languages(in: "港口在风暴过后重新开放，居民们回到了家中。") == ["zh"])
    }

    @Test func chineseWithAURLIsStillChineseOnly() {
        let text = "[原文](https://example.com/content/some-long-article-slug-with-many-words) 港口在风暴过后重新开放，居民们回到了家中。"
        #expect(LanguageDetector.languages(in: text) == ["zh"])
    }

    @Test func englishPageWithChineseNavigationIsEnglishOnly() {
        let nav = "登录 注册 首页 论坛 帮助\n"
        let body = String(repeating: "The two ports signed a trade agreement after long negotiations. ", count: 30)
        #expect(LanguageDetector.languages(in: nav + body + "\n返回顶部") == ["en"])
    }

    @Test func parallelArticleIsBoth() {
        let zh = String(repeating: "两国港口在多年谈判之后签署了贸易协定。", count: 10)
        let en = String(repeating: "The two ports signed a trade agreement after years of talks. ", count: 10)
        #expect(LanguageDetector.languages(in: zh + "\n" + en) == ["en", "zh"])
    }

    @Test func nothingKnown() {
        #expect(LanguageDetector.languages(in: "") == [])
        #expect(LanguageDetector.languages(in: "12345 — 678") == [])
        #expect(LanguageDetector.languages(in: "Привет, как дела? Всё хорошо, спасибо.") == [])
    }
}
