// A dateline is the document's own date printed near its top: a forum timestamp, "Published May 5, 2024",
// "2024年5月20日 10:00". Dates further down are the article's business, not the document's date.

import TimelineModel

/// Finds the dateline in the first lines of a document's text.
enum DatelineDetector {
    /// A dateline found in the text.
    struct Dateline: Equatable {
        var day: CalendarDay
        /// The date as matched (with its keyword and time, if any), scalar offsets into the text.
        var match: Range<Int>
        /// The range to treat as metadata: the whole line when it is short, else ``match``.
        var metadata: Range<Int>
    }

    /// Lines among the first `maxLines` non-empty lines, or starting within the first `windowScalars`
    /// scalars, are searched.
    static let maxLines = 10
    static let windowScalars = 600
    /// A line at most this long may hold a bare numeric or Chinese date; longer lines are prose and need a
    /// keyword (`Published`, `发布时间`, ...).
    static let shortLine = 100
    /// A bare English month-name date needs the rest of its line to be at most this long.
    static let bareMonthNameSlack = 30
    /// A bare numeric or Chinese date needs the rest of its line to be at most this long.
    static let bareNumericSlack = 40
    /// Plausible years of a document's own date.
    static let years = 1800...2200

    static let keywords = ["published", "updated", "posted", "date", "发布时间", "发表时间", "更新时间", "发布于", "发表于",
                           "发布日期", "日期", "时间"].map { Array($0.unicodeScalars) }

    /// The first scalar of each keyword.
    static let keywordFirsts: [Unicode.Scalar] = Array(Set(keywords.compactMap(\.first))).sorted()

    /// The first dateline in the text's opening lines; a `Published`/`Posted` one wins over an `Updated` one.
    /// `start` skips a leading region (the front matter of a plain-text file); the window counts from there.
    static func detect(in text: String, from start: Int = 0) -> Dateline? {
        // The scalars from `start`, at most `4 * windowScalars + 2000` of them, in one pass.
        let limit = 4 * windowScalars + 2000
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(min(limit, text.utf8.count))
        var skipped = 0
        for c in text.unicodeScalars {
            if skipped < start { skipped += 1; continue }
            if s.count == limit { break }
            s.append(c)
        }
        guard let found = detect(s) else { return nil }
        return Dateline(day: found.day, match: (found.match.lowerBound + start)..<(found.match.upperBound + start),
                        metadata: (found.metadata.lowerBound + start)..<(found.metadata.upperBound + start))
    }

    private static func detect(_ s: [Unicode.Scalar]) -> Dateline? {
        var lineStart = 0
        var nonEmpty = 0
        var updated: Dateline?
        while lineStart < s.count {
            var lineEnd = lineStart
            while lineEnd < s.count, s[lineEnd] != "\n" { lineEnd += 1 }
            var a = lineStart, b = lineEnd
            while a < b, isBlank(s[a]) { a += 1 }
            while b > a, isBlank(s[b - 1]) { b -= 1 }
            if a < b {
                nonEmpty += 1
                if nonEmpty > maxLines && lineStart >= windowScalars { break }
                if let (found, isUpdate) = scanLine(s, a, b) {
                    if !isUpdate { return found }
                    if updated == nil { updated = found }
                }
            }
            lineStart = lineEnd + 1
        }
        return updated
    }

    private static func isBlank(_ c: Unicode.Scalar) -> Bool {
        DateStringParser.isSpace(c) || c == "\r" || c == "\u{FEFF}"
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        DateStringParser.isASCIILetter(c) || DateStringParser.digitValue(c) != nil
    }

