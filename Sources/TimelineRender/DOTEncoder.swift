import TimelineModel

/// Encodes an event graph as a Graphviz DOT timeline that reads left to right. Pure Swift: testable
/// without Graphviz; ``GraphvizRenderer`` lays the result out.
///
/// The layout:
/// - one column (a `rank=same` subgraph) per period — a year, or a decade, century or multi-year range for
///   events dated no more precisely than that; the Markdown renderer uses the same periods as headings;
/// - at the head of each column a period label node; consecutive labels are chained by bold grey axis edges,
///   which give the chronological order;
/// - under it the period's events in chronological order (held in place by invisible edges), each a rounded
///   box with its date and title, filled by event type, with a tooltip and a link to the document of its
///   first mention;
/// - relation edges between events, coloured, styled and labelled by type (`causes`, `response to`,
///   `part of`, `precedes`); they do not affect the columns.
///
/// Every ID is quoted, and all corpus text is cleaned (one line, no control characters) and escaped for DOT
/// (`\`, `"`, and `&` as `&amp;` since Graphviz decodes entities in labels). The output is deterministic:
/// the same graph gives the same bytes.
public struct DOTEncoder: Sendable {
    /// Title, font and link settings.
    public var options: RenderOptions

    /// Title lines wrap at about this many columns (a CJK character counts two).
    static let labelWidth = 26
    /// Tooltips are cut to this many characters.
    static let tooltipLimit = 700

