import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("MermaidRenderer")
struct MermaidRendererTests {
    @Test("Mermaid output matches the golden file", arguments: TestSupport.fixtureNames)
    func golden(name: String) throws {
        let mermaid = MermaidRenderer(options: RenderOptions(title: "Fixture: \(name)")).render(try TestSupport.fixture(name))
        try TestSupport.expectGolden(mermaid, name + ".mermaid.md")
    }

    @Test("escaping: Mermaid's syntax characters become entity codes")
    func escaping() {
        #expect(MermaidRenderer.escaped("a: b # c; d") == "a#58; b #35; c#59; d")
        #expect(MermaidRenderer.escaped("100% %%{init}%%") == "100#37; #37;#37;#123;init#125;#37;#37;")
        #expect(MermaidRenderer.escaped("<script>&") == "#60;script#62;#38;")
        #expect(MermaidRenderer.escaped("title x") == "#116;itle x")
        #expect(MermaidRenderer.escaped("Section 2") == "#83;ection 2")
        #expect(MermaidRenderer.escaped("line\nbreak") == "line break")
    }

    @Test("every line of the adversarial diagram is valid timeline syntax", arguments: TestSupport.fixtureNames)
    func grammar(name: String) throws {
        let graph = try TestSupport.fixture(name)
        let block = MermaidRenderer(options: RenderOptions(title: "T: #1; 100%")).render(graph)
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "```mermaid")
        #expect(lines.dropLast().last == "```")
        #expect(lines.last == "")
        // Inside the fence: no line may close it early.
        for line in lines.dropFirst().dropLast(2) { #expect(!line.contains("```")) }
        let body = Array(lines.dropFirst().dropLast(2))
        #expect(body.first == "timeline")
        var events = 0
        for raw in body.dropFirst() {
            #expect(try MermaidTimelineGrammar.check(raw), "invalid: \(raw)")
            if !raw.trimmingCharacters(in: .whitespaces).hasPrefix("section")
                && !raw.trimmingCharacters(in: .whitespaces).hasPrefix("title") {
                events += raw.components(separatedBy: " : ").count - 1
            }
        }
        #expect(events == graph.events.count)
        #expect(!block.contains("<!--"))
    }
}

/// The lexer of Mermaid's `timeline` diagram (timeline.jison), after Mermaid's `encodeEntities` step: what a
/// line must look like to be read as we mean it.
enum MermaidTimelineGrammar {
    static func check(_ line: String) throws -> Bool {
        // encodeEntities: `#name;` and `#123;` become placeholders before lexing.
        let encoded = line.replacing(#/#\w+;/#, with: "\u{FB02}°°")
        if encoded.contains("%%") { return false }  // a comment to the end of the line
        let text = encoded.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("title ") {
            return text.firstMatch(of: #/^title\s[^#\n;]+$/#) != nil
        }
        if text.hasPrefix("section ") {
            return text.firstMatch(of: #/^section\s[^:\n#;]+$/#) != nil
        }
        for keyword in ["title", "section", "acc", "timeline"] where text.hasPrefix(keyword) { return false }
        return text.firstMatch(of: #/^[^#:\n;]+(:\s[^#:\n;]+)+$/#) != nil
    }
}
