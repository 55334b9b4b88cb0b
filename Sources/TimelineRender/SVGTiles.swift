import Foundation
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

    /// The drawing inside a tile's SVG: its elements after the background polygon, up to the graph
    /// group's end.
    static func body(ofTile svg: Data) throws -> ArraySlice<UInt8> {
        let bytes = [UInt8](svg)
        guard let open = find(graphOpen, in: bytes, from: 0),
              let polygon = find(background, in: bytes, from: open),
              let lineEnd = bytes[polygon...].firstIndex(of: UInt8(ascii: "\n")),
              let end = findLast(close, in: bytes), end > lineEnd
        else { throw TimelineError.graphviz(message: "Graphviz's SVG for a tile does not have the expected shape") }
        return bytes[(lineEnd + 1)..<end]
    }

    /// The frame's SVG with the tiles' drawings inserted, each shifted by its `left`.
    static func stitch(frame: Data, tiles: [(left: Double, body: ArraySlice<UInt8>)]) throws -> Data {
        let bytes = [UInt8](frame)
        guard find(graphOpen, in: bytes, from: 0) != nil, let end = findLast(close, in: bytes) else {
            throw TimelineError.graphviz(message: "Graphviz's SVG for the timeline's frame does not have the expected shape")
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + tiles.reduce(0) { $0 + $1.body.count + 64 })
        out += bytes[..<end]
        for tile in tiles {
            out += Array("<g class=\"tile\" transform=\"translate(\(format(tile.left)) 0)\">\n".utf8)
            out += tile.body
            out += Array("</g>\n".utf8)
        }
        out += bytes[end...]
        return Data(out)
    }

    /// A coordinate with at most two decimals and no exponent, as the DOT positions are written.
    static func format(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func findLast(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
