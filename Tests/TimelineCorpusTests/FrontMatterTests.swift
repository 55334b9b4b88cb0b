import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct FrontMatterTests {
    @Test func readsTitleAndDateAndBlanksTheBlock() throws {
        let url = TestSupport.corpus.appendingPathComponent("articles/summit.md")
        let doc = try CorpusReader(root: TestSupport.corpus).readDocument(at: url, id: "articles/summit.md")
        #expect(doc.title == "Valley summit notes")
        #expect(doc.date == CalendarDay(year: 2022, month: 9, day: 14))
        #expect(doc.text.unicodeScalars.count == doc.rawText.unicodeScalars.count)
        #expect(doc.offsetMap == nil)
        // Same offsets, front matter blanked, line breaks kept.
        let lines = doc.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(5).allSatisfy { $0.allSatisfy { $0 == " " } })
        #expect(!doc.text.contains("2022-09-14"))
        let body = try #require(doc.rawText.range(of: "2019-04-02"))
        #expect(doc.text[body] == "2019-04-02")
        // The block is metadata.
        let fmLength = "---\ntitle: \"Valley summit notes\"\ndate: 2022-09-14\nauthor: staff\n---\n".unicodeScalars.count
        #expect(doc.metadataRanges.first == 0..<fmLength)
        #expect(doc.languages == ["en"])
    }

    @Test func timestampsAreReadInUTC() throws {
        let url = TestSupport.corpus.appendingPathComponent("articles/Shout.MD")
        let doc = try CorpusReader(root: TestSupport.corpus).readDocument(at: url, id: "articles/Shout.MD")
        #expect(doc.date == CalendarDay(year: 2023, month: 1, day: 6))
        #expect(doc.title == "Loud")
        let z = try TestSupport.document("---\ndate: 2024-05-20T10:25:05.018Z\n---\nx\n", named: "z.md")
        #expect(z.date == CalendarDay(year: 2024, month: 5, day: 20))
        let quoted = try TestSupport.document("---\ndate: \"May 7, 2001\"\n---\nx\n", named: "q.md")
        #expect(quoted.date == CalendarDay(year: 2001, month: 5, day: 7))
    }

    @Test func titleFallsBackToTheFirstHeading() throws {
        let url = TestSupport.corpus.appendingPathComponent("articles/untitled.md")
        let doc = try CorpusReader(root: TestSupport.corpus).readDocument(at: url, id: "articles/untitled.md")
        #expect(doc.title == "Orchard cooperative history")
        #expect(doc.date == nil)
        #expect(doc.text == doc.rawText)
        let fenced = try TestSupport.document("```\n# not a heading\n```\n# Real one #\n", named: "f.md")
        #expect(fenced.title == "Real one")
    }

    @Test func malformedFrontMatterReportsTheLineAndColumnInTheFile() throws {
        let text = "---\ntitle: ok\nbad: [unclosed\nnext: 1\n---\nbody\n"
        #expect {
            try TestSupport.document(text, named: "m.md")
        } throws: { error in
            guard case let .malformedFrontMatter(path, line, column, reason) = error as? TimelineError else { return false }
            return path.hasSuffix("m.md") && line == 4 && column == 5 && !reason.isEmpty
        }
        let tab = "---\ntitle: ok\n\tindented: tab\n---\n"
        #expect {
            try TestSupport.document(tab, named: "t.md")
        } throws: { error in
            guard case let .malformedFrontMatter(_, line, _, _) = error as? TimelineError else { return false }
            return line == 3
        }
    }

    @Test func unclosedOrNonMappingFrontMatterIsMalformedInMarkdownOnly() throws {
        #expect(throws: TimelineError.self) { try TestSupport.document("---\ntitle: x\nbody\n", named: "u.md") }
        #expect(throws: TimelineError.self) { try TestSupport.document("---\n- a\n- b\n---\nbody\n", named: "l.md") }
        let txt = try TestSupport.document("---\ntitle: x\nbody\n", named: "u.txt")
        #expect(txt.title == nil)
    }

    @Test func plainTextFrontMatterGivesMetadataButKeepsTheText() throws {
        let raw = "---\ntitle: 标题\ndate: 2024-05-20T10:25:05.018Z\n---\n\nText about 2019.\n"
        let doc = try TestSupport.document(raw, named: "fm.txt")
        #expect(doc.text == raw)
        #expect(doc.title == "标题")
        #expect(doc.date == CalendarDay(year: 2024, month: 5, day: 20))
        #expect(doc.metadataRanges.first?.lowerBound == 0)
        #expect(doc.metadataRanges.first?.upperBound ?? 0 >= "---\ntitle: 标题\ndate: 2024-05-20T10:25:05.018Z\n---".unicodeScalars.count)
    }

    @Test func emptyFrontMatterAndNonDateValues() throws {
        let empty = try TestSupport.document("---\n---\n# T\n", named: "e.md")
        #expect(empty.title == "T")
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        _ = try TestSupport.write("---\ndate: someday\n---\nbody\n", to: dir, "d.md")
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.first?.date == nil)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("not a date") })
    }
}
