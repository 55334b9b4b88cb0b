import Foundation
import TimelineModel

/// Encodes an event graph as TimelineJS 3 JSON (`timeline.timelinejs.json`), so that the timeline can be
/// published as an interactive web page with TimelineJS.
///
/// Each event becomes a slide: `start_date`/`end_date` from its EDTF interval at its precision, `display_date`
/// as written out, `text.headline` its title, `text.text` its type, actors, places, first quote and a link to
/// its source, `group` its type, `unique_id` its event id (made unique if a hand-edited file repeats one).
/// TimelineJS treats `headline` and `text` as HTML, so every corpus string is HTML-escaped there; links are
/// built like the SVG's (percent-encoded document ids, never a corpus-supplied scheme).
public struct TimelineJSEncoder: Sendable {
    /// Title, link and filter settings.
    public var options: RenderOptions

    /// Creates an encoder with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    struct Document: Encodable {
        var title: Slide?
        var events: [Slide]
    }

    struct Slide: Encodable {
        var start_date: DateParts?
        var end_date: DateParts?
        var display_date: String?
        var text: Text
        var group: String?
        var unique_id: String?
    }

    struct DateParts: Encodable, Equatable {
        var year: String
        var month: String?
        var day: String?
    }

    struct Text: Encodable {
        var headline: String
        var text: String
    }

    /// The JSON bytes (sorted keys, two-space indentation, trailing newline).
    public func encode(_ graph: EventGraph) throws -> Data {
        var graph = options.filter.apply(to: graph)
        graph.canonicalize()
        var used = Set<String>()
        var slides: [Slide] = []
        for event in graph.events {
            var id = event.id.isEmpty ? "event" : event.id
            var n = 2
            while used.contains(id) { id = "\(event.id)-\(n)"; n += 1 }
            used.insert(id)
            let (start, end) = Self.dates(event.date)
            guard start != nil else { continue }  // TimelineJS needs a start date
            let type = TimelineLegend.typeName(event.type)
            var body = "<p><b>\(Self.html(type))</b>"
            let actors = event.actors.map { CorpusText.line($0) }.filter { !$0.isEmpty }
            if !actors.isEmpty { body += " · " + Self.html(actors.joined(separator: ", ")) }
            let places = event.places.map { CorpusText.line($0) }.filter { !$0.isEmpty }
            if !places.isEmpty { body += " · " + Self.html(places.joined(separator: ", ")) }
            body += "</p>"
            for mention in event.mentions.prefix(3) {
                let quote = CorpusText.line(mention.quote, limit: 1_000)
                if !quote.isEmpty { body += "<blockquote>" + Self.html(quote) + "</blockquote>" }
                let document = CorpusText.line(mention.document)
                if !document.isEmpty {
                    let url = DocumentLink.url(forDocument: mention.document, linkBase: options.linkBase)
                    body += "<p>Source: <a href=\"\(Self.html(url))\">\(Self.html(document))</a></p>"
                }
            }
            let title = CorpusText.line(event.title)
            slides.append(Slide(start_date: start, end_date: end, display_date: DateLabel.long(for: event.date),
                                text: Text(headline: Self.html(title.isEmpty ? "(untitled)" : title), text: body),
                                group: type, unique_id: id))
        }
        let count = slides.count
        let cover = Slide(text: Text(headline: Self.html(CorpusText.line(options.title)),
                                     text: "<p>\(count) dated event\(count == 1 ? "" : "s")</p>"))
        return try EventGraphCoder.encodeCanonical(Document(title: cover, events: slides))
    }

    /// TimelineJS dates at the event's precision: a day, a month or a year; decades, centuries and ranges as
    /// their first and last year (or month or day).
    static func dates(_ date: EventDate) -> (DateParts?, DateParts?) {
        func parts(_ p: EDTF.Point, last: Bool) -> DateParts? {
            switch p {
            case let .day(y, m, d): return DateParts(year: String(y), month: String(m), day: String(d))
            case let .month(y, m): return DateParts(year: String(y), month: String(m))
            case let .season(y, _):
                let (a, b) = EDTF.bounds(p)
                let c = last ? b : a
                return DateParts(year: String(last ? c.year : y), month: String(c.month))
            case .year, .decade, .century:
                let (a, b) = EDTF.bounds(p)
                return DateParts(year: String(last ? b.year : a.year))
            case .open: return nil
            }
        }
        if let edtf = EDTF(date.value) {
            let start = edtf.first == .open ? edtf.last.flatMap { parts($0, last: false) } : parts(edtf.first, last: false)
            var end: DateParts?
            if let last = edtf.last { end = parts(last, last: true) } else {
                switch edtf.first {
                case .decade, .century, .season: end = parts(edtf.first, last: true)
                default: end = nil
                }
            }
            return (start, end)
        }
        guard let start = CalendarDay(iso: date.start) else { return (nil, nil) }
        let end = CalendarDay(iso: date.end)
        func day(_ c: CalendarDay) -> DateParts { DateParts(year: String(c.year), month: String(c.month), day: String(c.day)) }
        return (day(start), end.flatMap { $0 == start ? nil : day($0) })
    }

    /// Text for HTML: `&` `<` `>` `"` `'` as entities.
    static func html(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
