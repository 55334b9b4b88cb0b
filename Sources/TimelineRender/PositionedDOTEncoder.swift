import Foundation
import TimelineModel

/// Encodes an event graph as DOT whose every node carries its position (`pos`, in points, from
/// ``PositionedLayout``), for Graphviz's `nop2` engine (`neato -n2`): Graphviz then only draws straight
/// relation edges and writes the SVG, all in time linear in the size of the graph. Used for large timelines,
/// where the `dot` engine's layout is slow.
///
/// The nodes and their attributes (labels, colours, tooltips, links) are those of ``DOTEncoder``, with the
/// same escaping, except that boxes have square corners and fixed sizes (nothing needs measuring: see
/// ``GraphvizRenderer``'s positioned context); the time axis is a row of period labels joined by grey edges,
/// with compressed gaps marked; relation labels are text nodes placed on free ground by
/// ``PositionedLayout/freeSpot(between:and:width:height:avoiding:)``.
public struct PositionedDOTEncoder: Sendable {
    /// Title, font, link and filter settings.
    public var options: RenderOptions

    /// Relation edges are labelled only when their ends are at least this far apart horizontally (points).
    static let labelledEdgeSpan = 160.0
    /// The size of relation labels (points).
    static let relationFontSize = 9.0

    /// Creates an encoder with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The DOT text of `graph` with positions, ending with a newline: lay it out with the `nop2` engine.
    public func encode(_ graph: EventGraph) -> String {
        drawing(graph).whole
    }

    /// The DOT of `graph`, whole (unless `whole` is false) and as the frame and tiles the SVG is drawn from.
    ///
    /// With `pieces`, tiles of unchanged periods come with their SVG from it (see ``PositionedDrawing/Tile``),
    /// keys starting with `keyPrefix` (the Graphviz version: the store holds Graphviz's drawings).
    public func drawing(_ graph: EventGraph, whole wantsWhole: Bool = true, pieces: PieceStore? = nil,
                        digests memo: EventDigest.Memo? = nil, keyPrefix: String = "") -> PositionedDrawing {
        drawing(graph, whole: wantsWhole, pieces: pieces, digests: memo, keyPrefix: keyPrefix, periods: nil)
    }

