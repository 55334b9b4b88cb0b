import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct DecodingTests {
    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        let bytes: [UInt8] = Array("ok ".utf8) + [0xFF, 0xC3] + Array(" then 2020-01-01 text".utf8) + [0xE2, 0x82]
        _ = try TestSupport.write(bytes, to: dir, "bad.txt")
        let result = try CorpusReader(root: dir).read()
        let doc = try #require(result.documents.first)
        #expect(doc.rawText.hasPrefix("ok \u{FFFD}"))
        #expect(doc.rawText.contains("then 2020-01-01 text"))
        #expect(doc.text == doc.rawText)
        let warning = try #require(result.diagnostics.first { $0.severity == .warning })
        #expect(warning.path == "bad.txt")
        #expect(warning.message.hasPrefix("invalid UTF-8"))
        #expect(warning.message.contains("first at byte 3"))
    }

    @Test func byteOrderMarkIsStripped() throws {
        let doc = try TestSupport.document("\u{FEFF}Hello", named: "bom.txt")
        #expect(doc.rawText == "Hello")
        #expect(doc.text == "Hello")
    }

    @Test func sha256IsOverTheRawBytes() throws {
        let doc = try TestSupport.document("abc", named: "abc.txt")
        #expect(doc.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let empty = try TestSupport.document("", named: "empty.txt")
        #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(empty.text == "")
        #expect(empty.languages == [])
    }

    @Test func binaryGarbageNeverCrashes() throws {
        var generator = SystemRandomNumberGenerator()
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        for (i, ext) in ["txt", "md", "html"].enumerated() {
            let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try TestSupport.write(bytes, to: dir, "garbage\(i).\(ext)")
        }
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.count + result.errors.count == 3)
    }

    @Test func plainTextKeepsItsTextAndHasNoOffsetMap() throws {
        let doc = try TestSupport.document("Line one\r\nLine two\n", named: "crlf.txt")
        #expect(doc.text == doc.rawText)
        #expect(doc.offsetMap == nil)
        #expect(doc.rawOffset(5) == 5)
        #expect(doc.title == nil)
    }
}