    /// The leftmost dateline in the line `[a, b)`, and whether it is an "Updated" one.
    private static func scanLine(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> (Dateline, Bool)? {
        let line = Array(s[a..<b])
        let length = b - a
        // A line ending like a sentence is prose, whatever its length. A list item or a table row that starts
        // with a date (`- 2019-03-04: Beta launched`, `| 2022-01-15 | Acquired Widgets |`) tells an event.
        let prose = ".。!?！？".unicodeScalars.contains(line[line.count - 1]) || isListItemOrTableRow(line)
        func dateline(_ m: DateStringParser.Match, from start: Int) -> Dateline? {
            guard years.contains(m.day.year) else { return nil }
            let match = (a + start)..<(a + m.range.upperBound)
            return Dateline(day: m.day, match: match, metadata: length <= shortLine ? a..<b : match)
        }
        let firsts = keywordFirsts
        for i in 0..<line.count {
            let boundary = i == 0 || !isWordScalar(line[i - 1])
            guard boundary else { continue }
            // Keyword, then a date (only a keyword starting with this scalar, lower-cased, can match here).
            let x = line[i]
            let first = DateStringParser.isASCIILetter(x) ? Unicode.Scalar(x.value | 0x20)! : x
            if firsts.contains(first), let (afterKeyword, isUpdate) = keyword(line, at: i) {
                var j = afterKeyword
                if j < line.count, line[j] == ":" || line[j] == "：" { j += 1 }
                j = DateStringParser.skipSpaces(line, j)
                if let (w, afterOn) = DateStringParser.word(line, at: j), w == "on" {
                    j = DateStringParser.skipSpaces(line, afterOn)
                }
                j = DateStringParser.skipWeekday(line, at: j)
                if let m = DateStringParser.monthName(line, at: j) ?? DateStringParser.numeric(line, at: j)
                    ?? DateStringParser.chinese(line, at: j), let d = dateline(m, from: i) {
                    return (d, isUpdate)
                }
            }
            // A bare date is matched from `i` to at most the end of the line, so the rest of the line is at least
            // `i` long: past the slack, none can qualify.
            guard !prose, i <= max(bareNumericSlack, bareMonthNameSlack) else { continue }
            let previous: Unicode.Scalar = i == 0 ? " " : line[i - 1]
            if DateStringParser.digitValue(line[i]) != nil, !"/-.:".unicodeScalars.contains(previous) {
                if !prose, let m = DateStringParser.numeric(line, at: i) ?? DateStringParser.chinese(line, at: i),
                   length - m.range.count <= bareNumericSlack, let d = dateline(m, from: i) {
                    return (d, false)
                }
                if !prose, let m = DateStringParser.monthName(line, at: i), length - m.range.count <= bareMonthNameSlack,
                   let d = dateline(m, from: i) {
                    return (d, false)
                }
            } else if !prose, DateStringParser.isASCIILetter(line[i]), let m = DateStringParser.monthName(line, at: i),
                      length - m.range.count <= bareMonthNameSlack, let d = dateline(m, from: i) {
                return (d, false)
            }
        }
        return nil
    }

    /// Whether the line starts like a Markdown list item (`- `, `* `, `+ `, `1. `, `2) `) or table row (`|`).
    static func isListItemOrTableRow(_ line: [Unicode.Scalar]) -> Bool {
        guard let first = line.first else { return false }
        if first == "|" { return true }
        if "-*+•".unicodeScalars.contains(first) { return line.count > 1 && DateStringParser.isSpace(line[1]) }
        var i = 0
        while i < line.count, i < 3, DateStringParser.digitValue(line[i]) != nil { i += 1 }
        return i > 0 && i + 1 < line.count && (line[i] == "." || line[i] == ")") && DateStringParser.isSpace(line[i + 1])
    }

    /// A dateline keyword at `i` (case-insensitive, ending at a word boundary): the index after it and
    /// whether it is "updated"/"更新时间".
    private static func keyword(_ line: [Unicode.Scalar], at i: Int) -> (Int, Bool)? {
        // Only a keyword starting with this (lower-cased) scalar can match here.
        let x = line[i]
        let first = DateStringParser.isASCIILetter(x) ? Unicode.Scalar(x.value | 0x20)! : x
        guard keywordFirsts.contains(first) else { return nil }
        for (k, word) in keywords.enumerated() {
            guard i + word.count <= line.count else { continue }
            var same = true
            for (o, c) in word.enumerated() {
                let x = line[i + o]
                let lower = DateStringParser.isASCIILetter(x) ? Unicode.Scalar(x.value | 0x20)! : x
                if lower != c { same = false; break }
            }
            guard same else { continue }
            let end = i + word.count
            if DateStringParser.isASCIILetter(word[0]), end < line.count, DateStringParser.isASCIILetter(line[end]) {
                continue
            }
            return (end, k == 1 || k == 6)
        }
        return nil
    }
}
