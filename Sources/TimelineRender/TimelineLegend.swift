import TimelineModel

/// The title and legend drawn at the top of the DOT/SVG timeline: a Graphviz HTML-like label with the title,
/// a swatch per event type shown (with its count) and a sample of each relation style shown.
enum TimelineLegend {
    /// Swatches per row of the legend.
    static let perRow = 8

    /// The HTML-like label (without the enclosing `<` `>`) for `graph`'s title and legend.
    ///
    /// With `measure` (text, point size → width in points), every cell is given a `WIDTH` that holds its text
    /// as measured so and its text is left-aligned: for renderings where Graphviz does not measure text.
    static func htmlLabel(title: String, graph: EventGraph, font: String,
                          measure: ((String, Double) -> Double)? = nil) -> String {
        /// ` ALIGN="LEFT" WIDTH="w"` for text at `size` with `extra` points of padding and border, or "".
        func width(_ text: String, _ size: Double, _ extra: Double) -> String {
            guard let measure else { return "" }
            let w = min(65_535, Int((measure(text, size) + extra).rounded(.up)))
            return " ALIGN=\"LEFT\" WIDTH=\"\(w)\""
        }
        var counts: [String: Int] = [:]
        // By index: iterating would copy every event (a retain of each of its fields) to read its type.
        for i in graph.events.indices { counts[typeName(graph.events[i].type), default: 0] += 1 }
        let types = counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        let relationTypes = RelationType.allCases.filter { type in
            graph.relations.contains { $0.type == type && $0.from != $0.to }
        }
        let face = html(font)
        let titleText = CorpusText.line(title)
        var rows = "<TR><TD" + (measure == nil ? " ALIGN=\"LEFT\"" : width(titleText, 22, 6))
            + "><FONT FACE=\"\(face)\" POINT-SIZE=\"22\">\(html(titleText))</FONT></TD></TR>"
        if !types.isEmpty {
            // One grid of swatches, `perRow` to a row, left-aligned.
            rows += "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"5\" CELLPADDING=\"3\">"
            var i = 0
            while i < types.count {
                rows += "<TR>"
                for type in types[i..<min(i + perRow, types.count)] {
                    let colors = EventStyle.colors(forType: type)
                    let text = "\(CorpusText.truncate(type, limit: 30)) (\(counts[type]!))"
                    rows += "<TD BGCOLOR=\"\(colors.fill)\" COLOR=\"\(colors.border)\" BORDER=\"1\"\(width(text, 10, 10))>"
                        + "<FONT FACE=\"\(face)\" POINT-SIZE=\"10\">\(html(CorpusText.truncate(type, limit: 30))) (\(counts[type]!))</FONT></TD>"
                }
                rows += "</TR>"
                i += perRow
            }
            rows += "</TABLE></TD></TR>"
        }
        if !relationTypes.isEmpty {
            rows += "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"5\" CELLPADDING=\"2\"><TR>"
            for type in relationTypes {
                let style = EventStyle.relation(type)
                let text = "\(sampleText(type)) \(style.label)"
                rows += "<TD\(width(text, 10, 6))><FONT FACE=\"\(face)\" POINT-SIZE=\"10\" COLOR=\"\(style.color)\">\(sample(type)) \(style.label)</FONT></TD>"
            }
            rows += "</TR></TABLE></TD></TR>"
        }
        return "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">" + rows + "</TABLE>"
    }

    /// A short line in the style of the relation's edges.
    static func sample(_ type: RelationType) -> String {
        switch type {
        case .causes: return "───▶"
        case .responseTo: return "╴╴╴&gt;"
        case .partOf: return "┈┈┈◇"
        case .precedes: return "───▷"
        }
    }

    /// ``sample(_:)`` as displayed (entities decoded).
    static func sampleText(_ type: RelationType) -> String {
        type == .responseTo ? "╴╴╴>" : sample(type)
    }

    static func typeName(_ type: String) -> String {
        let t = CorpusText.line(type)
        return t.isEmpty ? "event" : t
    }

    /// Text for the inside of a Graphviz HTML-like label: cleaned to one line, `&` `<` `>` `"` as entities,
    /// and a WORD JOINER after an `&` that would otherwise pass through Graphviz's SVG writer as an entity.
    static func html(_ text: String) -> String {
        let scalars = Array(CorpusText.line(text).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in scalars.enumerated() {
            switch c {
            case "&":
                out.append(contentsOf: "&amp;".unicodeScalars)
                if DOTEncoder.looksLikeEntity(scalars, at: i + 1) { out.append("\u{2060}") }
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }
}
