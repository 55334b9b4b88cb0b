import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

/// The real articles in ../shared/seeds, read where they are (never copied into the project).
@Suite(.enabled(if: TestSupport.seedsPresent, "../shared/seeds is absent")) struct SeedTests {
    func seeds() throws -> [String: SourceDocument] {
        let result = try CorpusReader(root: TestSupport.seeds).read()
        #expect(result.errors.isEmpty)
        return Dictionary(uniqueKeysWithValues: result.documents.map { (String($0.id.prefix(3)), $0) })
    }

    @Test func forumPageDatelineAndLanguage() throws {
        let doc = try #require(try seeds()["000"])
        #expect(doc.date == CalendarDay(year: 2025, month: 5, day: 31))
        #expect(doc.languages == ["en"])
        let r = try #require(doc.metadataRanges.first)
        #expect(TestSupport.scalars(doc.text, r).contains("2025-5-31 17:35"))
    }

    @Test func frontMatterArticle() throws {
        let doc = try #require(try seeds()["003"])
        #expect(doc.date == CalendarDay(year: 2024, month: 5, day: 20))
        #expect(doc.languages == ["en", "zh"])
        #expect(doc.title != nil)
        #expect(doc.text == doc.rawText)
        let r = try #require(doc.metadataRanges.first)
        #expect(r.lowerBound == 0)
        #expect(TestSupport.scalars(doc.text, r).contains("2024-05-20T10:25:05.018Z"))
    }

    @Test func undatedArticles() throws {
        let docs = try seeds()
        for key in ["001", "002", "004"] {
            let doc = try #require(docs[key])
            #expect(doc.date == nil, "\(key)")
            #expect(doc.metadataRanges.isEmpty, "\(key)")
            #expect(doc.languages == ["en"], "\(key)")
        }
    }
}
