import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("Positioned layout (large timelines)")
struct PositionedLayoutTests {
    @Test("boxes never overlap, follow the dates left to right and top to bottom, and stay right of the axis start",
          arguments: [10, 300, 5_000])
    func geometry(count: Int) {
        let graph = TestSupport.synthetic(count: count)
        let layout = PositionedLayout(periods: TimelinePeriod.periods(of: graph))
        #expect(layout.boxes.count == count)
        // Boxes in layout order; compare each with the next ones of nearby columns (sorted by x then y).
        let sorted = layout.boxes.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...].prefix(3 * layout.rows) {
                let apart = abs(a.x - b.x) >= (a.width + b.width) / 2 || abs(a.y - b.y) >= (a.height + b.height) / 2
                #expect(apart, "\(a.nodeID) overlaps \(b.nodeID)")
            }
        }
        for (a, b) in zip(layout.ticks, layout.ticks.dropFirst()) { #expect(a.right < b.left) }
        #expect(layout.boxes.allSatisfy { $0.x - $0.width / 2 >= 0 && $0.y - $0.height / 2 > layout.axisY })
    }

    @Test("relation labels stand on free ground: clear of every box and of each other", arguments: [300, 2_000])
    func relationLabels(count: Int) throws {
        let graph = TestSupport.synthetic(count: count)
        let layout = PositionedLayout(periods: TimelinePeriod.periods(of: graph))
        let dot = PositionedDOTEncoder().encode(graph)
        var rects: [PositionedLayout.Rect] = []
        for line in dot.split(separator: "\n") where line.hasPrefix("  \"relation:") {
            let label = try #require(line.firstMatch(of: /label="([^"]*)"/)?.1)
            let pos = try #require(line.firstMatch(of: /pos="(-?[0-9.]+),(-?[0-9.]+)"/))
            let x = try #require(Double(pos.1)), y = -(try #require(Double(pos.2)))
            let rect = PositionedLayout.Rect(
                centerX: x, centerY: y,
                width: PositionedLayout.textWidth(String(label), size: PositionedDOTEncoder.relationFontSize) + 4,
                height: PositionedDOTEncoder.relationFontSize * 1.2 + 2)
            #expect(!layout.hitsBox(rect), "\(line)")
            #expect(rect.minX >= 0 && rect.minY > layout.axisY + 20 && rect.maxX <= layout.width && rect.maxY <= layout.height)
            #expect(!rects.contains { $0.intersects(rect) }, "\(line)")
            rects.append(rect)
        }
        #expect(!rects.isEmpty)
        // No edge carries a label of its own (Graphviz would place it, possibly under a box).
        #expect(!dot.split(separator: "\n").contains { $0.contains(" -> ") && $0.contains("label=") })
    }

    @Test("the positioned legend sizes its cells itself, wide enough for the text")
    func legendWidths() {
        let graph = TestSupport.synthetic(count: 300)
        let dot = PositionedDOTEncoder().encode(graph)
        let legend = dot.split(separator: "\n").first { $0.hasPrefix("  graph [label=<") }!
        let widths = legend.matches(of: /WIDTH="([0-9]+)"><FONT[^>]*POINT-SIZE="10"[^>]*>([^<]*)</).map { (Int($0.1)!, String($0.2)) }
        #expect(widths.count >= 8)
        for (width, html) in widths {
            let text = html.replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            // Noto Sans CJK is at most about 0.6 em per Latin letter on average.
            #expect(Double(width) >= Double(text.count) * 6, "\(text): \(width)")
        }
        // The dot path measures text with pango: no widths there.
        #expect(!DOTEncoder().encode(graph).contains("WIDTH="))
    }

    @Test("automatic layout switches above the threshold, and the positioned SVG is well-formed")
    func switches() throws {
        let small = TestSupport.synthetic(count: RenderOptions.positionedLayoutThreshold)
        let large = TestSupport.synthetic(count: RenderOptions.positionedLayoutThreshold + 1)
        let renderer = TimelineRenderer()
        #expect(renderer.dot(small).engine == .dot)
        #expect(renderer.dot(large).engine == .nop2)
        let svg = try renderer.svg(large)
        let document = try XMLDocument(data: svg, options: [])
        #expect(document.rootElement()?.name == "svg")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("Quote for event 0"))  // tooltips
        #expect(text.contains("xlink:href=\"./articles/doc-"))
    }

    @Test("a 5,000-event timeline renders")
    func fiveThousand() throws {
        let graph = TestSupport.synthetic(count: 5_000)
        let start = Date()
        let svg = try TimelineRenderer().svg(graph)
        let elapsed = Date().timeIntervalSince(start)
        #expect(svg.count > 1_000_000)
        #expect(String(decoding: svg.suffix(10), as: UTF8.self).contains("</svg>"))
        #expect(elapsed < 60, "took \(elapsed) s")
    }
}
