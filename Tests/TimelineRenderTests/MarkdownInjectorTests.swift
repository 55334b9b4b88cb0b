import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("Markdown injection")
struct MarkdownInjectorTests {
    private let renderer = TimelineRenderer(options: RenderOptions(title: "Relations"))

    private func inject(_ text: String, graph: EventGraph? = nil) throws -> String {
        let g = try graph ?? TestSupport.fixture("realistic")
        return String(decoding: try renderer.injected(into: Array(text.utf8), path: "README.md", graph: g), as: UTF8.self)
    }

    @Test("only what stands between the markers changes, and a second run changes nothing")
    func replaces() throws {
        let before = "# My project\r\n\nIntro *text*  \n\n<!-- timeline:begin -->\nold content\n<!-- timeline:end -->\n\n## After\ntrailing"
        let once = try inject(before)
        #expect(once.hasPrefix("# My project\r\n\nIntro *text*  \n\n<!-- timeline:begin -->\n\n"))
        #expect(once.hasSuffix("\n\n<!-- timeline:end -->\n\n## After\ntrailing"))
        #expect(!once.contains("old content"))
        #expect(once.contains("## 1969"))
        #expect(!once.contains("# Relations"))  // a fragment has no H1
        #expect(once.contains("[^tl1-1]"))
        #expect(try inject(once) == once)
    }

    @Test("settings on the begin marker filter and format each block")
    func settings() throws {
        let doc = """
            <!-- timeline:begin from=1969 to=1969 type=war heading=3 image=docs/t.svg -->
            <!-- timeline:end -->
            text between
              <!-- timeline:begin format=mermaid title="Soviet years" -->
            x
            <!-- timeline:end -->
            """
        let out = try inject(doc)
        let parts = out.components(separatedBy: "text between")
        #expect(parts[0].contains("### 1969"))
        #expect(!parts[0].contains("## 1950"))
        #expect(parts[0].contains("](docs/t.svg)"))
        #expect(parts[0].contains("珍宝岛边境冲突"))
        #expect(!parts[0].contains("Kosygin"))  // diplomacy, filtered out
        #expect(parts[1].contains("```mermaid\ntimeline\n    title Soviet years\n"))
        #expect(parts[1].contains("[^") == false)
        #expect(try inject(out) == out)
    }

    @Test("markers in fenced code are text; CRLF documents get CRLF blocks")
    func fencesAndCRLF() throws {
        let doc = "```md\n<!-- timeline:begin -->\n<!-- timeline:end -->\n```\r\n<!-- timeline:begin -->\r\n<!-- timeline:end -->\r\n"
        let out = try inject(doc)
        #expect(out.hasPrefix("```md\n<!-- timeline:begin -->\n<!-- timeline:end -->\n```\r\n<!-- timeline:begin -->\r\n\r\n"))
        let block = out.components(separatedBy: "<!-- timeline:begin -->\r\n")[1]
        #expect(!block.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(try inject(out) == out)
    }

    @Test("errors name the document and line", arguments: [
        ("no markers here\n", "README.md: no <!-- timeline:begin -->"),
        ("<!-- timeline:begin -->\nx\n", "README.md:1: <!-- timeline:begin --> has no <!-- timeline:end -->"),
        ("<!-- timeline:end -->\n", "README.md:1: <!-- timeline:end --> without"),
        ("<!-- timeline:begin -->\n<!-- timeline:begin -->\n<!-- timeline:end -->\n", "README.md:2: a second"),
        ("<!-- timeline:begin colour=red -->\n<!-- timeline:end -->\n", "README.md:1: unknown timeline:begin setting 'colour'"),
        ("<!-- timeline:begin from=soon -->\n<!-- timeline:end -->\n", "README.md:1: from: 'soon' is not an EDTF date"),
        ("<!-- timeline:begin format=pdf -->\n<!-- timeline:end -->\n", "README.md:1: format=pdf"),
        ("<!-- timeline:begin title=\"open -->\n<!-- timeline:end -->\n", "README.md:1: unterminated"),
    ])
    func errors(document: String, message: String) throws {
        do {
            _ = try inject(document)
            Issue.record("expected an error for \(document)")
        } catch let TimelineError.invalidArgument(text) {
            #expect(text.hasPrefix(message), "\(text)")
        }
    }

    @Test("an adversarial corpus cannot forge markers or break out of its block")
    func adversarial() throws {
        let graph = try TestSupport.fixture("adversarial")
        let doc = "before\n<!-- timeline:begin -->\n<!-- timeline:end -->\nmiddle\n<!-- timeline:begin format=mermaid -->\n<!-- timeline:end -->\nafter\n"
        let out = try inject(doc, graph: graph)
        #expect(out.components(separatedBy: "<!-- timeline:begin").count == 3)
        #expect(out.components(separatedBy: "<!-- timeline:end -->").count == 3)
        #expect(!out.contains("<!-- html"))
        #expect(try inject(out, graph: graph) == out)
    }

    @Test("inject(into:) rewrites the file only when its bytes change")
    func file() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("README.md")
        try Data("x\n<!-- timeline:begin -->\n<!-- timeline:end -->\n".utf8).write(to: url)
        let graph = try TestSupport.fixture("realistic")
        #expect(try renderer.inject(into: url, graph: graph))
        #expect(try !renderer.inject(into: url, graph: graph))
        #expect(throws: TimelineError.self) { try renderer.inject(into: dir.appendingPathComponent("missing.md"), graph: graph) }
    }
}