    /// Creates an encoder with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The DOT text of `graph`: a `digraph` ending with a newline. Undated events are not drawn.
    public func encode(_ graph: EventGraph) -> String {
        let graph = options.filter.apply(to: graph)
        let periods = TimelinePeriod.periods(of: graph)
        let font = CorpusText.line(options.font)
        let title = CorpusText.line(options.title)
        var out = "digraph \(Self.quoted(title)) {\n"
        out += "  graph " + Self.attributes([
            ("charset", "UTF-8"), ("rankdir", "LR"), ("labelloc", "t"), ("labeljust", "l"), ("fontname", font),
            ("fontsize", "20"), ("nodesep", "0.25"), ("ranksep", "0.45"), ("pad", "0.3"),
            ("outputorder", "edgesfirst"), ("tooltip", title),
        ]) + ";\n"
        // The title and the legend (event types, relation styles): an HTML-like label, all text escaped.
        out += "  graph [label=<" + TimelineLegend.htmlLabel(title: title, graph: graph, font: font) + ">];\n"
        out += "  node " + Self.attributes([
            ("fontname", font), ("fontsize", "11"), ("shape", "box"), ("style", "rounded,filled"),
            ("margin", "0.14,0.07"), ("penwidth", "1.2"),
        ]) + ";\n"
        out += "  edge " + Self.attributes([("fontname", font), ("fontsize", "9"), ("arrowsize", "0.7")]) + ";\n"

        if periods.isEmpty {
            out += "  " + Self.quoted("empty") + " " + Self.attributes([
                ("label", "No dated events"), ("shape", "plaintext"), ("style", ""),
            ]) + ";\n}\n"
            return out
        }

        // Node ids, made unique even if a hand-edited file repeats an event id.
        var nodeIDs: [[String]] = []
        var firstNodeOfEvent: [String: String] = [:]
        var periodOfNode: [String: Int] = [:]
        var used = Set<String>()
        for period in periods {
            var ids: [String] = []
            for event in period.events {
                var id = "event:" + event.id
                var n = 2
                while used.contains(id) { id = "event:\(event.id)#\(n)"; n += 1 }
                used.insert(id)
                if firstNodeOfEvent[event.id] == nil { firstNodeOfEvent[event.id] = id }
                ids.append(id)
                periodOfNode[id] = nodeIDs.count
            }
            nodeIDs.append(ids)
        }

        out += "\n  // The time axis: one column per period, chained in chronological order; a long gap between\n"
        out += "  // two periods is compressed into a narrow column of its own, marked with its length.\n"
        let gaps = TimelinePeriod.gapsBefore(periods)
        for (i, period) in periods.enumerated() {
            let count = period.events.count
            out += "  " + Self.quoted(periodID(period)) + " " + Self.attributes([
                ("label", period.label), ("shape", "plaintext"), ("style", ""), ("fontsize", "16"),
                ("fontcolor", "#333333"),
                ("tooltip", "\(period.label): \(count) event\(count == 1 ? "" : "s")"),
            ]) + ";\n"
            guard i > 0 else { continue }
            let axis = Self.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "normal"),
                                        ("weight", "100")])
            if TimelinePeriod.isLongGap(gaps[i], in: periods) {
                let gapID = "gap:" + period.key
                out += "  " + Self.quoted(gapID) + " " + Self.attributes(Self.gapAttributes(years: gaps[i])) + ";\n"
                out += "  " + Self.quoted(periodID(periods[i - 1])) + " -> " + Self.quoted(gapID) + " "
                    + Self.attributes([("color", "#9e9e9e"), ("penwidth", "3"), ("arrowhead", "none"),
                                       ("style", "dashed"), ("weight", "100")]) + ";\n"
                out += "  " + Self.quoted(gapID) + " -> " + Self.quoted(periodID(period)) + " " + axis + ";\n"
            } else {
                out += "  " + Self.quoted(periodID(periods[i - 1])) + " -> " + Self.quoted(periodID(period)) + " "
                    + axis + ";\n"
            }
        }

        for (i, period) in periods.enumerated() {
            out += "\n  // Period \(periodCommentKey(period))\n"
            out += "  subgraph " + Self.quoted("rank " + period.key) + " {\n"
            out += "    rank=\"same\";\n"
            out += "    " + Self.quoted(periodID(period)) + ";\n"
            for (j, event) in period.events.enumerated() {
                out += "    " + Self.quoted(nodeIDs[i][j]) + " " + Self.attributes(eventAttributes(event)) + ";\n"
            }
            out += "  }\n"
            // Keep the column in date order, the period label on top.
            var previous = periodID(period)
            for id in nodeIDs[i] {
                out += "  " + Self.quoted(previous) + " -> " + Self.quoted(id) + " [style=\"invis\"];\n"
                previous = id
            }
        }

        var seen = Set<Relation>()
        var relationLines: [String] = []
        var canonical = graph
        canonical.canonicalize()
        var eventByID: [String: Event] = [:]
        for event in canonical.events where eventByID[event.id] == nil { eventByID[event.id] = event }
        for relation in canonical.relations {
            guard relation.from != relation.to,
                  let from = firstNodeOfEvent[relation.from], let to = firstNodeOfEvent[relation.to] else { continue }
            var key = relation
            key.evidence = Evidence(document: "", span: [], quote: "")
            guard seen.insert(key).inserted else { continue }
            // Between events of one column the edge runs vertically: dot would put its label on the edge
            // (over another one's); an external label is placed clear of the others.
            let attrs = relationAttributes(relation, events: eventByID,
                                           sameColumn: periodOfNode[from] == periodOfNode[to])
            relationLines.append("  " + Self.quoted(from) + " -> " + Self.quoted(to) + " " + Self.attributes(attrs) + ";\n")
        }
        if !relationLines.isEmpty {
            out += "\n  // Relations stated in the corpus.\n"
            out += relationLines.joined()
        }
        out += "}\n"
        return out
    }

    private func periodID(_ period: TimelinePeriod) -> String { "period:" + period.key }

    /// The period key for a `//` comment: keys are built from digits, `X`, `/`, `.` and `?` only.
    private func periodCommentKey(_ period: TimelinePeriod) -> String {
        String(period.key.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 })
    }

    /// The attributes of a relation edge: style and label by type, a tooltip naming both events with the
    /// evidence quote, a link to the evidence document.
    func relationAttributes(_ relation: Relation, events eventByID: [String: Event], sameColumn: Bool) -> [(String, String)] {
        let style = EventStyle.relation(relation.type)
        var attrs: [(String, String)] = [
            (sameColumn ? "xlabel" : "label", style.label), ("color", style.color), ("fontcolor", style.color),
            ("style", style.style), ("arrowhead", style.arrowhead), ("constraint", "false"),
        ]
        let fromTitle = eventByID[relation.from].map { CorpusText.line($0.title) } ?? relation.from
        let toTitle = eventByID[relation.to].map { CorpusText.line($0.title) } ?? relation.to
        var tip = "\(fromTitle) — \(style.label) — \(toTitle)"
        let quote = CorpusText.line(relation.evidence.quote)
        if !quote.isEmpty { tip += ": “\(quote)”" }
        attrs.append(("tooltip", CorpusText.truncate(tip, limit: Self.tooltipLimit)))
        if !relation.evidence.document.isEmpty {
            attrs.append(("URL", DocumentLink.url(forDocument: relation.evidence.document, linkBase: options.linkBase)))
        }
        return attrs
    }

    /// The marker of a compressed gap on the axis.
    static func gapAttributes(years: Int) -> [(String, String)] {
        let text = TimelinePeriod.gapLabel(years)
        return [("label", "≈\n" + text), ("shape", "plaintext"), ("style", ""), ("fontsize", "10"),
                ("fontcolor", "#777777"), ("tooltip", "\(text) without events (compressed)")]
    }

    func eventAttributes(_ event: Event) -> [(String, String)] {
        let title = CorpusText.line(event.title)
        let lines = [DateLabel.text(for: event.date)] + CorpusText.wrap(title.isEmpty ? "(untitled)" : title,
                                                                          width: Self.labelWidth)
        return eventAttributes(event, labelLines: lines, longDate: DateLabel.long(for: event.date))
    }

    /// ``eventAttributes(_:)`` with the label lines and the written-out date already made.
    func eventAttributes(_ event: Event, labelLines lines: [String], longDate: String) -> [(String, String)] {
        let title = CorpusText.line(event.title)
        let type = CorpusText.line(event.type)
        let colors = EventStyle.colors(forType: type)
        var attrs: [(String, String)] = [
            ("label", lines.joined(separator: "\n")),
            ("fillcolor", colors.fill), ("color", colors.border),
        ]
        var tip = "\(longDate) — \(title) (\(type.isEmpty ? "event" : type))"
        let actors = event.actors.map { CorpusText.line($0) }.filter { !$0.isEmpty }
        if !actors.isEmpty { tip += " — " + actors.joined(separator: ", ") }
        let places = event.places.map { CorpusText.line($0) }.filter { !$0.isEmpty }
        if !places.isEmpty { tip += " — " + places.joined(separator: ", ") }
        if let mention = event.mentions.first {
            let quote = CorpusText.line(mention.quote)
            if !quote.isEmpty { tip += "\n“" + CorpusText.truncate(quote, limit: Self.tooltipLimit) + "”" }
            let document = CorpusText.line(mention.document, limit: 120)
            if !document.isEmpty { tip += "\nsource: " + document }
        }
        attrs.append(("tooltip", tip))
        if let document = event.mentions.first?.document, !document.isEmpty {
            attrs.append(("URL", DocumentLink.url(forDocument: document, linkBase: options.linkBase)))
        }
        return attrs
    }

    /// `[k1="v1", k2="v2"]`, each value escaped and quoted. A newline in a value (only the renderer puts
    /// them there: corpus text is cleaned to one line first) becomes DOT's centred line break `\n`.
    static func attributes(_ pairs: [(String, String)]) -> String {
        var out = ""
        appendAttributes(pairs, to: &out)
        return out
    }

    /// Appends ``attributes(_:)`` of `pairs` to `out`.
    static func appendAttributes(_ pairs: [(String, String)], to out: inout String) {
        out += "["
        for (i, (key, value)) in pairs.enumerated() {
            if i > 0 { out += ", " }
            out += key
            out += "=\""
            let utf8 = value.utf8
            if utf8.contains(UInt8(ascii: "\r")) {
                // CR LF is one Character: split as Characters, like the text is read.
                out += value.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { escaped(String($0)) }.joined(separator: "\\n")
            } else if utf8.contains(UInt8(ascii: "\n")) {
                // Without CR, a LF byte is a "\n" Character: split the bytes.
                var start = utf8.startIndex
                var i = start
                while i != utf8.endIndex {
                    if utf8[i] == UInt8(ascii: "\n") {
                        appendEscaped(String(value[start..<i]), to: &out)
                        out += "\\n"
                        start = utf8.index(after: i)
                    }
                    i = utf8.index(after: i)
                }
                appendEscaped(String(value[start...]), to: &out)
            } else {
                appendEscaped(value, to: &out)
            }
            out += "\""
        }
        out += "]"
    }

    /// `s` as a quoted DOT ID: cleaned to one line, then escaped.
    static func quoted(_ s: String) -> String {
        "\"" + escaped(s) + "\""
    }

    /// Appends ``quoted(_:)`` of `s` to `out`.
    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        appendEscaped(s, to: &out)
        out += "\""
    }

    /// Appends ``escaped(_:)`` of `s` to `out`.
    static func appendEscaped(_ s: String, to out: inout String) {
        let line = CorpusText.line(s)
        if needsEscaping(line) {
            out += escaped(line)
        } else {
            out += line
        }
    }

    /// Whether `line` holds a character ``escaped(_:)`` changes (`\`, `"`, `&`).
    private static func needsEscaping(_ line: String) -> Bool {
        line.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "&") }
    }

    /// Escapes text for the inside of a quoted DOT string: the text is first cleaned to one line (no
    /// newline or control character survives), then `\` → `\\` (so Graphviz's `\N`, `\l`, `\G`... escapes
    /// cannot be triggered), `"` → `\"`, and `&` → `&amp;` (Graphviz decodes HTML entities in labels).
    ///
    /// Graphviz's SVG writer passes text that looks like an entity (`&lt;`, `&#60;`) through unescaped, so a
    /// corpus `&lt;` would display as `<`. A WORD JOINER (U+2060, invisible) after such an `&` keeps it literal.
    /// Works on Unicode scalars, not characters: a combining mark after `"` must not hide the quote.
    static func escaped(_ s: String) -> String {
        let line = CorpusText.line(s)
        if !needsEscaping(line) { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in scalars.enumerated() {
            switch c {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "&":
                out.append(contentsOf: "&amp;".unicodeScalars)
                if looksLikeEntity(scalars, at: i + 1) { out.append("\u{2060}") }
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// Whether `scalars[start...]` begins like the rest of an entity: `name;`, `#123;` or `#x7B;`.
    static func looksLikeEntity(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start
        var sawBody = false
        if i < scalars.count, scalars[i] == "#" {
            i += 1
            if i < scalars.count, scalars[i] == "x" || scalars[i] == "X" { i += 1 }
        }
        while i < scalars.count, scalars[i].isASCII, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) {
            i += 1
            sawBody = true
        }
        return sawBody && i < scalars.count && scalars[i] == ";"
    }
}
