import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    @Test("Markdown output matches the golden file", arguments: TestSupport.fixtureNames)
    func golden(name: String) throws {
        let graph = try TestSupport.fixture(name)
        let markdown = MarkdownRenderer(options: RenderOptions(title: "Fixture: \(name)")).render(graph)
        try TestSupport.expectGolden(markdown, name + ".md")
    }

    @Test("the same graph gives the same bytes, whatever the input order", arguments: TestSupport.fixtureNames)
    func deterministic(name: String) throws {
        let graph = try TestSupport.fixture(name)
        var shuffled = graph
        shuffled.events.reverse()
        shuffled.relations.reverse()
        shuffled.undated.reverse()
        let renderer = MarkdownRenderer()
        #expect(renderer.render(graph) == renderer.render(shuffled))
    }

    @Test("layout: title, embedded SVG, period headings, footnotes, undated section")
    func layout() throws {
        let markdown = MarkdownRenderer().render(try TestSupport.fixture("realistic"))
        let lines = markdown.components(separatedBy: "\n")
        #expect(lines[0] == "# Timeline")
        #expect(lines[2] == "![Timeline](timeline.svg)")
        #expect(lines.contains("## 1969"))
        #expect(lines.contains("## 1960s"))
        #expect(lines.contains("## 1971–1972"))
        #expect(lines.contains("## Undated"))
        #expect(lines.contains("- **1969-03-02** — 珍宝岛边境冲突[^5][^6]"))
        #expect(lines.contains("[^5]: [articles/cold-war-overview.md](./articles/cold-war-overview.md): "
                               + "“Border guards of the two countries clashed on Zhenbao Island in the Ussuri River on 2 March 1969.”"))
        #expect(lines.contains("  - causes: Kosygin and Zhou Enlai meet at Beijing airport (1969-09-11)"))
        #expect(lines.contains("  - caused by: 珍宝岛边境冲突 (1969-03-02)"))
        // Every footnote reference has exactly one definition.
        let references = Set(markdown.matches(of: #/\[\^(\d+)\](?!:)/#).map { String($0.1) })
        let definitions = lines.compactMap { line in line.firstMatch(of: #/^\[\^(\d+)\]: /#).map { String($0.1) } }
        #expect(Set(definitions) == references)
        #expect(definitions.count == references.count)
    }

    @Test("inline escaping neutralises Markdown and HTML")
    func escaping() {
        #expect(MarkdownText.inline("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
        #expect(MarkdownText.inline("[x](javascript:alert(1))") == "\\[x\\]\\(javascript\\:alert\\(1\\)\\)")
        #expect(MarkdownText.inline("![i](u)") == "\\!\\[i\\]\\(u\\)")
        #expect(MarkdownText.inline("a | b") == "a \\| b")
        #expect(MarkdownText.inline("<!-- x -->") == "&lt;\\!-- x --&gt;")
        #expect(MarkdownText.inline("1. first") == "1\\. first")
        #expect(MarkdownText.inline("# h") == "\\# h")
        #expect(MarkdownText.inline("- item") == "\\- item")
        #expect(MarkdownText.inline("+ item") == "\\+ item")
        #expect(MarkdownText.inline("Sino-Soviet #1 + 2") == "Sino-Soviet #1 + 2")
        #expect(MarkdownText.inline("*a* _b_ `c` ~d~ $e$") == "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$")
        #expect(MarkdownText.inline("a\\b") == "a\\\\b")
        #expect(MarkdownText.inline("line\nbreak\r\n\u{2028}x") == "line break x")
        #expect(MarkdownText.inline("AT&T &amp;") == "AT&amp;T &amp;amp;")
        #expect(MarkdownText.inline("see https://x.example and www.x.example") == "see https\\://x.example and www\\.x.example")
        #expect(MarkdownText.inline("12:30 in 2.5") == "12:30 in 2.5")
        // A combining mark after `*` must not hide it.
        #expect(MarkdownText.inline("*\u{301}x*") == "\\*\u{301}x\\*")
    }

    @Test("nothing in the adversarial Markdown can open HTML, links, images or extra footnotes")
    func adversarial() throws {
        let markdown = MarkdownRenderer().render(try TestSupport.fixture("adversarial"))
        #expect(!markdown.contains("<"))
        #expect(!markdown.contains("](javascript"))
        #expect(!markdown.contains("javascript:"))
        #expect(!markdown.contains("\u{202E}"))
        // The only unescaped `[` starts a footnote reference/definition or the one link per footnote.
        for line in markdown.split(separator: "\n") {
            #expect(line.count < 2_600)
        }
        // Count `[` not preceded by a backslash and not starting `[^n]`.
        let scalars = Array(markdown.unicodeScalars)
        var unescapedOpen = 0
        for (i, c) in scalars.enumerated() where c == "[" && (i == 0 || scalars[i - 1] != "\\") {
            if i + 1 < scalars.count, scalars[i + 1] == "^" { continue }
            unescapedOpen += 1
        }
        let footnoteLinks = markdown.split(separator: "\n").filter { $0.firstMatch(of: #/^\[\^\d+\]: \[/#) != nil }.count
        #expect(unescapedOpen == footnoteLinks + 1)  // + the embedded SVG
        // The 2,000-character quote is kept whole, on one line.
        #expect(markdown.contains("中文结尾。”"))
    }
}

@Suite("Markdown sections kept between renderings")
struct MarkdownPiecesTests {
    @Test("sections come from the store unchanged, and a changed event re-renders its section with the footnotes renumbered")
    func sections() throws {
        var graph = TestSupport.synthetic(count: 300)
        let store = MemoryTileStore()
        let renderer = MarkdownRenderer()
        let first = renderer.render(graph, pieces: store)
        #expect(first == renderer.render(graph))
        let sections = TimelinePeriod.periods(of: graph).count
        #expect(store.stored == sections)
        store.reset()
        #expect(renderer.render(graph, pieces: store) == first)
        #expect(store.found == sections && store.stored == 0)

        // A mention more on an early event: every later footnote number moves, only one section is new.
        graph.events[3].mentions.append(Mention(document: "articles/new.md", span: [1, 2], quote: "A new quote.",
                                                dateText: graph.events[3].date.value))
        store.reset()
        let changed = renderer.render(graph, pieces: store)
        #expect(store.stored == 1 && store.found == sections - 1)
        #expect(changed == renderer.render(graph))
        #expect(changed.contains("A new quote."))
    }
}
