import Foundation

/// The years that headings give the text below them, so that `In June` under `## 2019` is June 2019.
///
/// Notes and timelines are often written in sections headed by a year: a Markdown heading (`## 2019`,
/// `### June 2019`, `## 2019: Founding`) or a short line that holds only a year (`2019`, `2019:`, `**2019**`,
/// `2019年`, the text of an HTML `<h2>`). A month, quarter, half or season written without a year in such a
/// section is of the heading's year, whatever the document's own date (``TemplateFunctions/yearFor``).
///
/// A heading gives a year when its text begins with one (1000–2199), or with one word and a year (`June 2019`,
/// `Spring 2019`), followed by the end of the line or a separator (`:` `-` `|` `.` `,` `(`) and a title, and
/// names no second year (`## 2019–2020` gives none). A Markdown heading of level L ends the sections of level
/// L and deeper; a line holding only a year counts as a heading deeper than any Markdown heading. Made only
/// when a template first asks, in one pass over the text's lines.
final class SectionYears {
    /// Byte offsets where the year in force changes, ascending, and the year from there (0: none).
    private var starts: [Int] = []
    private var years: [Int] = []
    private var built = false

    /// The year of the section holding byte `offset` of the text, if a heading gives one.
    func year(at offset: Int, _ v: TokenView) -> Int? {
        if !built { build(v); built = true }
        guard !starts.isEmpty, offset >= starts[0] else { return nil }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return years[lo] == 0 ? nil : years[lo]
    }

    /// The deepest level: a line that holds only a year.
    private static let plainLevel = 7
    /// A line longer than this many bytes is no plain year line (Markdown headings may be longer).
    private static let plainLineLimit = 40

    private func build(_ v: TokenView) {
        let text = v.text
        let n = text.count
        var stack: [(level: Int, year: Int)] = []
        var lineStart = 0
        while lineStart < n {
            var lineEnd = n
            if let nl = memchr(text.baseAddress! + lineStart, 0x0A, n - lineStart) {
                lineEnd = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - text.baseAddress!
            }
            if let (level, year) = heading(v, lineStart, lineEnd) {
                let before = stack.last?.year ?? 0
                while let top = stack.last, top.level >= level { stack.removeLast() }
                if year != 0 { stack.append((level, year)) }
                let after = stack.last?.year ?? 0
                if after != before {
                    starts.append(lineEnd)
                    years.append(after)
                }
            }
            lineStart = lineEnd + 1
        }
    }

    /// The level and year (0: none) of the line `[start, end)` if it is a heading: any Markdown heading, or a
    /// short line whose text is a year.
    private func heading(_ v: TokenView, _ start: Int, _ end: Int) -> (Int, Int)? {
        let text = v.text
        var i = start
        while i < end && (text[i] == 0x20 || text[i] == 0x09) { i += 1 }
        guard i < end else { return nil }
        var level = SectionYears.plainLevel
        if text[i] == 0x23 {  // #
            var hashes = 0
            while i < end && text[i] == 0x23 { hashes += 1; i += 1 }
            guard hashes <= 6, i == end || text[i] == 0x20 || text[i] == 0x09 else { return nil }
            level = hashes
        } else {
            var last = end
            while last > i && (text[last - 1] == 0x20 || text[last - 1] == 0x0D || text[last - 1] == 0x09) { last -= 1 }
            guard last - i <= SectionYears.plainLineLimit else { return nil }
            let b = text[i]
            guard b &- 0x30 < 10 || b == 0x2A || b == 0x5F || b &- 0x41 < 26 else { return nil }
        }
        let year = headingYear(v, from: i, to: end, plain: level == SectionYears.plainLevel)
        if level == SectionYears.plainLevel && year == 0 { return nil }
        return (level, year)
    }

    /// The year the heading text `[from, to)` begins with, or 0.
    private func headingYear(_ v: TokenView, from: Int, to: Int, plain: Bool) -> Int {
        let toks = v.toks
        // The first token at or after `from`.
        var lo = 0, hi = toks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(toks[mid].bStart) < from { lo = mid + 1 } else { hi = mid }
        }
        var t = lo
        func inLine(_ k: Int) -> Bool { k < toks.count && Int(toks[k].bStart) < to }
        func isDecoration(_ k: Int) -> Bool {
            guard toks[k].kind == .punct else { return false }
            let b = v.text[Int(toks[k].bStart)]
            return b == 0x2A || b == 0x5F || b == 0x23  // * _ #
        }
        func year(_ k: Int) -> Int? {
            guard toks[k].kind == .number, toks[k].kLen == 4, let y = v.intValue(k), (1000...2199).contains(y) else { return nil }
            return y
        }
        while inLine(t) && isDecoration(t) { t += 1 }
        guard inLine(t) else { return 0 }
        var found: Int
        if let y = year(t) {
            found = y
            t += 1
        } else if toks[t].kind == .word, inLine(t + 1) {
            var k = t + 1
            if toks[k].kind == .punct, v.text[Int(toks[k].bStart)] == 0x2C, inLine(k + 1) { k += 1 }  // June, 2019
            guard let y = year(k) else { return 0 }
            found = y
            t = k + 1
        } else {
            return 0
        }
        if inLine(t), toks[t].kind == .han, v.keyEquals(t, SectionYears.nian) { t += 1 }
        while inLine(t) && isDecoration(t) { t += 1 }
        if inLine(t) {
            guard toks[t].kind == .punct else { return 0 }
            let b = v.text[Int(toks[t].bStart)]
            let separator = b == 0x3A || b == 0x2D || b == 0x7C || b == 0x2E || b == 0x2C || b == 0x28
                || v.keyEquals(t, SectionYears.dash)
            guard separator, !plain || b == 0x3A || v.keyEquals(t, SectionYears.dash) else { return 0 }
            // A second year makes a span (`## 2019–2020`), which gives no one year.
            var k = t + 1
            while inLine(k) {
                if year(k) != nil { return 0 }
                k += 1
            }
        }
        return found
    }

    private static let nian: [UInt8] = Array("年".utf8)
    private static let dash: [UInt8] = Array("-".utf8)
}
