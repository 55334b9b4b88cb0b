import Foundation
import Testing
import TimelineCorpus
import TimelineModel
@testable import TimelineExtraction

/// The extractor over the 256 news articles of TempEval-3 (../shared/te3, skipped when absent), each with its
/// creation time: real text of every shape, which found a crash that no hand-written sentence had.
struct NewsCorpusTests {
    static let te3 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/te3/TBAQ-cleaned")
    static var haveTE3: Bool { FileManager.default.fileExists(atPath: te3.path) }

    /// The text of a `.tml` file (its `<TEXT>` without tags) and its creation time.
    static func article(_ url: URL) throws -> (String, CalendarDay?) {
        let tml = try String(contentsOf: url, encoding: .utf8)
        var dct: CalendarDay?
        // The TIMEX3 tag that holds the creation time, whatever the order of its attributes.
        if let r = tml.range(of: #"<TIMEX3[^>]*CREATION_TIME[^>]*>"#, options: .regularExpression),
           let v = tml[r].range(of: #"value="\d{4}-\d{2}-\d{2}"#, options: .regularExpression) {
            dct = CalendarDay(iso: String(tml[r][v].dropFirst(7)))
        }
        guard let open = tml.range(of: "<TEXT>"), let close = tml.range(of: "</TEXT>") else { return ("", dct) }
        let body = String(tml[open.upperBound..<close.lowerBound])
        let text = body.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
        return (text, dct)
    }

    @Test(.enabled(if: haveTE3, "../shared/te3 is absent"))
    func everyArticleExtractsWithQuotesThatAreItsText() throws {
        let extractor = EventExtractor()
        var files: [URL] = []
        for split in ["TimeBank", "AQUAINT"] {
            files += try FileManager.default.contentsOfDirectory(at: Self.te3.appendingPathComponent(split),
                                                                 includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "tml" }
        }
        #expect(files.count == 256)
        var mentions = 0, dated = 0, withDCT = 0
        for url in files.sorted(by: { $0.path < $1.path }) {
            let (text, dct) = try Self.article(url)
            if dct != nil { withDCT += 1 }
            let doc = SourceDocument(id: url.lastPathComponent, format: .text, rawText: text, text: text, offsetMap: nil,
                                     sha256: "", title: nil, date: dct, metadataRanges: [], languages: ["en"])
            let scalars = Array(text.unicodeScalars)
            let ex = extractor.extract(doc)
            for m in ex.mentions {
                #expect(m.quote == scalars.string(m.textSpan), "\(url.lastPathComponent)")
                #expect(m.textSpan.contains(m.dateSpan.lowerBound), "\(url.lastPathComponent): \(m.dateText)")
                #expect(!m.title.isEmpty && m.title.count <= Event.maxTitleLength, "\(url.lastPathComponent): \(m.title)")
                if let e = m.edtf { #expect(EDTF(e) != nil, "\(e)"); dated += 1 }
            }
            for r in ex.relations { #expect(r.from != r.to && ex.mentions.indices.contains(r.from) && ex.mentions.indices.contains(r.to)) }
            mentions += ex.mentions.count
        }
        #expect(withDCT == 256)
        // News tells many dated events: a filter gone wrong shows here.
        #expect(mentions > 1000, "\(mentions) mentions")
        #expect(dated * 10 > mentions * 9, "\(dated) of \(mentions) dated")
    }
}
