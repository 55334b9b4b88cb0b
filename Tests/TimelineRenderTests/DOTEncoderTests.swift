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

    @Test("no quoted string in the adversarial DOT is left open, and every ID is quoted", arguments: [false, true])
    func structure(positioned: Bool) throws {
        let graph = try TestSupport.fixture("adversarial")
        // Positioned: the whole DOT, and the frame and tiles the SVG is drawn from.
        let drawing = PositionedDOTEncoder().drawing(graph)
        let texts = positioned ? [drawing.whole, drawing.frame] + drawing.tiles.map(\.dot) : [DOTEncoder().encode(graph)]
        for dot in texts {
            _ = try GraphvizRenderer.renderSVG(dot: dot, engine: positioned ? .nop2 : .dot)
        }
        for line in texts.joined().split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") || trimmed == "}" || trimmed.hasPrefix("rank=") { continue }
            // The title and legend: an HTML-like label, checked by `legend`.
            if trimmed.hasPrefix("graph [label=<") && trimmed.hasSuffix(">];") { continue }
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
                                            "margin", "arrowsize", "labeljust", "splines", "fixedsize", "width",
                                            "height", "pos", "id", "notranslate"]
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

    @Test("the line count of a wrapped title is that of its lines, for random titles in both scripts")
    func wrappedLineCount() {
        var rng = SplitMix64(state: 2026)
        let pieces = ["a", "treaty", "signed", "Sino-Soviet", "x", String(repeating: "w", count: 31), "戈", "尔巴乔夫",
                      "访华", "，", "。", "（", "）", "《条约》", " ", "  ", "🎉", "é", "naïve", "1969"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 14) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let line = CorpusText.line(text)
            for width in [4, 10, 26] {
                #expect(CorpusText.wrappedLineCount(line, width: width) == CorpusText.wrap(line, width: width).count,
                        "\(line) at \(width)")
            }
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

@Suite("Time axis, legend and tooltips")
struct TimeAxisTests {
    @Test("a long gap between periods is compressed into a marked column; short gaps are not")
    func gaps() throws {
        let dot = DOTEncoder().encode(try TestSupport.fixture("realistic"))
        // 1971–1972 → 1989: 16 empty years; 2000–2004 and 2001 → 2014: 9.
        #expect(dot.contains(#""gap:1989" [label="≈\n16 years""#))
        #expect(dot.contains(#""gap:2014" [label="≈\n9 years""#))
        #expect(!dot.contains(#""gap:1969""#))
        #expect(dot.contains(#""period:1971/1972" -> "gap:1989""#))
        #expect(dot.contains(#""gap:1989" -> "period:1989""#))
    }

    @Test("many years become decades, many decades centuries")
    func granularity() {
        let graph = TestSupport.synthetic(count: 300)
        let periods = TimelinePeriod.periods(of: graph)
        #expect(periods.map(\.label) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s"])
        #expect(periods.reduce(0) { $0 + $1.events.count } == 300)
        let years = TimelinePeriod.periods(of: graph, granularity: .year)
        #expect(years.count > TimelinePeriod.Granularity.maxColumns)
    }

    @Test("the legend names each event type shown with its count and colour, and each relation style")
    func legend() throws {
        let graph = try TestSupport.fixture("realistic")
        let dot = DOTEncoder().encode(graph)
        let label = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  graph [label=<") })
        for type in Set(graph.events.map(\.type)) {
            let count = graph.events.filter { $0.type == type }.count
            #expect(label.contains(">\(type) (\(count))</FONT>"), "\(type)")
            #expect(label.contains("BGCOLOR=\"\(EventStyle.colors(forType: type).fill)\""))
        }
        #expect(label.contains("───▶ causes</FONT>"))
        let plain = DOTEncoder().encode(EventGraph(events: graph.events))
        #expect(!plain.contains("causes</FONT>"))
    }

    @Test("legend text is escaped for HTML-like labels")
    func legendEscaping() throws {
        let dot = DOTEncoder().encode(try TestSupport.fixture("adversarial"))
        let label = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  graph [label=<") })
        #expect(label.contains("war&quot;; onload=&quot;alert(1)"))
        #expect(!label.contains("\"alert(1)"))
        #expect(TimelineLegend.html("<b>&amp;</b>") == "&lt;b&gt;&amp;\u{2060}amp;&lt;/b&gt;")
    }

    @Test("every event's tooltip has its full date, title and first quote, and it links to its source")
    func tooltips() throws {
        let graph = try TestSupport.fixture("realistic")
        let dot = DOTEncoder(options: RenderOptions(linkBase: "https://example.org/c/")).encode(graph)
        #expect(dot.contains(#"tooltip="2 March 1969 — 珍宝岛边境冲突 (war)"#))
        for event in graph.events {
            let line = try #require(dot.split(separator: "\n").first { $0.contains("\"event:\(event.id)\" [") })
            #expect(line.contains(DateLabel.long(for: event.date)))
            if let quote = event.mentions.first?.quote {
                #expect(line.contains(DOTEncoder.escaped(String(quote.prefix(40)))), "\(event.id)")
                #expect(line.contains("URL=\"https://example.org/c/"))
            }
        }
    }

    @Test("written-out dates")
    func longDates() {
        #expect(DateLabel.long(for: EventDate(edtf: "1969-03-02")!) == "2 March 1969")
        #expect(DateLabel.long(for: EventDate(edtf: "2024-02~")!) == "c. February 2024")
        #expect(DateLabel.long(for: EventDate(edtf: "196X")!) == "1960s")
    }
}
