import TimelineModel

/// The title and legend drawn at the top of the DOT/SVG timeline: a Graphviz HTML-like label with the title,
/// a swatch per event type shown (with its count) and a sample of each relation style shown.
enum TimelineLegend {
    /// Swatches per row of the legend.
    static let perRow = 8

    /// The HTML-like label (without the enclosing `<` `>`) for `graph`'s title and legend.
    static func htmlLabel(title: String, graph: EventGraph, font: String) -> String {
        var counts: [String: Int] = [:]
        for event in graph.events { counts[typeName(event.type), default: 0] += 1 }
        let types = counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        let relationTypes = RelationType.allCases.filter { type in
            graph.relations.contains { $0.type == type && $0.from != $0.to }
        }
        let face = html(font)
        var rows = "<TR><TD ALIGN=\"LEFT\"><FONT FACE=\"\(face)\" POINT-SIZE=\"22\">\(html(CorpusText.line(title)))</FONT></TD></TR>"
        if !types.isEmpty {
            // One grid of swatches, `perRow` to a row, left-aligned.
            rows += "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"5\" CELLPADDING=\"3\">"
            var i = 0
            while i < types.count {
                rows += "<TR>"
                for type in types[i..<min(i + perRow, types.count)] {
                    let colors = EventStyle.colors(forType: type)
                    rows += "<TD BGCOLOR=\"\(colors.fill)\" COLOR=\"\(colors.border)\" BORDER=\"1\">"
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
                rows += "<TD><FONT FACE=\"\(face)\" POINT-SIZE=\"10\" COLOR=\"\(style.color)\">\(sample(type)) \(style.label)</FONT></TD>"
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
