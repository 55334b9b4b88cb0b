import TimelineModel

/// Renders an event graph as a Mermaid `timeline` diagram, which GitHub, GitLab and many docs sites draw
/// natively from a fenced ```` ```mermaid ```` block.
///
/// One `section` per period (the same periods as the SVG columns and the Markdown headings), one line per
/// date with the titles of that date's events. Corpus text can never break the diagram: it is cleaned to one
/// line and every character Mermaid's timeline grammar or its Markdown fence could read as syntax (`:` `#` `;`
/// `%` `<` `>` `&` `` ` `` `{` `}`) is written as a Mermaid entity code (`#58;`), which Mermaid decodes for
/// display. The output is deterministic.
public struct MermaidRenderer: Sendable {
    /// Title and filter settings.
    public var options: RenderOptions

    /// Titles are cut to this many characters: a Mermaid timeline card is narrow.
    static let titleLimit = 80

    /// Creates a renderer with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The diagram text alone (starting `timeline`), ending with a newline.
    public func diagram(_ graph: EventGraph) -> String {
        let graph = options.filter.apply(to: graph)
        let periods = TimelinePeriod.periods(of: graph)
        var out = "timeline\n"
        let title = Self.escaped(options.title)
        if !title.isEmpty { out += "    title " + title + "\n" }
        if periods.isEmpty {
            out += "    No dated events : (none)\n"
            return out
        }
        for period in periods {
            out += "    section " + Self.escaped(period.label) + "\n"
            var line = ""
            var lineDate = ""
            for event in period.events {
                let date = Self.escaped(DateLabel.text(for: event.date))
                let title = Self.escaped(CorpusText.line(event.title, limit: Self.titleLimit))
                if date != lineDate || line.isEmpty {
                    if !line.isEmpty { out += line + "\n" }
                    lineDate = date
                    line = "        " + (date.isEmpty ? "?" : date)
                }
                line += " : " + (title.isEmpty ? "(untitled)" : title)
            }
            if !line.isEmpty { out += line + "\n" }
        }
        return out
    }

    /// The diagram in a fenced ```` ```mermaid ```` block, ending with a newline: what `timeline.mermaid.md`
    /// holds and what `format=mermaid` injects.
    public func render(_ graph: EventGraph) -> String {
        "```mermaid\n" + diagram(graph) + "```\n"
    }

    /// `text` for a Mermaid timeline: one line, syntax characters as entity codes, and a leading keyword
    /// (`title`, `section`, `accTitle`, `accDescr`, `timeline`) disguised so that it stays text.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in CorpusText.line(text).unicodeScalars {
            switch scalar {
            case ":", "#", ";", "%", "<", ">", "&", "`", "{", "}", "\\":
                out += "#\(scalar.value);"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        let lower = out.lowercased()
        for keyword in ["title", "section", "acctitle", "accdescr", "timeline"] where lower.hasPrefix(keyword) {
            let first = out.unicodeScalars.first!
            return "#\(first.value);" + String(out.unicodeScalars.dropFirst())
        }
        return out
    }
}
