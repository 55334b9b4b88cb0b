import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("TimelineRenderer")
struct TimelineRendererTests {
    @Test("writes timeline.dot, the SVG and timeline.md")
    func writes() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = try TestSupport.fixture("realistic")
        let urls = try TimelineRenderer().render(graph, to: dir.appendingPathComponent("out"))
        #expect(urls.map(\.lastPathComponent) == ["timeline.dot", "timeline.svg", "timeline.md"])
        let dot = try String(contentsOf: urls[0], encoding: .utf8)
        #expect(dot == DOTEncoder().encode(graph))
        let markdown = try String(contentsOf: urls[2], encoding: .utf8)
        #expect(markdown == MarkdownRenderer().render(graph))
        #expect(try Data(contentsOf: urls[1]).count > 1_000)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(left.sorted() == ["timeline.dot", "timeline.md", "timeline.svg"])
    }

    @Test("writing twice yields identical bytes")
    func idempotent() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let renderer = TimelineRenderer(options: RenderOptions(title: "Twice"))
        for name in TestSupport.fixtureNames {
            let out = dir.appendingPathComponent(name)
            let first = try renderer.render(try TestSupport.fixture(name), to: out).map { try Data(contentsOf: $0) }
            let second = try renderer.render(try TestSupport.fixture(name), to: out).map { try Data(contentsOf: $0) }
            #expect(first == second)
        }
    }

    @Test("nothing is written when Graphviz fails")
    func failureWritesNothing() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let failing = TimelineRenderer(options: RenderOptions()) { _, _ in
            throw TimelineError.graphviz(message: "simulated failure")
        }
        let out = dir.appendingPathComponent("out")
        #expect(throws: TimelineError.graphviz(message: "simulated failure")) {
            try failing.render(try TestSupport.fixture("realistic"), to: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))

        // Earlier outputs are left exactly as they were.
        try TimelineRenderer().render(try TestSupport.fixture("realistic"), to: out)
        let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            .map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(throws: TimelineError.self) {
            try failing.render(try TestSupport.fixture("adversarial"), to: out)
        }
        let after = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            .map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(before == after)
    }

    @Test("a real Graphviz failure also writes nothing")
    func realFailureWritesNothing() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The renderer's own DOT always parses; feed Graphviz broken DOT to exercise the real error path.
        let broken = TimelineRenderer(options: RenderOptions()) { dot, engine in
            try GraphvizRenderer.renderSVG(dot: String(dot.dropLast(3)), engine: engine)
        }
        let out = dir.appendingPathComponent("out")
        #expect(throws: TimelineError.self) { try broken.render(try TestSupport.fixture("realistic"), to: out) }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("the SVG file name must be a plain file name", arguments: ["", "../x.svg", "a/b.svg", "timeline.md", "..",
                                                                   "timeline.mermaid.md", "timeline.timelinejs.json"])
    func badSVGName(name: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: TimelineError.self) {
            try TimelineRenderer(options: RenderOptions(svgFileName: name)).render(EventGraph(), to: dir)
        }
    }

    @Test("a custom SVG name is written and embedded by the Markdown")
    func customSVGName() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let urls = try TimelineRenderer(options: RenderOptions(svgFileName: "my timeline.svg"))
            .render(try TestSupport.fixture("realistic"), to: dir)
        #expect(urls[1].lastPathComponent == "my timeline.svg")
        #expect(try String(contentsOf: urls[2], encoding: .utf8).contains("![Timeline](my%20timeline.svg)"))
    }

    @Test("renders from several tasks at once")
    func concurrentRenders() async throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graphs = try TestSupport.fixtureNames.map(TestSupport.fixture)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try TimelineRenderer().render(graphs[i % graphs.count], to: dir.appendingPathComponent("r\(i)"))
                }
            }
            try await group.waitForAll()
        }
        for i in 2..<8 {
            for file in ["timeline.dot", "timeline.svg", "timeline.md"] {
                let a = try Data(contentsOf: dir.appendingPathComponent("r\(i % 2)/\(file)"))
                let b = try Data(contentsOf: dir.appendingPathComponent("r\(i)/\(file)"))
                #expect(a == b, "r\(i)/\(file)")
            }
        }
    }
}
