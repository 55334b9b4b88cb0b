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
        let graph = options.filter.apply(to: graph)
        let periods = TimelinePeriod.periods(of: graph)
        let layout = PositionedLayout(periods: periods)
        let base = DOTEncoder(options: options)
        let font = CorpusText.line(options.font)
        let title = CorpusText.line(options.title)
        func pos(_ x: Double, _ y: Double) -> String { "\(fmt(x)),\(fmt(-y))" }

        var out = "digraph \(DOTEncoder.quoted(title)) {\n"
        out += "  graph " + DOTEncoder.attributes([
            ("charset", "UTF-8"), ("labelloc", "t"), ("labeljust", "l"), ("fontname", font), ("pad", "0.3"),
            ("splines", "line"), ("outputorder", "edgesfirst"), ("tooltip", title),
        ]) + ";\n"
        // Labels are not measured by the positioned path's Graphviz context: the legend's cells get widths
        // from a generous estimate, so that their text never runs out of them.
        out += "  graph [label=<" + TimelineLegend.htmlLabel(title: title, graph: graph, font: font,
                                                             measure: PositionedLayout.textWidth) + ">];\n"
        out += "  node " + DOTEncoder.attributes([
            ("fontname", font), ("fontsize", "11"), ("shape", "box"), ("style", "filled"),
            ("margin", "0.1,0.05"), ("penwidth", "1.2"), ("fixedsize", "true"),
        ]) + ";\n"
        out += "  edge " + DOTEncoder.attributes([("fontname", font), ("fontsize", "9"), ("arrowsize", "0.7")]) + ";\n"

        if periods.isEmpty {
            out += "  " + DOTEncoder.quoted("empty") + " " + DOTEncoder.attributes([
                ("label", "No dated events"), ("shape", "plaintext"), ("style", ""), ("fixedsize", "false"),
                ("pos", "0,0"),
            ]) + ";\n}\n"
            return out
        }

        out += "\n  // The time axis: period labels left to right, long gaps compressed and marked.\n"
        let axisAttributes = DOTEncoder.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "normal")])
        for (i, tick) in layout.ticks.enumerated() {
            let count = tick.period.events.count
            let id = "period:" + tick.period.key
            out += "  " + DOTEncoder.quoted(id) + " " + DOTEncoder.attributes([
                ("label", tick.period.label), ("shape", "plaintext"), ("style", ""), ("fontsize", "16"),
                ("fontcolor", "#333333"), ("fixedsize", "false"),
                ("tooltip", "\(tick.period.label): \(count) event\(count == 1 ? "" : "s")"),
                ("pos", pos(tick.x, layout.axisY)),
            ]) + ";\n"
            guard i > 0 else { continue }
            let previous = "period:" + layout.ticks[i - 1].period.key
            if let gap = layout.gaps[i] {
                let gapID = "gap:" + tick.period.key
                out += "  " + DOTEncoder.quoted(gapID) + " "
                    + DOTEncoder.attributes(DOTEncoder.gapAttributes(years: gap.years)
                        + [("fixedsize", "false"), ("pos", pos(gap.x, layout.axisY))]) + ";\n"
                out += "  " + DOTEncoder.quoted(previous) + " -> " + DOTEncoder.quoted(gapID) + " "
                    + DOTEncoder.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "none"),
                                             ("style", "dashed")]) + ";\n"
                out += "  " + DOTEncoder.quoted(gapID) + " -> " + DOTEncoder.quoted(id) + " " + axisAttributes + ";\n"
            } else {
                out += "  " + DOTEncoder.quoted(previous) + " -> " + DOTEncoder.quoted(id) + " " + axisAttributes + ";\n"
            }
        }

        out += "\n  // Events, stacked under their period in date order.\n"
        out.reserveCapacity(out.utf8.count + layout.boxes.count * 700)
        var boxOfEvent: [String: PositionedLayout.Box] = [:]
        boxOfEvent.reserveCapacity(layout.boxes.count)
        for box in layout.boxes {
            if boxOfEvent[box.event.id] == nil { boxOfEvent[box.event.id] = box }
            var attrs = base.eventAttributes(box.event, labelLines: box.lines, longDate: box.longDate)
            attrs += [("width", fmt(box.width / 72)), ("height", fmt(box.height / 72)), ("pos", pos(box.x, box.y))]
            out += "  "
            DOTEncoder.appendQuoted(box.nodeID, to: &out)
            out += " "
            DOTEncoder.appendAttributes(attrs, to: &out)
            out += ";\n"
        }

        // Relation edges are straight lines, drawn under the boxes. Their labels are separate text nodes
        // (drawn over the edges), each where the line runs through free space, so that no label hides under
        // a box or another label; an edge without such a place, or too short, is not labelled (its style,
        // colour and tooltip still tell its type).
        var seen = Set<Relation>()
        var canonical = graph
        canonical.canonicalize()
        var labels: [PositionedLayout.Rect] = []
        var first = true
        for relation in canonical.relations {
            guard relation.from != relation.to, let from = boxOfEvent[relation.from], let to = boxOfEvent[relation.to]
            else { continue }
            var key = relation
            key.evidence = Evidence(document: "", span: [], quote: "")
            guard seen.insert(key).inserted else { continue }
            var attrs = base.relationAttributes(relation, events: [relation.from: from.event, relation.to: to.event],
                                                sameColumn: false)
            let label = attrs.first { $0.0 == "label" }?.1 ?? ""
            attrs.removeAll { $0.0 == "label" }
            if first { out += "\n  // Relations stated in the corpus, and their labels where there is room.\n" }
            first = false
            out += "  "
            DOTEncoder.appendQuoted(from.nodeID, to: &out)
            out += " -> "
            DOTEncoder.appendQuoted(to.nodeID, to: &out)
            out += " "
            DOTEncoder.appendAttributes(attrs, to: &out)
            out += ";\n"

            guard !label.isEmpty, abs(from.x - to.x) >= Self.labelledEdgeSpan else { continue }
            let width = PositionedLayout.textWidth(label, size: Self.relationFontSize) + 4
            let height = Self.relationFontSize * 1.2 + 2
            guard let spot = layout.freeSpot(between: from, and: to, width: width, height: height, avoiding: labels)
            else { continue }
            labels.append(PositionedLayout.Rect(centerX: spot.x, centerY: spot.y, width: width, height: height))
            let keep: Set<String> = ["fontcolor", "tooltip", "URL"]
            out += "  "
            DOTEncoder.appendQuoted("relation:\(labels.count)", to: &out)
            out += " "
            DOTEncoder.appendAttributes([
                ("label", label), ("shape", "plaintext"), ("style", ""), ("fontsize", fmt(Self.relationFontSize)),
                ("fixedsize", "false"), ("width", "0"), ("height", "0"), ("margin", "0"),
            ] + attrs.filter { keep.contains($0.0) } + [("pos", pos(spot.x, spot.y))], to: &out)
            out += ";\n"
        }
        out += "}\n"
        return out
    }

    /// A coordinate with at most two decimals and no exponent.
    private func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }
}
