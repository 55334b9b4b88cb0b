// A small, forgiving HTML scanner: visible text out, an offset map back to the raw text, and the metadata a
// timeline needs (title, publication date). Malformed markup degrades to text; nothing here throws.

import Foundation
import TimelineModel

/// Extracts the visible text of an HTML document.
///
/// Dropped: `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, comments, the `<head>` except its
/// `<title>`, menus and sidebars (`<nav>`, `<aside>`), and all tags. Character references are decoded (`&nbsp;`
/// becomes a plain space). Block elements become line breaks, table cells spaces; runs of white space collapse to
/// one space except inside `<pre>`.
struct HTMLTextExtractor {
    struct Result {
        var text: String
        /// For each scalar of `text`, and once more for its end, the scalar offset in the raw HTML.
        var offsetMap: [Int]
        var title: String?
        var date: CalendarDay?
        /// When the date came from a `<time>` element: that element's text, in scalar offsets of `text`.
        var dateRange: Range<Int>?
    }

    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer",
        "blockquote", "pre", "table", "ul", "ol", "title", "nav", "aside", "main", "dl", "dt", "dd", "figure",
        "figcaption", "form", "hr", "address", "caption", "thead", "tbody", "tfoot", "fieldset", "legend", "details",
        "summary", "body", "html", "head", "option", "select", "center", "hgroup", "menu",
    ]
    static let cellElements: Set<String> = ["td", "th"]
    /// Elements whose content is never shown as text.
    static let skippedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object"]
    /// Page furniture around an article (menus, sidebars of related links), dropped when they are closed: an
    /// unclosed one is read as a block, so that malformed markup never hides the article.
    static let furnitureElements: Set<String> = ["nav", "aside"]
    /// Elements whose content is text with character references but no tags.
    static let rawTextElements: Set<String> = ["title", "textarea"]

    /// Metadata names for the publication date, with their priority (lower wins).
    static let dateMetaNames: [String: Int] = [
        "article:published_time": 0, "date": 1,
        "og:published_time": 2, "published_time": 2, "pubdate": 2, "publishdate": 2, "publish-date": 2,
        "publish_date": 2, "dc.date": 2, "dc.date.issued": 2, "dcterms.date": 2, "dcterms.created": 2,
        "dcterms.issued": 2, "datepublished": 2, "sailthru.date": 2, "parsely-pub-date": 2, "citation_publication_date": 2,
        "citation_date": 2,
    ]
    /// A `<time datetime>` counts as the document's date when it is marked as such, inside a `<header>`, or
    /// within this many scalars of the start of the text.
    static let timeWindow = 2000

    static func extract(_ raw: String) -> Result {
        var scanner = Scanner(Array(raw.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        var lastRawEnd = 0
        var pendingSpace: Int?
        var pendingBreak: Int?
        var inHead = false
        var preDepth = 0
        var headerDepth = 0
        var titleBuffer: [Unicode.Scalar]?
        var title: String?
        var h1Start: Int?
        var h1Title: String?
        var metaDate: (priority: Int, day: CalendarDay)?
        var timeDay: CalendarDay?
        var timeStart: Int?
        var timeRange: Range<Int>?
        var timeOpen = false
        // Memos that keep failed searches linear: "there is no X at or after this index".
        var noGreaterThanFrom = Int.max
        var noQuoteFrom: [UInt32: Int] = [:]
        var noCloseFrom: [String: Int] = [:]
        var noCommentEndFrom = Int.max

        init(_ s: [Unicode.Scalar]) {
            self.s = s
            out.reserveCapacity(s.count / 2)
            map.reserveCapacity(s.count / 2 + 1)
        }

        mutating func run() -> Result {
            var i = 0
            let n = s.count
            while i < n {
                let c = s[i]
                if c == "<", let next = tag(at: i) {
                    i = next
                } else if c == "&", let (d, next) = HTMLEntities.decode(s, at: i) {
                    text(d, i, next)
                    i = next
                } else {
                    text(c, i, i + 1)
                    i += 1
                }
            }
            map.append(out.isEmpty ? 0 : lastRawEnd)
            var date: CalendarDay?
            var dateRange: Range<Int>?
            if let metaDate {
                date = metaDate.day
            } else if let timeDay {
                date = timeDay
                dateRange = timeRange ?? timeStart.map { $0..<out.count }
            }
            return Result(text: String(String.UnicodeScalarView(out)), offsetMap: map, title: title ?? h1Title,
                          date: date, dateRange: dateRange)
        }

        // MARK: output

        static func isWhite(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" || c == "\u{A0}"
        }

        mutating func append(_ c: Unicode.Scalar, _ rawStart: Int, _ rawEnd: Int) {
            out.append(c)
            map.append(rawStart)
            lastRawEnd = rawEnd
        }

        /// Writes the pending line break or space before a visible character.
        mutating func flush() {
            // A synthesized break or collapsed space maps to the end of the character before it, so that a
            // span ending there does not swallow the tags in between.
            if pendingBreak != nil {
                if let last = out.last, last != "\n" { append("\n", lastRawEnd, lastRawEnd) }
            } else if pendingSpace != nil {
                if let last = out.last, last != "\n", last != " " { append(" ", lastRawEnd, lastRawEnd) }
            }
            pendingBreak = nil
            pendingSpace = nil
        }

        /// One character of text at raw `[rawStart, rawEnd)`.
        mutating func text(_ c: Unicode.Scalar, _ rawStart: Int, _ rawEnd: Int) {
            if titleBuffer != nil { titleBuffer!.append(c) }
            if inHead && titleBuffer == nil { return }
            if preDepth > 0 {
                if c == "\r" { return }
                flush()
                append(c == "\u{A0}" || c == "\t" ? " " : c, rawStart, rawEnd)
                return
            }
            if Scanner.isWhite(c) {
                if pendingSpace == nil { pendingSpace = rawStart }
                return
            }
            flush()
            append(c, rawStart, rawEnd)
        }

        mutating func lineBreak(at raw: Int) {
            if pendingBreak == nil { pendingBreak = raw }
        }

        // MARK: searching

        func isLetter(_ c: Unicode.Scalar) -> Bool { DateStringParser.isASCIILetter(c) }

        mutating func find(_ target: Unicode.Scalar, from start: Int) -> Int? {
            if target == ">" {
                if start >= noGreaterThanFrom { return nil }
            } else if let from = noQuoteFrom[target.value], start >= from {
                return nil
            }
            var i = start
            while i < s.count {
                if s[i] == target { return i }
                i += 1
            }
            if target == ">" { noGreaterThanFrom = min(noGreaterThanFrom, start) } else {
                noQuoteFrom[target.value] = min(noQuoteFrom[target.value] ?? Int.max, start)
            }
            return nil
        }

        /// The index of `</name` (case-insensitive, followed by a non-letter) at or after `start`.
        mutating func findClose(_ name: String, from start: Int) -> Int? {
            if let from = noCloseFrom[name], start >= from { return nil }
            let target = Array(name.unicodeScalars)
            var i = start
            while i + 1 + target.count < s.count {
                if s[i] == "<", s[i + 1] == "/" {
                    var same = true
                    for (o, t) in target.enumerated() {
                        let x = s[i + 2 + o]
                        let lower = isLetter(x) ? Unicode.Scalar(x.value | 0x20)! : x
                        if lower != t { same = false; break }
                    }
                    let after = i + 2 + target.count
                    if same, after >= s.count || !isLetter(s[after]) { return i }
                }
                i += 1
            }
            noCloseFrom[name] = min(noCloseFrom[name] ?? Int.max, start)
            return nil
        }

        // MARK: tags

        /// Handles markup at `s[i] == "<"`; returns the index after it, or nil when this `<` is text.
        mutating func tag(at i: Int) -> Int? {
            let n = s.count
            guard i + 1 < n else { return nil }
            let c1 = s[i + 1]
            if c1 == "!" {
                if i + 3 < n, s[i + 2] == "-", s[i + 3] == "-" {
                    return commentEnd(from: i + 4)
                }
                return find(">", from: i + 2).map { $0 + 1 }
            }
            if c1 == "?" { return find(">", from: i + 2).map { $0 + 1 } }
            if c1 == "/" {
                guard i + 2 < n, isLetter(s[i + 2]) else { return find(">", from: i + 2).map { $0 + 1 } }
                let (name, afterName) = tagName(from: i + 2)
                guard let gt = find(">", from: afterName) else { return nil }
                endTag(name, at: i)
                return gt + 1
            }
            guard isLetter(c1) else { return nil }
            let (name, afterName) = tagName(from: i + 1)
            guard let (attributes, end) = attributes(from: afterName, collect: name == "meta" || name == "time") else {
                return nil
            }
            startTag(name, attributes, at: i)
            if HTMLTextExtractor.skippedElements.contains(name) {
                guard let close = findClose(name, from: end) else { return n }
                return (find(">", from: close + 2) ?? n - 1) + 1
            }
            if HTMLTextExtractor.furnitureElements.contains(name), let close = findClose(name, from: end) {
                endTag(name, at: close)
                return (find(">", from: close + 2) ?? n - 1) + 1
            }
            if HTMLTextExtractor.rawTextElements.contains(name), let close = findClose(name, from: end) {
                if name == "title" && title == nil { titleBuffer = [] }
                var j = end
                while j < close {
                    if s[j] == "&", let (d, next) = HTMLEntities.decode(s, at: j), next <= close {
                        text(d, j, next)
                        j = next
                    } else {
                        text(s[j], j, j + 1)
                        j += 1
                    }
                }
                if let buffer = titleBuffer {
                    let t = collapse(buffer)
                    if !t.isEmpty { title = t }
                    titleBuffer = nil
                }
                endTag(name, at: close)
                return (find(">", from: close + 2) ?? n - 1) + 1
            }
            return end
        }

        mutating func commentEnd(from start: Int) -> Int? {
            if start >= noCommentEndFrom { return nil }
            var i = start
            // `<!-->` and `<!--->` are complete (empty) comments.
            if i < s.count, s[i] == ">" { return i + 1 }
            if i + 1 < s.count, s[i] == "-", s[i + 1] == ">" { return i + 2 }
            while i + 2 < s.count {
                if s[i] == "-", s[i + 1] == "-", s[i + 2] == ">" { return i + 3 }
                i += 1
            }
            noCommentEndFrom = start
            return nil
        }

        func tagName(from start: Int) -> (String, Int) {
            var i = start
            var name = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]
                guard isLetter(c) || DateStringParser.digitValue(c) != nil || c == "-" || c == ":" || c == "_" else { break }
                if i - start < 32 { name.append(isLetter(c) ? Unicode.Scalar(c.value | 0x20)! : c) }
                i += 1
            }
            return (String(name), i)
        }

        /// Reads attributes up to the tag's `>`; returns them (names lowercased, values decoded) when `collect`,
        /// and the index after `>`. Nil when the tag never ends.
        mutating func attributes(from start: Int, collect: Bool) -> ([String: String], Int)? {
            // No `>` anywhere after here: no tag can end (and re-parsing would be quadratic).
            if start >= noGreaterThanFrom { return nil }
            var result: [String: String] = [:]
            var i = start
            let n = s.count
            while true {
                while i < n, Scanner.isWhite(s[i]) || s[i] == "/" { i += 1 }
                guard i < n else { return find(">", from: start).map { (result, $0 + 1) } }
                if s[i] == ">" { return (result, i + 1) }
                let nameStart = i
                while i < n, !Scanner.isWhite(s[i]), s[i] != "=", s[i] != ">", !(s[i] == "/" && i > nameStart) { i += 1 }
                if i == nameStart { i += 1; continue }
                let name = collect ? String(String.UnicodeScalarView(s[nameStart..<min(i, nameStart + 64)])).lowercased() : ""
                var value = ""
                var j = i
                while j < n, Scanner.isWhite(s[j]) { j += 1 }
                if j < n, s[j] == "=" {
                    j += 1
                    while j < n, Scanner.isWhite(s[j]) { j += 1 }
                    if j < n, s[j] == "\"" || s[j] == "'" {
                        guard let close = find(s[j], from: j + 1) else {
                            // An unclosed quote: the tag ends at the next `>`.
                            return find(">", from: j).map { (result, $0 + 1) }
                        }
                        if collect { value = HTMLEntities.decodeAll(Array(s[(j + 1)..<min(close, j + 1 + 4096)])) }
                        i = close + 1
                    } else {
                        let valueStart = j
                        while j < n, !Scanner.isWhite(s[j]), s[j] != ">" { j += 1 }
                        if collect { value = HTMLEntities.decodeAll(Array(s[valueStart..<min(j, valueStart + 4096)])) }
                        i = j
                    }
                }
                if collect, result[name] == nil { result[name] = value }
            }
        }

        mutating func startTag(_ name: String, _ attributes: [String: String], at raw: Int) {
            switch name {
            case "head": inHead = true
            case "body": inHead = false
            case "pre": preDepth += 1
            case "header": headerDepth += 1
            default: break
            }
            if HTMLTextExtractor.blockElements.contains(name) {
                lineBreak(at: raw)
            } else if HTMLTextExtractor.cellElements.contains(name), pendingSpace == nil {
                pendingSpace = raw
            }
            if name == "h1", h1Title == nil, h1Start == nil { h1Start = out.count }
            if name == "meta" { meta(attributes) }
            if name == "time", timeDay == nil, let value = attributes["datetime"],
               let day = DateStringParser.parseValue(value),
               attributes["pubdate"] != nil || attributes["itemprop"]?.lowercased() == "datepublished"
                || headerDepth > 0 || out.count < HTMLTextExtractor.timeWindow {
                timeDay = day
                timeStart = out.count
                timeOpen = true
            }
        }

        mutating func endTag(_ name: String, at raw: Int) {
            switch name {
            case "head": inHead = false
            case "pre": preDepth = max(0, preDepth - 1)
            case "header": headerDepth = max(0, headerDepth - 1)
            case "h1":
                if let start = h1Start, h1Title == nil {
                    let t = collapse(Array(out[min(start, out.count)...]))
                    if t.isEmpty { h1Start = nil } else { h1Title = t }
                }
            case "time":
                if timeOpen, var start = timeStart {
                    while start < out.count, Scanner.isWhite(out[start]) { start += 1 }
                    timeRange = start..<max(start, out.count)
                    timeOpen = false
                }
            default: break
            }
            if HTMLTextExtractor.blockElements.contains(name) {
                lineBreak(at: raw)
            } else if HTMLTextExtractor.cellElements.contains(name), pendingSpace == nil {
                pendingSpace = raw
            }
        }

        mutating func meta(_ attributes: [String: String]) {
            let key = (attributes["property"] ?? attributes["name"] ?? attributes["itemprop"] ?? "").lowercased()
            guard let priority = HTMLTextExtractor.dateMetaNames[key],
                  let content = attributes["content"] ?? attributes["datetime"],
                  let day = DateStringParser.parseValue(content) else { return }
            if metaDate == nil || priority < metaDate!.priority { metaDate = (priority, day) }
        }

        /// Collapses white space and trims.
        func collapse(_ scalars: [Unicode.Scalar]) -> String {
            var result = String.UnicodeScalarView()
            var space = false
            for c in scalars {
                if Scanner.isWhite(c) {
                    space = true
                } else {
                    if space && !result.isEmpty { result.append(" ") }
                    space = false
                    result.append(c)
                }
            }
            return String(result)
        }
    }
}
