import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

/// What a reader sees: the Markdown through GitHub's Markdown implementation (cmark-gfm) and the SVG drawn
/// to PNG (rsvg-convert). Each test skips when its program is not installed (Debian `cmark-gfm`,
/// `librsvg2-bin`).
@Suite("Publishing")
struct PublishingTests {
    private static let cmark = TestSupport.program("cmark-gfm")
    private static let rsvg = TestSupport.program("rsvg-convert")

    private func html(_ markdown: String) throws -> String {
        let (out, status) = try TestSupport.run(Self.cmark!, ["-e", "footnotes", "-e", "table", "-e", "strikethrough",
                                                             "-e", "autolink", "-e", "tagfilter", "--to", "html"],
                                                input: Data(markdown.utf8))
        #expect(status == 0)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("GFM renders with its structure intact and no raw HTML from the corpus",
          .enabled(if: cmark != nil), arguments: TestSupport.fixtureNames)
    func markdown(name: String) throws {
        let graph = try TestSupport.fixture(name)
        let periods = TimelinePeriod.periods(of: graph)
        let page = try html(MarkdownRenderer().render(graph))
        #expect(!page.contains("raw HTML omitted"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img src=\"x\""))
        #expect(!page.contains("href=\"javascript"))
        #expect(!page.contains("<!--"))
        #expect(page.components(separatedBy: "<h1>").count == 2)
        #expect(page.components(separatedBy: "<h2>").count - 1 == periods.count + (graph.undated.isEmpty ? 0 : 1))
        // One list item with a bold date per dated event.
        #expect(page.components(separatedBy: "<li><strong>").count - 1 == graph.events.count)
        #expect(!page.contains("<table"))
        #expect(page.contains("<img src=\"timeline.svg\""))
        // Footnotes: each reference resolves.
        let mentions = graph.events.reduce(0) { $0 + $1.mentions.count } + graph.undated.reduce(0) { $0 + $1.mentions.count }
        #expect(page.components(separatedBy: "class=\"footnote-ref\"").count - 1 == mentions)
    }

    @Test("injected Markdown and Mermaid keep the host document's structure", .enabled(if: cmark != nil))
    func injected() throws {
        let graph = try TestSupport.fixture("adversarial")
        let host = "# Host\n\n<!-- timeline:begin heading=3 -->\n<!-- timeline:end -->\n\n## Host section\n\n"
            + "<!-- timeline:begin format=mermaid -->\n<!-- timeline:end -->\n\nThe end.\n"
        let out = try TimelineRenderer().injected(into: Array(host.utf8), path: "host.md", graph: graph)
        let page = try html(String(decoding: out, as: UTF8.self))
        #expect(page.contains("<h1>Host</h1>"))
        #expect(page.contains("<h2>Host section</h2>"))
        #expect(page.contains("<p>The end.</p>"))  // (GFM gathers footnotes after it)
        #expect(page.components(separatedBy: "<pre lang=\"mermaid\">").count + page.components(separatedBy: "language-mermaid").count == 3)
        #expect(!page.contains("<script"))
        // The only raw HTML is the host's own four marker comments.
        #expect(page.components(separatedBy: "raw HTML omitted").count - 1 == 4)
    }

    @Test("the SVG draws to a PNG of sane size", .enabled(if: rsvg != nil),
          arguments: ["realistic", "adversarial", "synthetic-300"])
    func png(name: String) throws {
        let graph = name == "synthetic-300" ? TestSupport.synthetic(count: 300) : try TestSupport.fixture(name)
        let svg = try TimelineRenderer().svg(graph)
        let (png, status) = try TestSupport.run(Self.rsvg!, ["--format", "png"], input: svg)
        #expect(status == 0)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: width and height, big-endian, at bytes 16..<24.
        let bytes = [UInt8](png.prefix(24))
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width >= 400 && height >= 200, "\(width)x\(height)")
        #expect(width <= 40_000 && height <= 20_000, "\(width)x\(height)")
        #expect(Double(width) / Double(height) < 30, "\(width)x\(height)")
        #expect(png.count > 10_000)
    }
}
