import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TimelineModel

/// Puts the SVG of a positioned timeline together from Graphviz's drawings of its frame and tiles
/// (``PositionedDrawing``): the frame's document, with the drawing of each tile, shifted right to its
/// period, inserted at the end of the frame's graph group (so boxes are drawn over the axis and edges).
///
/// Every piece is drawn with `notranslate`, so that its coordinates are the layout's own: a tile's
/// elements need only a horizontal shift. The pieces are Graphviz's SVG writer's output, whose shape
/// (a `graph0` group opening with its title and white background polygon, closed by `</g>` and `</svg>`) is
/// checked; anything else is an error, not a guess.
enum SVGTiles {
    private static let graphOpen = Array("<g id=\"graph0\" class=\"graph\"".utf8)
    private static let background = Array("<polygon fill=\"white\"".utf8)
    private static let close = Array("</g>\n</svg>".utf8)

    /// Where the drawing inside a tile's SVG is: its elements after the background polygon, up to the graph
    /// group's end (byte offsets from the start of `svg`).
    static func body(ofTile svg: Data) throws -> Range<Int> {
        try svg.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Range<Int> in
            guard let open = find(graphOpen, in: raw, from: 0),
                  let polygon = find(background, in: raw, from: open),
                  let newline = find([UInt8(ascii: "\n")], in: raw, from: polygon),
                  let end = findLast(close, in: raw), end > newline
            else { throw TimelineError.graphviz(message: "Graphviz's SVG for a tile does not have the expected shape") }
            return (newline + 1)..<end
        }
    }

    /// The frame's SVG with the tiles' drawings (`svg[body]`) inserted, each shifted by its `left`.
    static func stitch(frame: Data, tiles: [(left: Double, svg: Data, body: Range<Int>)]) throws -> Data {
        let end = try frame.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            guard find(graphOpen, in: raw, from: 0) != nil, let end = findLast(close, in: raw) else {
                throw TimelineError.graphviz(message: "Graphviz's SVG for the timeline's frame does not have the expected shape")
            }
            return end
        }
        var out = Data(capacity: frame.count + tiles.reduce(0) { $0 + $1.body.count + 64 })
        out.append(frame[frame.startIndex..<(frame.startIndex + end)])
        for tile in tiles {
            out.append(contentsOf: Array("<g class=\"tile\" transform=\"translate(\(PositionedDOTEncoder.fmt(tile.left)) 0)\">\n".utf8))
            let start = tile.svg.startIndex
            out.append(tile.svg[(start + tile.body.lowerBound)..<(start + tile.body.upperBound)])
            out.append(contentsOf: Array("</g>\n".utf8))
        }
        out.append(frame[(frame.startIndex + end)...])
        return out
    }

    private static func find(_ needle: [UInt8], in raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = raw.baseAddress, !needle.isEmpty else { return nil }
        var i = start
        while i + needle.count <= raw.count {
            // memchr finds the first byte fast; memcmp checks the rest.
            guard let hit = memchr(base + i, Int32(needle[0]), raw.count - needle.count + 1 - i) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    private static func findLast(_ needle: [UInt8], in raw: UnsafeRawBufferPointer) -> Int? {
        guard needle.count <= raw.count else { return nil }
        var i = raw.count - needle.count
        while i >= 0 {
            if raw[i] == needle[0], (0..<needle.count).allSatisfy({ raw[i + $0] == needle[$0] }) { return i }
            i -= 1
        }
        return nil
    }
}