    /// ``drawing(_:whole:pieces:digests:keyPrefix:)``, with the periods of `graph` (filtered) when made already.
    func drawing(_ graph: EventGraph, whole wantsWhole: Bool, pieces: PieceStore?, digests memo: EventDigest.Memo?,
                 keyPrefix: String, periods known: PeriodsOnce?) -> PositionedDrawing {
        let graph = options.filter.apply(to: graph)
        let periods = known?.periods ?? TimelinePeriod.periods(of: graph)
        let layout = PositionedLayout(periods: periods)
        let base = DOTEncoder(options: options)
        let font = CorpusText.line(options.font)
        let title = CorpusText.line(options.title)

        let graphAttributes: [(String, String)] = [
            ("charset", "UTF-8"), ("labelloc", "t"), ("labeljust", "l"), ("fontname", font), ("pad", "0.3"),
            ("splines", "line"), ("outputorder", "edgesfirst"), ("tooltip", title),
        ]
        let nodeDefaults = "  node " + DOTEncoder.attributes([
            ("fontname", font), ("fontsize", "11"), ("shape", "box"), ("style", "filled"),
            ("margin", "0.1,0.05"), ("penwidth", "1.2"), ("fixedsize", "true"),
        ]) + ";\n"
        let edgeDefaults = "  edge " + DOTEncoder.attributes([("fontname", font), ("fontsize", "9"), ("arrowsize", "0.7")]) + ";\n"
        // Labels are not measured by the positioned path's Graphviz context: the legend's cells get widths
        // from a generous estimate, so that their text never runs out of them.
        let legend = "  graph [label=<" + TimelineLegend.htmlLabel(title: title, graph: graph, font: font,
                                                                 measure: PositionedLayout.textWidth) + ">];\n"
        // The frame keeps Graphviz from moving the drawing (`notranslate`), so that tiles drawn apart fit it.
        func header(notranslate: Bool) -> String {
            "digraph \(DOTEncoder.quoted(title)) {\n  graph "
                + DOTEncoder.attributes(graphAttributes + (notranslate ? [("notranslate", "true")] : [])) + ";\n"
                + legend + nodeDefaults + edgeDefaults
        }

        if periods.isEmpty {
            let empty = "  " + DOTEncoder.quoted("empty") + " " + DOTEncoder.attributes([
                ("label", "No dated events"), ("shape", "plaintext"), ("style", ""), ("fixedsize", "false"),
                ("pos", "0,0"),
            ]) + ";\n}\n"
            return PositionedDrawing(whole: wantsWhole ? header(notranslate: false) + empty : "",
                                     frame: header(notranslate: true) + empty, tiles: [])
        }

        var axis = "\n  // The time axis: period labels left to right, long gaps compressed and marked.\n"
        let axisAttributes = DOTEncoder.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "normal")])
        for (i, tick) in layout.ticks.enumerated() {
            let count = tick.period.events.count
            let id = "period:" + tick.period.key
            axis += "  " + DOTEncoder.quoted(id) + " " + DOTEncoder.attributes([
                ("label", tick.period.label), ("shape", "plaintext"), ("style", ""), ("fontsize", "16"),
                ("fontcolor", "#333333"), ("fixedsize", "false"),
                ("tooltip", "\(tick.period.label): \(count) event\(count == 1 ? "" : "s")"),
                ("pos", pos(tick.x, layout.axisY)),
            ]) + ";\n"
            guard i > 0 else { continue }
            let previous = "period:" + layout.ticks[i - 1].period.key
            if let gap = layout.gaps[i] {
                let gapID = "gap:" + tick.period.key
                axis += "  " + DOTEncoder.quoted(gapID) + " "
                    + DOTEncoder.attributes(DOTEncoder.gapAttributes(years: gap.years)
                        + [("fixedsize", "false"), ("pos", pos(gap.x, layout.axisY))]) + ";\n"
                axis += "  " + DOTEncoder.quoted(previous) + " -> " + DOTEncoder.quoted(gapID) + " "
                    + DOTEncoder.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "none"),
                                             ("style", "dashed")]) + ";\n"
                axis += "  " + DOTEncoder.quoted(gapID) + " -> " + DOTEncoder.quoted(id) + " " + axisAttributes + ";\n"
            } else {
                axis += "  " + DOTEncoder.quoted(previous) + " -> " + DOTEncoder.quoted(id) + " " + axisAttributes + ";\n"
            }
        }

        // Each box's statement without its position, then the position: absolute in the whole DOT, relative
        // to its tile's left edge in the tile. The explicit `id` keeps SVG ids unique across tiles.
        var boxes = wantsWhole ? "\n  // Events, stacked under their period in date order.\n" : ""
        if wantsWhole { boxes.reserveCapacity(layout.boxes.count * 720) }
        let tileHeader = "digraph \"tile\" {\n  graph " + DOTEncoder.attributes([
            ("charset", "UTF-8"), ("fontname", font), ("notranslate", "true"), ("splines", "line"),
            ("outputorder", "edgesfirst"),
        ]) + ";\n" + nodeDefaults
        var tiles: [PositionedDrawing.Tile] = []
        tiles.reserveCapacity(layout.ticks.count * 2)
        // The first box of each event id, by its index (a box holds its event: copying one is not free).
        var boxOfEvent: [String: Int] = [:]
        boxOfEvent.reserveCapacity(layout.boxes.count)
        for i in layout.boxes.indices where boxOfEvent[layout.boxes[i].event.id] == nil { boxOfEvent[layout.boxes[i].event.id] = i }
        // With a store (and unique event ids, so that node ids do not depend on other tiles), a tile whose
        // events, column height and settings are unchanged takes its SVG and its part of the whole DOT from it,
        // and is not encoded.
        let store = pieces != nil && boxOfEvent.count == layout.boxes.count ? pieces : nil
        let digests = store == nil ? [] : memo.map { m in layout.boxes.map { m.digest(of: $0.event) } }
            ?? EventDigest.digests(of: layout.boxes.map(\.event))
        let settings = store == nil ? "" : keyPrefix + "positioned tile\n\(options.settingsKey)\n\(layout.rows)\n"
        var wholeKeys: [String] = []
        // A tile holds whole columns of one period, about `tileBoxes` boxes: a change redraws the tiles from
        // its box to the end of its period (the boxes after it move), not the whole period.
        let columnsPerTile = max(1, Self.tileBoxes / max(layout.rows, 1))
        let columnStep = PositionedLayout.boxWidth + PositionedLayout.columnGap
        var ranges: [(range: Range<Int>, left: Double)] = []
        var next = 0
        for tick in layout.ticks {
            let end = next + tick.period.events.count
            var column = 0
            while next < end {
                let upper = min(end, next + columnsPerTile * layout.rows)
                ranges.append((next..<upper, tick.left + Double(column) * columnStep))
                next = upper
                column += columnsPerTile
            }
        }
        for (range, left) in ranges {
            var key = "", wholeKey = ""
            var svg: Data?, body: Range<Int>?
            var part: String?
            if let store {
                key = settings + digests[range].joined(separator: "\n")
                // A stored piece is used only when it has the shape of a tile; where its body lies is kept.
                if let stored = store.piece(forKey: key), let found = try? SVGTiles.body(ofTile: stored) {
                    (svg, body) = (stored, found)
                }
                if wantsWhole {
                    wholeKey = "whole DOT at \(Self.fmt(left))\n" + key
                    wholeKeys.append(wholeKey)
                    part = store.piece(forKey: wholeKey).map { String(decoding: $0, as: UTF8.self) }
                }
            }
            // Encoded only for what the store did not hold.
            var made: (tile: String, whole: String)?
            if svg == nil || (wantsWhole && part == nil) {
                let m = statements(layout.boxes[range], left: left, base: base)
                if wantsWhole, part == nil { store?.store(Data(m.whole.utf8), forKey: wholeKey) }
                made = m
            }
            if wantsWhole { boxes += part ?? made?.whole ?? "" }
            tiles.append(PositionedDrawing.Tile(left: left, key: key,
                                                dot: svg == nil ? tileHeader + (made?.tile ?? "") + "}\n" : "", svg: svg,
                                                svgBody: body))
        }
        store?.used(wholeKeys)

        // Relation edges are straight lines, drawn under the boxes. Their labels are separate text nodes
        // (drawn over the edges), each where the line runs through free space, so that no label hides under
        // a box or another label; an edge without such a place, or too short, is not labelled (its style,
        // colour and tooltip still tell its type). In the frame, each box an edge meets has an invisible
        // stand-in of its size, which Graphviz clips the edge at.
        var relations = ""
        var standIns = ""
        var joined = Set<String>()
        var seen = Set<Relation>()
        var canonical = graph
        canonical.canonicalize()
        var labels: [PositionedLayout.Rect] = []
        func standIn(_ box: PositionedLayout.Box) {
            guard joined.insert(box.nodeID).inserted else { return }
            standIns += "  "
            DOTEncoder.appendQuoted(box.nodeID, to: &standIns)
            standIns += " "
            DOTEncoder.appendAttributes([
                ("label", ""), ("style", "invis"), ("width", fmt(box.width / 72)), ("height", fmt(box.height / 72)),
                ("pos", pos(box.x, box.y)),
            ], to: &standIns)
            standIns += ";\n"
        }
        for relation in canonical.relations {
            guard relation.from != relation.to, let f = boxOfEvent[relation.from], let t = boxOfEvent[relation.to]
            else { continue }
            let from = layout.boxes[f], to = layout.boxes[t]
            var key = relation
            key.evidence = Evidence(document: "", span: [], quote: "")
            guard seen.insert(key).inserted else { continue }
            var attrs = base.relationAttributes(relation, events: [relation.from: from.event, relation.to: to.event],
                                                sameColumn: false)
            let label = attrs.first { $0.0 == "label" }?.1 ?? ""
            attrs.removeAll { $0.0 == "label" }
            if relations.isEmpty { relations += "\n  // Relations stated in the corpus, and their labels where there is room.\n" }
            standIn(from)
            standIn(to)
            relations += "  "
            DOTEncoder.appendQuoted(from.nodeID, to: &relations)
            relations += " -> "
            DOTEncoder.appendQuoted(to.nodeID, to: &relations)
            relations += " "
            DOTEncoder.appendAttributes(attrs, to: &relations)
            relations += ";\n"

            guard !label.isEmpty, abs(from.x - to.x) >= Self.labelledEdgeSpan else { continue }
            let width = PositionedLayout.textWidth(label, size: Self.relationFontSize) + 4
            let height = Self.relationFontSize * 1.2 + 2
            guard let spot = layout.freeSpot(between: from, and: to, width: width, height: height, avoiding: labels)
            else { continue }
            labels.append(PositionedLayout.Rect(centerX: spot.x, centerY: spot.y, width: width, height: height))
            let keep: Set<String> = ["fontcolor", "tooltip", "URL"]
            relations += "  "
            DOTEncoder.appendQuoted("relation:\(labels.count)", to: &relations)
            relations += " "
            DOTEncoder.appendAttributes([
                ("label", label), ("shape", "plaintext"), ("style", ""), ("fontsize", fmt(Self.relationFontSize)),
                ("fixedsize", "false"), ("width", "0"), ("height", "0"), ("margin", "0"),
            ] + attrs.filter { keep.contains($0.0) } + [("pos", pos(spot.x, spot.y))], to: &relations)
            relations += ";\n"
        }

        // Two invisible points at the corners of the boxes' area give the frame the whole drawing's size.
        let corner: [(String, String)] = [("label", ""), ("shape", "point"), ("style", "invis"), ("width", "0"),
                                          ("height", "0"), ("fixedsize", "true")]
        let right = layout.width - PositionedLayout.columnGap
        let bottom = layout.height - PositionedLayout.rowGap
        var frame = header(notranslate: true) + axis
        frame += "\n  // The corners of the drawing, and the boxes that relations join (drawn in the tiles).\n"
        frame += "  \"corner:top-left\" " + DOTEncoder.attributes(corner + [("pos", pos(0, PositionedLayout.top))]) + ";\n"
        frame += "  \"corner:bottom-right\" " + DOTEncoder.attributes(corner + [("pos", pos(right, bottom))]) + ";\n"
        frame += standIns + relations + "}\n"
        let whole = wantsWhole ? header(notranslate: false) + axis + boxes + relations + "}\n" : ""
        return PositionedDrawing(whole: whole, frame: frame, tiles: tiles)
    }

    /// The box statements of one tile: with positions relative to its left edge (for its tile) and absolute
    /// (for the whole DOT). The explicit `id` keeps SVG ids unique across tiles.
    private func statements(_ boxes: ArraySlice<PositionedLayout.Box>, left: Double,
                            base: DOTEncoder) -> (tile: String, whole: String) {
        var tile = ""
        var whole = ""
        tile.reserveCapacity(boxes.count * 720)
        whole.reserveCapacity(boxes.count * 720)
        var dates: [String: (text: String, long: String)] = [:]
        for box in boxes {
            let label = PositionedLayout.label(box.event, dates: &dates)
            var attrs = base.eventAttributes(box.event, labelLines: label.lines, longDate: label.longDate)
            attrs += [("width", fmt(box.width / 72)), ("height", fmt(box.height / 72)), ("id", Self.svgID(box.nodeID))]
            var statement = "  "
            DOTEncoder.appendQuoted(box.nodeID, to: &statement)
            statement += " "
            DOTEncoder.appendAttributes(attrs, to: &statement)
            statement.removeLast()  // "]"
            statement += ", pos=\""
            tile += statement
            tile += pos(box.x - left, box.y)
            tile += "\"];\n"
            whole += statement
            whole += pos(box.x, box.y)
            whole += "\"];\n"
        }
        return (tile, whole)
    }

    private func pos(_ x: Double, _ y: Double) -> String { "\(Self.fmt(x)),\(Self.fmt(-y))" }
    private func fmt(_ v: Double) -> String { Self.fmt(v) }

    /// The SVG `id` of a box: its node ID as an XML name, injectively (letters, digits and `-` kept, any
    /// other scalar written `_hex_`), so that ids stay unique and stable across tiles.
    static func svgID(_ nodeID: String) -> String {
        var out = "box-"
        for scalar in nodeID.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: out.unicodeScalars.append(scalar)
            default: out += "_" + String(scalar.value, radix: 16) + "_"
            }
        }
        return out
    }

    /// About how many boxes a tile holds (whole columns: at least one).
    static let tileBoxes = 256

    /// A coordinate with at most two decimals and no exponent.
    static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }
}
