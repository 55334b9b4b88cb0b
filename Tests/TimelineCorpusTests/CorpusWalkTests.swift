import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct CorpusWalkTests {
    @Test func readsNestedFoldersSortedByRelativeId() throws {
        let result = try CorpusReader(root: TestSupport.corpus).read()
        #expect(result.documents.map(\.id) == [
            "articles/Shout.MD", "articles/deep/nested/report.txt", "articles/summit.md", "articles/untitled.md",
            "notes/plain.txt", "pages/page.html",
        ])
        #expect(result.documents.map(\.format) == [.markdown, .text, .markdown, .markdown, .text, .html])
    }

    @Test func skipsHiddenAndUnsupportedFilesWithNotices() throws {
        let result = try CorpusReader(root: TestSupport.corpus).read()
        let notices = result.diagnostics.filter { $0.severity == .notice }.map(\.path)
        #expect(notices.contains(".hidden"))
        #expect(notices.contains(".dotfile.txt"))
        #expect(notices.contains("data.csv"))
        #expect(!result.documents.contains { $0.id.contains("secret") || $0.id.contains("dotfile") })
    }

    @Test func malformedFrontMatterIsAnErrorAndTheDocumentIsLeftOut() throws {
        let result = try CorpusReader(root: TestSupport.corpus).read()
        #expect(!result.documents.contains { $0.id == "broken/bad.md" })
        #expect(result.errors.count == 1)
        guard case let .malformedFrontMatter(path, line, column, _)? = result.errors.first else {
            Issue.record("expected a front matter error, got \(result.errors)")
            return
        }
        #expect(path.hasSuffix("corpus/broken/bad.md"))
        #expect(line == 5)
        #expect(column == 8)  // the `:` Yams stops at, on the line after the unclosed `[`
    }

    @Test func missingFolderThrowsCorpusMissing() throws {
        let url = TestSupport.fixtures.appendingPathComponent("no-such-folder")
        #expect(throws: TimelineError.corpusMissing(path: url.path)) { try CorpusReader(root: url).read() }
        let file = TestSupport.corpus.appendingPathComponent("data.csv")
        #expect(throws: TimelineError.corpusMissing(path: file.path)) { try CorpusReader(root: file).read() }
    }

    @Test func emptyFolderThrowsCorpusEmpty() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        #expect(throws: TimelineError.corpusEmpty(path: dir.path)) { try CorpusReader(root: dir).read() }
        _ = try TestSupport.write("x", to: dir, "notes.csv")
        _ = try TestSupport.write("x", to: dir, ".hidden.txt")
        #expect(throws: TimelineError.corpusEmpty(path: dir.path)) { try CorpusReader(root: dir).read() }
    }

    @Test func symlinkLoopsDoNotHang() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        _ = try TestSupport.write("On 2020-02-02 something.", to: dir, "a/doc.txt")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path, withDestinationPath: "a/doc.txt")
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.map(\.id) == ["a/doc.txt", "link.txt"])
        #expect(result.diagnostics.contains { $0.path == "a/loop" && $0.message.contains("not followed") })
        #expect(result.diagnostics.contains { $0.path == "self" })
    }

    @Test func extensionsAreCaseInsensitive() {
        #expect(CorpusReader.format(ofFileNamed: "A.TXT") == .text)
        #expect(CorpusReader.format(ofFileNamed: "b.Markdown") == .markdown)
        #expect(CorpusReader.format(ofFileNamed: "c.HtM") == .html)
        #expect(CorpusReader.format(ofFileNamed: "d.txt.bak") == nil)
        #expect(CorpusReader.format(ofFileNamed: "md") == nil)
    }

    @Test func readIsDeterministic() throws {
        let a = try CorpusReader(root: TestSupport.corpus).read()
        let b = try CorpusReader(root: TestSupport.corpus).read()
        #expect(a.documents.map(\.record) == b.documents.map(\.record))
        #expect(a.diagnostics == b.diagnostics)
    }
}
