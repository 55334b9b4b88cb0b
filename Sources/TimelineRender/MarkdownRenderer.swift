import Foundation
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
        render(graph, pieces: nil)
    }

    /// The Markdown text of `graph`, ending with a newline; each period's section is taken from `pieces` when
    /// it holds one for the same events, relations and settings, and stored there otherwise. The text does
    /// not depend on `pieces`.
    public func render(_ graph: EventGraph, pieces: PieceStore?) -> String {
        String(decoding: renderBytes(graph, pieces: pieces, digests: nil), as: UTF8.self)
    }

    /// ``render(_:pieces:)`` as UTF-8 bytes.
    ///
    /// Sections are kept with a placeholder byte for each footnote reference and their notes apart, so that a
    /// section does not depend on how many footnotes come before it: the numbers are put in here.
    /// `digests`, when given, holds the digests of `graph`'s events.
    public func renderBytes(_ graph: EventGraph, pieces: PieceStore?, digests memo: EventDigest.Memo?) -> [UInt8] {
        renderBytes(graph, pieces: pieces, digests: memo, periods: nil)
    }

    /// ``renderBytes(_:pieces:digests:)``, with the periods of `graph` (filtered) when made already.
    func renderBytes(_ graph: EventGraph, pieces: PieceStore?, digests memo: EventDigest.Memo?,
                     periods known: PeriodsOnce?) -> [UInt8] {
        var canonical = options.filter.apply(to: graph)
        canonical.canonicalize()
        let periods = known?.periods ?? TimelinePeriod.periods(of: canonical)
        var notes = Notes(prefix: footnotePrefix)
        let index = RelationIndex(canonical)
        let hashes = String(repeating: "#", count: min(max(headingLevel, 1), 6))
        var out: [UInt8] = []
        out.reserveCapacity(canonical.events.count * 400 + 1024)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        if includesTitle { put("# \(MarkdownText.inline(options.title))\n\n") }
        let imagePath = image.map { MarkdownRenderer.safeDestination($0) } ?? DocumentLink.percentEncodedPath(options.svgFileName)
        if !imagePath.isEmpty {
            put("![\(MarkdownText.inline(options.title))](\(imagePath))\n\n")
        }
        put(summary(canonical, periods: periods) + "\n")

        if periods.isEmpty {
            put("\n*No dated events.*\n")
        }
        // A repeated event id (a hand-edited file) makes sections depend on each other: rendered afresh.
        let ids = Set(canonical.events.map(\.id))
        let store = ids.count == canonical.events.count ? pieces : nil
        let digests = store == nil ? [] : memo?.digests(of: canonical.events) ?? EventDigest.digests(of: canonical.events)
        let settings = store == nil ? "" : "markdown\n\(options.settingsKey)\n\(hashes)\n"
        var firstOfID = Set<String>()
        var keys: [String] = []
        var offset = 0
        for period in periods {
            defer { offset += period.events.count }
            var key = ""
            if store != nil {
                key = settings + period.key + "\n" + period.label
                for i in period.events.indices {
                    key += "\n" + digests[offset + i]
                    if index.relations[period.events[i].id] != nil {
                        key += " " + relationLines(of: period.events[i], index: index).joined(separator: " | ")
                    }
                }
                keys.append(key)
                if let piece = store?.piece(forKey: key), let section = Section([UInt8](piece)) {
                    section.append(to: &out, notes: &notes)
                    continue
                }
            }
            var section = Section()
            section.add("\n\(hashes) \(MarkdownText.inline(period.label))\n\n")
            for event in period.events {
                section.add("- **\(dateText(event.date))** — \(title(event.title))")
                for mention in event.mentions { section.addNote(footnote(for: mention)) }
                section.add("\n")
                // Relations name events by id: a repeated id (a hand-edited file) gets them once, on its first event.
                let withRelations = firstOfID.insert(event.id).inserted
                for line in details(of: event, index: index, withRelations: withRelations) {
                    section.add("  - \(line)\n")
                }
            }
            store?.store(section.data, forKey: key)
            section.append(to: &out, notes: &notes)
        }
        store?.used(keys)

        if !canonical.undated.isEmpty {
            put("\n\(hashes) Undated\n\n")
            for event in canonical.undated {
                put("- \(title(event.title))")
                for mention in event.mentions { notes.add(footnote(for: mention), reference: &out) }
                put("\n  - type: \(MarkdownText.inline(typeName(event.type)))\n")
            }
        }
        notes.write(to: &out)
        return out
    }

    /// The footnotes of a rendering: their references numbered in order, their definitions written at the end.
    struct Notes {
        let prefix: String
        private(set) var count = 0
        /// Each note's text, a line each.
        private var lines: [UInt8] = []

        init(prefix: String) { self.prefix = prefix }

        /// Adds a note and writes its reference.
        mutating func add(_ note: String, reference out: inout [UInt8]) {
            count += 1
            out.append(contentsOf: "[^\(prefix)\(count)]".utf8)
            lines.append(contentsOf: note.utf8)
            lines.append(0x0A)
        }

        /// Takes `n` notes written a line each in `bytes` (references already written).
        mutating func take(_ bytes: ArraySlice<UInt8>, count n: Int) {
            lines.append(contentsOf: bytes)
            count += n
        }

        /// Writes the definitions, after a blank line, if there are any.
        func write(to out: inout [UInt8]) {
            guard count > 0 else { return }
            out.append(0x0A)
            var n = 0
            var start = lines.startIndex
            while start < lines.endIndex, let end = lines[start...].firstIndex(of: 0x0A) {
                n += 1
                out.append(contentsOf: "[^\(prefix)\(n)]: ".utf8)
                out.append(contentsOf: lines[start...end])
                start = end + 1
            }
        }
    }

    /// One period's section: its text with a 0x00 byte for each footnote reference, then its notes a line each.
    struct Section {
        var text: [UInt8] = []
        var notes: [UInt8] = []
        var count = 0

        init() {}

        /// Decodes ``data``: the text, a 0x01 byte, the notes; nil when the bytes are not a section.
        init?(_ bytes: [UInt8]) {
            guard let cut = bytes.firstIndex(of: 0x01) else { return nil }
            text = Array(bytes[..<cut])
            notes = Array(bytes[(cut + 1)...])
            count = text.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            guard notes.reduce(0, { $0 + ($1 == 0x0A ? 1 : 0) }) == count, notes.last ?? 0x0A == 0x0A else { return nil }
        }

        var data: Data {
            var d = Data(capacity: text.count + notes.count + 1)
            d.append(contentsOf: text)
            d.append(0x01)
            d.append(contentsOf: notes)
            return d
        }

        mutating func add(_ s: String) { text.append(contentsOf: s.utf8) }

        /// A reference placeholder in the text and the note's line (rendered notes hold no control characters).
        mutating func addNote(_ note: String) {
            text.append(0)
            notes.append(contentsOf: note.utf8)
            notes.append(0x0A)
            count += 1
        }

        /// Appends the text with the references numbered on from `notes`, and the notes to it.
        func append(to out: inout [UInt8], notes all: inout Notes) {
            var n = all.count
            var start = 0
            while let zero = text[start...].firstIndex(of: 0) {
                out.append(contentsOf: text[start..<zero])
                n += 1
                out.append(contentsOf: "[^\(all.prefix)\(n)]".utf8)
                start = zero + 1
            }
            out.append(contentsOf: text[start...])
            all.take(notes[...], count: count)
        }
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
        /// The graph's events; ``event(_:)`` finds those that relations join.
        private let all: [Event]
        private var position: [String: Int] = [:]
        var relations: [String: [Relation]] = [:]

        init(_ graph: EventGraph) {
            all = graph.events
            for relation in graph.relations where relation.from != relation.to {
                relations[relation.from, default: []].append(relation)
                relations[relation.to, default: []].append(relation)
            }
            // Only events that a relation joins are looked up: the others are not indexed (nor copied).
            for i in all.indices where relations[all[i].id] != nil && position[all[i].id] == nil {
                position[all[i].id] = i
            }
        }

        /// The first event with this id that a relation joins.
        func event(_ id: String) -> Event? {
            position[id].map { all[$0] }
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
        return lines + relationLines(of: event, index: index)
    }

    /// The lines naming an event's relations both ways, each once.
    private func relationLines(of event: Event, index: RelationIndex) -> [String] {
        var lines: [String] = []
        var seen = Set<String>()
        for relation in index.relations[event.id] ?? [] {
            let outgoing = relation.from == event.id
            guard let other = index.event(outgoing ? relation.to : relation.from) else { continue }
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

    /// The footnote text for `mention`.
    private func footnote(for mention: Mention) -> String {
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
        return note
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
