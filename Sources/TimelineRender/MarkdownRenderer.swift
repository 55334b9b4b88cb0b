import TimelineModel

/// Renders an event graph as a GitHub-flavoured Markdown timeline, readable both as plain text and rendered.
///
/// Layout: an H1 title, the SVG timeline embedded as an image, then one H2 section per period (the same
/// years, decades and ranges as the columns of the SVG), each event a list item with its date and title, its
/// type, actors, places and relations as a nested list, and its sources as GFM footnotes (`[^n]`: the
/// document, linked, and the quote). Undated events follow under `## Undated`.
///
/// All corpus text goes through one escaping function, so titles, quotes, actors and document ids can never
/// add structure or HTML (see `MarkdownText.inline`). The output is deterministic.
public struct MarkdownRenderer: Sendable {
    /// Title, SVG file name, link and filter settings.
    public var options: RenderOptions
    /// Whether the text starts with the title as an H1 heading (a whole document) or not (a fragment to
    /// inject into another document).
    public var includesTitle: Bool
    /// The image shown at the top: `nil` for ``RenderOptions/svgFileName`` (percent-encoded), `""` for none,
    /// otherwise this path or URL.
    public var image: String?
    /// The level of the period headings (2 for `##`), 1...6.
    public var headingLevel: Int
    /// Put before footnote numbers (`[^tl-1]`), so that a fragment's footnotes cannot collide with those of
    /// the document it is injected into.
    public var footnotePrefix: String

    /// Creates a renderer with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
        self.includesTitle = true
        self.image = nil
        self.headingLevel = 2
        self.footnotePrefix = ""
    }

    /// The Markdown text of `graph`, ending with a newline.
    public func render(_ graph: EventGraph) -> String {
        var canonical = options.filter.apply(to: graph)
        canonical.canonicalize()
        let periods = TimelinePeriod.periods(of: canonical)
        var footnotes: [String] = []
        var firstOfID = Set<String>()
        let index = RelationIndex(canonical)
        let hashes = String(repeating: "#", count: min(max(headingLevel, 1), 6))
        var out = ""
        if includesTitle { out += "# \(MarkdownText.inline(options.title))\n\n" }
        let imagePath = image.map { MarkdownRenderer.safeDestination($0) } ?? DocumentLink.percentEncodedPath(options.svgFileName)
        if !imagePath.isEmpty {
            out += "![\(MarkdownText.inline(options.title))](\(imagePath))\n\n"
        }
        out += summary(canonical, periods: periods) + "\n"

        if periods.isEmpty {
            out += "\n*No dated events.*\n"
        }
        for period in periods {
            out += "\n\(hashes) \(MarkdownText.inline(period.label))\n\n"
            for event in period.events {
                let notes = event.mentions.map { footnote(for: $0, into: &footnotes) }.joined()
                out += "- **\(dateText(event.date))** — \(title(event.title))\(notes)\n"
                // Relations name events by id: a repeated id (a hand-edited file) gets them once, on its first event.
                let withRelations = firstOfID.insert(event.id).inserted
                for line in details(of: event, index: index, withRelations: withRelations) {
                    out += "  - \(line)\n"
                }
            }
        }

        if !canonical.undated.isEmpty {
            out += "\n\(hashes) Undated\n\n"
            for event in canonical.undated {
                let notes = event.mentions.map { footnote(for: $0, into: &footnotes) }.joined()
                out += "- \(title(event.title))\(notes)\n"
                out += "  - type: \(MarkdownText.inline(typeName(event.type)))\n"
            }
        }

        if !footnotes.isEmpty {
            out += "\n"
            for (i, note) in footnotes.enumerated() {
                out += "[^\(footnotePrefix)\(i + 1)]: \(note)\n"
            }
        }
        return out
    }

    private func summary(_ graph: EventGraph, periods: [TimelinePeriod]) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var s = count(graph.events.count, "dated event") + " in " + count(periods.count, "period")
        s += " from " + count(graph.documents.count, "document")
        if !graph.undated.isEmpty { s += "; " + count(graph.undated.count, "undated event") }
        return s + "."
    }

    /// The date as shown: built from the parsed EDTF (digits, letters, `-`, `–`, `.`, `?`: nothing to escape),
    /// or, for a hand-edited value that is not EDTF, the value escaped like any corpus text.
    private func dateText(_ date: EventDate) -> String {
        EDTF(date.value) != nil ? DateLabel.text(for: date) : MarkdownText.inline(DateLabel.text(for: date))
    }

    private func title(_ text: String) -> String {
        let t = MarkdownText.inline(text)
        return t.isEmpty ? "(untitled)" : t
    }

    private func typeName(_ type: String) -> String {
        let t = CorpusText.line(type)
        return t.isEmpty ? "event" : t
    }

    /// Events by id (the first of a repeated id) and relations by the events they touch, so that rendering
    /// stays linear in the size of the graph.
    private struct RelationIndex {
        var events: [String: Event] = [:]
        var relations: [String: [Relation]] = [:]

        init(_ graph: EventGraph) {
            for event in graph.events where events[event.id] == nil { events[event.id] = event }
            for relation in graph.relations where relation.from != relation.to {
                relations[relation.from, default: []].append(relation)
                relations[relation.to, default: []].append(relation)
            }
        }
    }

    /// The nested lines under an event: type, actors, places, then its relations both ways.
    private func details(of event: Event, index: RelationIndex, withRelations: Bool) -> [String] {
        var lines = ["type: " + MarkdownText.inline(typeName(event.type))]
        let actors = event.actors.map(MarkdownText.inline).filter { !$0.isEmpty }
        if !actors.isEmpty { lines.append("actors: " + actors.joined(separator: ", ")) }
        let places = event.places.map(MarkdownText.inline).filter { !$0.isEmpty }
        if !places.isEmpty { lines.append("places: " + places.joined(separator: ", ")) }
        guard withRelations else { return lines }

        var seen = Set<String>()
        for relation in index.relations[event.id] ?? [] {
            let outgoing = relation.from == event.id
            guard let other = index.events[outgoing ? relation.to : relation.from] else { continue }
            let verb = outgoing ? Self.verb(relation.type) : Self.inverseVerb(relation.type)
            let line = "\(verb): \(title(other.title)) (\(dateText(other.date)))"
            if seen.insert(line).inserted { lines.append(line) }
        }
        return lines
    }

    static func verb(_ type: RelationType) -> String {
        switch type {
        case .causes: return "causes"
        case .responseTo: return "in response to"
        case .partOf: return "part of"
        case .precedes: return "precedes"
        }
    }

    static func inverseVerb(_ type: RelationType) -> String {
        switch type {
        case .causes: return "caused by"
        case .responseTo: return "answered by"
        case .partOf: return "includes"
        case .precedes: return "follows"
        }
    }

    /// Adds the footnote for `mention` and returns its reference `[^n]`.
    private func footnote(for mention: Mention, into notes: inout [String]) -> String {
        let document = CorpusText.line(mention.document)
        var note: String
        if document.isEmpty {
            note = "unknown document"
        } else {
            let url = Self.safeDestination(DocumentLink.url(forDocument: mention.document, linkBase: options.linkBase))
            note = "[\(MarkdownText.inline(document))](\(url))"
        }
        let quote = MarkdownText.inline(mention.quote)
        if !quote.isEmpty { note += ": “\(quote)”" }
        notes.append(note)
        return "[^\(footnotePrefix)\(notes.count)]"
    }

    /// A link destination that cannot end the `(...)` early or span lines: spaces, parentheses, angle
    /// brackets and controls (possible only in the trusted `linkBase`) are percent-encoded.
    static func safeDestination(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
