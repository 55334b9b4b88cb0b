import Foundation
import TimelineModel

/// Turns one file's bytes into a ``SourceDocument``: decoding, front matter or HTML text, title, date,
/// metadata ranges and languages.
enum DocumentBuilder {
    /// - Parameters:
    ///   - id: the document id (path relative to the corpus root).
    ///   - path: the path errors show.
    static func build(id: String, path: String, format: DocumentFormat, bytes: [UInt8],
                      diagnostics: inout [Diagnostic]) throws -> SourceDocument {
        let decoded = ByteDecoder.decode(bytes)
        if let invalid = decoded.invalid {
            diagnostics.append(Diagnostic(.warning, path: id, message:
                "invalid UTF-8 (\(invalid.count) bad sequence\(invalid.count == 1 ? "" : "s"), first at byte \(invalid.firstByteOffset)); replaced with U+FFFD"))
        }
        let raw = decoded.text
        let sha = CorpusReader.sha256Hex(bytes)
        var text = raw
        var offsetMap: [Int]?
        var title: String?
        var date: CalendarDay?
        var metadata: [Range<Int>] = []
        var dateline: DatelineDetector.Dateline?

        switch format {
        case .text, .markdown:
            let strict = format == .markdown
            switch FrontMatterParser.parse(raw, strict: strict) {
            case .none:
                break
            case let .malformed(line, column, reason):
                if strict {
                    throw TimelineError.malformedFrontMatter(path: path, line: line, column: column, reason: reason)
                }
                // Plain text never fails on front matter; the parser does not report malformed for it.
            case let .parsed(fm):
                title = fm.title
                date = fm.date
                metadata.append(fm.region)
                if let problem = fm.dateProblem {
                    diagnostics.append(Diagnostic(.warning, path: id, message: problem))
                }
                if strict { text = blank(raw, upTo: fm.region.upperBound) }
            }
            if format == .markdown, title == nil {
                title = firstHeading(text)
            }
        case .html:
            let html = HTMLTextExtractor.extract(raw)
            text = html.text
            offsetMap = html.offsetMap
            title = html.title
            date = html.date
            if let r = html.dateRange, !r.isEmpty { metadata.append(r) }
        }

        // Front matter is blank in Markdown text but not in plain text: skip it when looking for a dateline.
        dateline = DatelineDetector.detect(in: text, from: format == .text ? (metadata.first?.upperBound ?? 0) : 0)
        if let dateline {
            metadata.append(dateline.metadata)
            if date == nil { date = dateline.day }
        }
        metadata = merge(metadata)
        return SourceDocument(id: id, format: format, rawText: raw, text: text, offsetMap: offsetMap, sha256: sha,
                              title: title, date: date, metadataRanges: metadata,
                              languages: LanguageDetector.languages(in: text))
    }

    /// `raw` with its first `count` scalars replaced by spaces, line breaks kept.
    static func blank(_ raw: String, upTo count: Int) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        for c in raw.unicodeScalars {
            if i < count, c != "\n", c != "\r" { out.append(" ") } else { out.append(c) }
            i += 1
        }
        return String(out)
    }

    /// The first `# ` heading outside fenced code, without closing `#`s.
    static func firstHeading(_ text: String) -> String? {
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var l = Substring(line)
            var indent = 0
            while indent < 4, l.first == " " { l = l.dropFirst(); indent += 1 }
            if indent >= 4 { continue }
            if l.hasPrefix("```") || l.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            guard l.hasPrefix("# ") || l.hasPrefix("#\t") else { continue }
            var t = l.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
            while t.hasSuffix("#") { t.removeLast() }
            t = t.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { return t }
        }
        return nil
    }

    /// Sorted, overlapping or touching ranges merged.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for r in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, r.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                result.append(r)
            }
        }
        return result
    }
}
