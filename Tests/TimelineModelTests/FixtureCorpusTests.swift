import Foundation
import Testing
@testable import TimelineModel

/// The hand-written fixture and the annotated example of docs/events-json.md point into the bundled corpus:
/// their spans must still select their quotes.
@Suite("Fixture spans against the bundled corpus")
struct FixtureCorpusTests {
    static let corpus = TestSupport.repoRoot.appendingPathComponent("corpus")

    /// The text of a span, counting Unicode scalars; nil when the document is not in the corpus.
    static func text(of document: String, _ span: [Int]) throws -> String? {
        let url = corpus.appendingPathComponent(document)
        guard FileManager.default.fileExists(atPath: url.path), span.count == 2, span[0] <= span[1] else { return nil }
        let scalars = Array(try String(contentsOf: url, encoding: .utf8).unicodeScalars)
        guard span[1] <= scalars.count else { return "<span past the end of \(document)>" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[span[0]..<span[1]])
        return String(s)
    }

    /// Visible text of an HTML fragment, enough for the fixture's quotes: tags removed, a few entities decoded.
    static func visible(_ html: String) -> String {
        var s = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        for (entity, char) in [("&amp;", "&"), ("&mdash;", "—"), ("&rsquo;", "’"), ("&ldquo;", "“"), ("&rdquo;", "”")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }

    static func check(_ graph: EventGraph) throws {
        let mentions = graph.events.flatMap(\.mentions) + graph.undated.flatMap(\.mentions)
        let evidence = graph.relations.map { Mention(document: $0.evidence.document, span: $0.evidence.span,
                                                     quote: $0.evidence.quote, dateText: "") }
        var checked = 0
        for m in mentions + evidence {
            guard let raw = try text(of: m.document, m.span) else { continue }
            let shown = m.document.hasSuffix(".html") ? visible(raw) : raw
            #expect(shown == m.quote, "\(m.document) \(m.span)")
            #expect(m.dateText.isEmpty || m.quote.contains(m.dateText), "\(m.dateText) not in \(m.quote)")
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test("every span of the valid fixture selects its quote")
    func fixture() throws {
        let g = try EventGraphCoder.decode(try TestSupport.fixture("events-valid.json"), path: "events-valid.json")
        try Self.check(g)
    }

    @Test("the annotated example in docs/events-json.md decodes, is canonical and its spans select its quotes")
    func documentedExample() throws {
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/events-json.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "## Annotated example"))
        let rest = doc[section.upperBound...]
        let open = try #require(rest.range(of: "```json\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        let json = Data(rest[open.upperBound..<close.lowerBound].utf8)
        let g = try EventGraphCoder.decode(json, path: "docs/events-json.md")
        #expect(try EventGraphCoder.encode(g) == json)
        try Self.check(g)
    }
}
