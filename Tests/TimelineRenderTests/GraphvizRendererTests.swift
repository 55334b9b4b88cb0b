import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("GraphvizRenderer")
struct GraphvizRendererTests {
    /// Every element of an XML tree, depth first.
    private func elements(_ element: XMLElement) -> [XMLElement] {
        [element] + (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap(elements)
    }

    /// An attribute's value. (FoundationXML's `attribute(forName:)` misses attributes of elements in the
    /// SVG default namespace, so search the list.)
    private func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    private func svg(of name: String) throws -> (EventGraph, XMLDocument, Data) {
        let graph = try TestSupport.fixture(name)
        let data = try GraphvizRenderer.renderSVG(dot: DOTEncoder().encode(graph))
        let document = try XMLDocument(data: data, options: [])
        return (graph, document, data)
    }

    @Test("the SVG is well-formed XML showing every event title", arguments: TestSupport.fixtureNames)
    func titles(name: String) throws {
        let (graph, document, _) = try svg(of: name)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        // The text lines of each node, joined: labels wrap, so compare without whitespace.
        let nodes = elements(root).filter { $0.name == "g" && attribute($0, "class") == "node" }
        let nodeTexts = nodes.map { node in
            TestSupport.squeezed(elements(node).filter { $0.name == "text" }.map { $0.stringValue ?? "" }.joined())
        }
        for event in graph.events {
            let title = TestSupport.squeezed(event.title)
            #expect(nodeTexts.contains { $0.contains(title) }, "title not shown: \(event.title)")
        }
    }

    @Test("the SVG holds nothing executable", arguments: TestSupport.fixtureNames)
    func nothingExecutable(name: String) throws {
        let (_, document, data) = try svg(of: name)
        let text = String(decoding: data, as: UTF8.self).lowercased()
        #expect(!text.contains("<script"))
        #expect(!text.contains("<foreignobject"))
        for element in elements(try #require(document.rootElement())) {
            let elementName = (element.localName ?? element.name ?? "").lowercased()
            #expect(!["script", "foreignobject", "iframe", "object", "embed"].contains(elementName))
            for attribute in element.attributes ?? [] {
                let attributeName = (attribute.localName ?? attribute.name ?? "").lowercased()
                #expect(!attributeName.hasPrefix("on"), "event handler attribute \(attributeName)")
                if attributeName == "href" {
                    let value = (attribute.stringValue ?? "").lowercased()
                        .unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined()
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        #expect(!value.hasPrefix(scheme), "executable link \(value)")
                    }
                }
            }
        }
    }

    @Test("Chinese titles stay Chinese text in the SVG, in the configured font")
    func chinese() throws {
        let (_, _, data) = try svg(of: "realistic")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(">珍宝岛边境冲突</text>"))
        #expect(text.contains("font-family=\"Noto Sans CJK SC\""))
    }

    @Test("malformed DOT becomes a graphviz error, and the next call still works")
    func errors() throws {
        do {
            _ = try GraphvizRenderer.renderSVG(dot: "digraph { a -> ; }")
            Issue.record("expected an error")
        } catch let TimelineError.graphviz(message) {
            #expect(message.contains("syntax error"), "\(message)")
        }
        #expect(throws: TimelineError.self) { try GraphvizRenderer.renderSVG(dot: "") }
        #expect(throws: TimelineError.self) { try GraphvizRenderer.renderSVG(dot: "digraph { a\u{0} }") }
        let svg = try GraphvizRenderer.renderSVG(dot: #"digraph "ok" { a -> b }"#)
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
    }

    @Test("an unknown attribute value is not an error: warnings do not fail the render")
    func warnings() throws {
        let svg = try GraphvizRenderer.renderSVG(dot: #"digraph "w" { a [shape="no-such-shape"] }"#)
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
    }

    @Test("rendering is deterministic")
    func deterministic() throws {
        let dot = DOTEncoder().encode(try TestSupport.fixture("realistic"))
        #expect(try GraphvizRenderer.renderSVG(dot: dot) == GraphvizRenderer.renderSVG(dot: dot))
    }

    @Test("concurrent renders from many tasks are serialised and give the serial results")
    func concurrency() async throws {
        let dots = try TestSupport.fixtureNames.map { DOTEncoder().encode(try TestSupport.fixture($0)) }
            + ["digraph { a -> ; }"]
        let expected = dots.map { try? GraphvizRenderer.renderSVG(dot: $0) }
        let results = try await withThrowingTaskGroup(of: (Int, Data?).self) { group in
            for i in 0..<24 {
                group.addTask {
                    let k = i % dots.count
                    return (k, try? GraphvizRenderer.renderSVG(dot: dots[k]))
                }
            }
            var all: [(Int, Data?)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 24)
        for (k, data) in results {
            #expect(data == expected[k])
        }
        #expect(expected.last! == nil)
        #expect(expected.dropLast().allSatisfy { $0 != nil })
    }
}
