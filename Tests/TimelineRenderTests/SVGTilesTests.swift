import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TimelineRender
import TimelineModel

/// A tile store in memory that counts what is asked of it.
final class MemoryTileStore: PieceStore, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var tiles: [String: Data] = [:]
    private(set) var stored = 0
    private(set) var found = 0

    func piece(forKey key: String) -> Data? {
        lock.lock(); defer { lock.unlock() }
        let svg = tiles[key]
        if svg != nil { found += 1 }
        return svg
    }

    func store(_ piece: Data, forKey key: String) {
        lock.lock(); defer { lock.unlock() }
        tiles[key] = piece
        stored += 1
    }

    func used(_ keys: [String]) {}

    func reset() {
        lock.lock(); defer { lock.unlock() }
        stored = 0; found = 0
    }
}

@Suite("Positioned SVG drawn in tiles")
struct SVGTilesTests {
    /// A renderer that always lays out in Swift, keeping its pieces in `store`.
    func positioned(_ store: MemoryTileStore?) -> TimelineRenderer {
        var options = RenderOptions()
        options.layout = .positioned
        var renderer = TimelineRenderer(options: options)
        renderer.pieces = store
        return renderer
    }

    /// How many tiles the drawing of `graph` has: per period, its columns in groups of about
    /// ``PositionedDOTEncoder/tileBoxes`` boxes.
    func tileCount(_ graph: EventGraph) -> Int {
        let periods = TimelinePeriod.periods(of: graph)
        let rows = PositionedLayout(periods: periods).rows
        let perTile = max(1, PositionedDOTEncoder.tileBoxes / rows) * rows
        return periods.reduce(0) { $0 + ($1.events.count + perTile - 1) / perTile }
    }

    @Test("the SVG is well-formed, its ids are unique, and every box is where the whole DOT puts it")
    func boxesWhereTheDOTSays() throws {
        // Enough events that periods are drawn in several tiles.
        let graph = TestSupport.synthetic(count: 2_400)
        var options = RenderOptions()
        options.layout = .positioned
        let renderer = TimelineRenderer(options: options)
        let (dot, engine) = renderer.dot(graph)
        #expect(engine == .nop2)
        let svg = try renderer.svg(graph)
        _ = try XMLDocument(data: svg, options: [])
        let text = String(decoding: svg, as: UTF8.self)

        let ids = text.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate SVG ids")
        let periods = TimelinePeriod.periods(of: graph).count
        let tiles = tileCount(graph)
        #expect(tiles > periods, "no period is drawn in several tiles")
        #expect(text.matches(of: /<g class="tile" transform="translate\(/).count == tiles)

        // Absolute centres from the whole DOT, by SVG id.
        var centres: [String: (Double, Double)] = [:]
        for line in dot.split(separator: "\n") {
            guard let id = line.firstMatch(of: /id="(box-[^"]*)"/)?.1,
                  let pos = line.firstMatch(of: /pos="(-?[0-9.]+),(-?[0-9.]+)"/) else { continue }
            centres[String(id)] = (Double(pos.1)!, -Double(pos.2)!)
        }
        #expect(centres.count == graph.events.count)
        // In the SVG: each tile's shift, then each box's polygon within it.
        var checked = 0
        for tile in text.split(separator: "<g class=\"tile\" transform=\"translate(").dropFirst() {
            let shift = try #require(Double(tile.prefix { $0 != " " }))
            for node in tile.matches(of: /<g id="(box[^"]*)" class="node">(?s:.*?)<polygon [^>]*points="([^"]*)"/) {
                let xs = node.2.split(separator: " ").map { Double($0.split(separator: ",")[0])! }
                let ys = node.2.split(separator: " ").map { Double($0.split(separator: ",")[1])! }
                // Graphviz writes "-" in ids as "&#45;".
                let centre = try #require(centres[node.1.replacingOccurrences(of: "&#45;", with: "-")])
                #expect(abs((xs.min()! + xs.max()!) / 2 + shift - centre.0) < 0.6, "\(node.1)")
                #expect(abs((ys.min()! + ys.max()!) / 2 - centre.1) < 0.6, "\(node.1)")
                checked += 1
            }
        }
        #expect(checked == graph.events.count)
    }

    @Test("a tile store makes a second rendering draw nothing, and one changed event redraws one tile")
    func storeReuse() throws {
        var graph = TestSupport.synthetic(count: 2_400)
        let store = MemoryTileStore()
        let cached = positioned(store), plain = positioned(nil)

        let first = try cached.svg(graph)
        // Every tile and the frame.
        let pieces = tileCount(graph) + 1
        #expect(store.stored == pieces && store.found == 0)
        store.reset()
        #expect(try cached.svg(graph) == first)
        #expect(store.stored == 0 && store.found == pieces)

        // A new title changes one tile (a box that grows moves only the boxes below it, in its column); the
        // frame (axis, legend counts) stays.
        graph.events[graph.events.count / 2].title = "A title changed by hand"
        store.reset()
        let changed = try cached.svg(graph)
        #expect(store.stored == 1 && store.found == pieces - 1)
        #expect(changed == (try plain.svg(graph)), "reused tiles give the bytes of a rendering without a store")
        #expect(String(decoding: changed, as: UTF8.self).contains("A title changed by hand"))
    }

    @Test("an event added at the end of a period redraws its last tile and the frame, not the whole period")
    func addedEventRedrawsItsTile() throws {
        var graph = TestSupport.synthetic(count: 2_400)
        let store = MemoryTileStore()
        let cached = positioned(store)
        _ = try cached.svg(graph)
        let before = tileCount(graph)
        // The latest event of the largest period, told once more under an id that sorts after it.
        let largest = try #require(TimelinePeriod.periods(of: graph).max { $0.events.count < $1.events.count })
        var added = try #require(largest.events.last)
        added.id = "zz-added"
        added.title = "An event added at the end of its period"
        graph.events.append(added)
        graph.canonicalize()
        #expect(tileCount(graph) == before, "the added event opened a tile of its own")
        store.reset()
        let svg = try cached.svg(graph)
        #expect(store.stored == 2 && store.found == before - 1)
        #expect(svg == (try positioned(nil).svg(graph)))
    }

    @Test("a piece of SVG that is not Graphviz's is refused, never spliced")
    func malformedPieces() {
        for bad in ["", "<svg></svg>", "<g id=\"graph0\" class=\"graph\">", String(repeating: "</g>\n</svg>", count: 3)] {
            #expect(throws: TimelineError.self) { _ = try SVGTiles.body(ofTile: Data(bad.utf8)) }
            #expect(throws: TimelineError.self) { _ = try SVGTiles.stitch(frame: Data(bad.utf8), tiles: []) }
        }
    }
}
