import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("DOTEncoder")
struct DOTEncoderTests {
    @Test("DOT output matches the golden file", arguments: TestSupport.fixtureNames)
    func golden(name: String) throws {
        let graph = try TestSupport.fixture(name)
        let dot = DOTEncoder(options: RenderOptions(title: "Fixture: \(name)")).encode(graph)
        try TestSupport.expectGolden(dot, name + ".dot")
    }

    @Test("the same graph gives the same bytes, whatever the input order", arguments: TestSupport.fixtureNames)
    func deterministic(name: String) throws {
        let graph = try TestSupport.fixture(name)
        var shuffled = graph
        shuffled.events.reverse()
        shuffled.relations.reverse()
        shuffled.documents.reverse()
        let encoder = DOTEncoder()
        #expect(encoder.encode(graph) == encoder.encode(graph))
        #expect(encoder.encode(graph) == encoder.encode(shuffled))
    }

    @Test("every string is escaped: quotes, backslashes, newlines, controls, ampersands")
    func escaping() {
        #expect(DOTEncoder.escaped(#"say "hi" \N"#) == #"say \"hi\" \\N"#)
        #expect(DOTEncoder.escaped("a\nb\r\nc\u{2028}d\te") == "a b c d e")
        #expect(DOTEncoder.escaped("bell\u{7}\u{1B}[0m\u{0}\u{7F}\u{85}x") == "bell[0m x")
        #expect(DOTEncoder.escaped("A & B") == "A &amp; B")
        #expect(DOTEncoder.escaped("&lt;i&gt; &#60; &#x3C;") == "&amp;\u{2060}lt;i&amp;\u{2060}gt; &amp;\u{2060}#60; &amp;\u{2060}#x3C;")
        #expect(DOTEncoder.escaped("evil\u{202E}txt") == "eviltxt")
        // A combining mark after a quote must not hide the quote from the escaper.
        #expect(DOTEncoder.escaped("x\"\u{301}y") == "x\\\"\u{301}y")
        #expect(DOTEncoder.escaped("ends with \\") == "ends with \\\\")
        #expect(DOTEncoder.quoted("a\"b") == "\"a\\\"b\"")
    }

    @Test("no quoted string in the adversarial DOT is left open, and every ID is quoted")
    func structure() throws {
        let dot = DOTEncoder().encode(try TestSupport.fixture("adversarial"))
        for line in dot.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") || trimmed == "}" || trimmed.hasPrefix("rank=") { continue }
            // Outside quoted strings a statement holds only IDs in quotes, `->`, `[`, `]`, `=`, `,`, `;`, `{`
            // and the keywords graph, node, edge, subgraph, digraph.
            var outside = ""
            var inString = false
            var escape = false
            for c in line.unicodeScalars {
                if inString {
                    if escape { escape = false } else if c == "\\" { escape = true } else if c == "\"" { inString = false }
                } else if c == "\"" {
                    inString = true
                } else {
                    outside.unicodeScalars.append(c)
                }
            }
            #expect(!inString, "unterminated string in: \(line)")
            let words = outside.split(whereSeparator: { " ->[]=,;{}".unicodeScalars.contains($0.unicodeScalars.first!) })
            let keywords: Set<Substring> = ["graph", "node", "edge", "subgraph", "digraph", "label", "xlabel", "shape", "style",
                                            "fillcolor", "color", "tooltip", "URL", "fontname", "fontsize",
                                            "fontcolor", "penwidth", "arrowhead", "weight", "constraint", "charset",
                                            "rankdir", "labelloc", "nodesep", "ranksep", "pad", "outputorder",
                                            "margin", "arrowsize"]
            for word in words {
                #expect(keywords.contains(word), "unexpected bare word \(word) in: \(line)")
            }
        }
    }

    @Test("event nodes link to the first mention's document, percent-encoded")
    func links() throws {
        let graph = try TestSupport.fixture("adversarial")
        let dot = DOTEncoder().encode(graph)
        #expect(dot.contains(#"URL="./javascript%3Aalert%281%29""#))
        #expect(dot.contains(#"URL="./docs/a%20b%26c%3Fd%3D1%23frag%20%22quoted%22.md""#))
        #expect(!dot.contains("URL=\"javascript:"))
        let based = DOTEncoder(options: RenderOptions(linkBase: "https://example.org/corpus/")).encode(
            try TestSupport.fixture("realistic"))
        #expect(based.contains(
            #"URL="https://example.org/corpus/articles/%E4%B8%AD%E8%8B%8F%E5%85%B3%E7%B3%BB.txt""#))
    }

    @Test("periods: years, decades, centuries and ranges get their own columns in date order")
    func periods() throws {
        let periods = TimelinePeriod.periods(of: try TestSupport.fixture("realistic"))
        #expect(periods.map(\.label) == ["1950", "1960s", "1960", "1969", "1971–1972", "1989", "1991",
                                         "2000–2004", "2001", "2014"])
        #expect(periods.first { $0.key == "1969" }?.events.map(\.id)
                == ["1969-zhenbao-island-clash", "1969-beijing-airport-meeting"])
    }

    @Test("titles wrap into balanced lines, CJK punctuation stays with its text")
    func wrapping() {
        #expect(CorpusText.wrap("戈尔巴乔夫访华，两国关系正常化", width: 26) == ["戈尔巴乔夫访华，", "两国关系正常化"])
        #expect(CorpusText.wrap("Sino-Soviet Treaty of Friendship signed in Moscow", width: 26)
                == ["Sino-Soviet Treaty", "of Friendship", "signed in Moscow"])
        #expect(CorpusText.wrap("short", width: 26) == ["short"])
        #expect(CorpusText.wrap("", width: 26) == [])
        let long = String(repeating: "x", count: 60)
        #expect(CorpusText.wrap(long, width: 26).allSatisfy { $0.count <= 26 })
        #expect(CorpusText.wrap(long, width: 26).joined() == long)
        for line in CorpusText.wrap("测试（括号）标点，不能在行首。测试测试测试测试测试测试测试", width: 10) {
            #expect(!line.hasPrefix("，") && !line.hasPrefix("。") && !line.hasPrefix("）") && !line.hasSuffix("（"))
        }
    }

    @Test("an empty graph is still a valid timeline")
    func empty() throws {
        let dot = DOTEncoder().encode(EventGraph())
        #expect(dot.hasPrefix("digraph \"Timeline\" {"))
        #expect(dot.contains("No dated events"))
        _ = try GraphvizRenderer.renderSVG(dot: dot)
    }
}
