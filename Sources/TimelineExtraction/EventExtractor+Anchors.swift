import TimelineCorpus
import TimelineModel
import TimelineTemporal

/// Which dates anchor events: not metadata, stamps, menus, back matter, lifespans, comparison bases or
/// hypotheticals.
extension EventExtractor {
    func anchorsEvent(_ t: TimeExpression, in s: [Unicode.Scalar], document: SourceDocument,
                      scratch: DocumentScratch? = nil) -> Bool {
        if document.metadataRanges.contains(where: { $0.overlaps(t.start..<t.end) }) { return false }
        switch t.type {
        case .date: break
        case .duration: guard t.edtf != nil else { return false }  // "the past decade" is placeable
        // A time with its day ("3 p.m. on 5 March 2010", "Friday night") dates the event by that day; a clock
        // alone has no EDTF (its day is the DCT's only by convention).
        case .time: guard t.edtf != nil else { return false }
        case .set: return false
        }
        if t.value.hasSuffix("_REF") { return false }
        let lowered = t.text.lowercased()
        if lexicon.titleRules.presentDeictics.contains(lowered) { return false }
        let back: Int?
        if let scratch {
            if scratch.backMatterStart == nil { scratch.backMatterStart = .some(backMatterStart(in: s, lineBreaks: scratch.lineBreaks)) }
            back = scratch.backMatterStart ?? nil
        } else {
            back = backMatterStart(in: s)
        }
        if let back, t.start >= back { return false }
        if isLifespan(t, in: s) { return false }
        if isStamp(t, in: s, scratch: scratch) || isInNumberSequence(t, in: s)
            || lexicon.index.wireDateline.isDateline(t.start, t.end, in: s)
            || isInHeading(t, in: s, document: document, scratch: scratch) { return false }
        let index = lexicon.index
        let before = precedingWords(s, before: t.start, count: 3)
        // On ASCII text, an ASCII suffix is a byte suffix (a non-ASCII cue is still compared as a String: one may
        // be canonically equivalent to ASCII).
        let beforeBytes: [UInt8]? = before.isASCII ? Array(before.utf8) : nil
        func hasSuffix(_ suffix: String, _ bytes: [UInt8]?) -> Bool {
            if let beforeBytes, let bytes {
                return beforeBytes.count >= bytes.count && beforeBytes[(beforeBytes.count - bytes.count)...].elementsEqual(bytes)
            }
            return before.hasSuffix(suffix)
        }
        for k in index.comparisonCues.indices {
            let cue = index.comparisonCues[k]
            if hasSuffix(index.comparisonCuesSpaced[k], index.comparisonCuesSpacedBytes[k])
                || !cue.first!.isASCII && before.hasSuffix(cue) {
                return false
            }
        }
        if !EventExtractor.isExplicit(t.text) {
            for k in index.relativeComparisonCuesSpaced.indices
            where hasSuffix(index.relativeComparisonCuesSpaced[k], index.relativeComparisonCuesSpacedBytes[k]) {
                return false
            }
            // `up 3% on last year` compares with a period; `on Friday`, `on March 1` tell a day.
            let day = t.edtf.map { ($0.split(separator: "/").first?.utf8.count ?? 0) >= 10 } ?? false
            if !day {
                for k in index.periodComparisonCuesSpaced.indices
                where hasSuffix(index.periodComparisonCuesSpaced[k], index.periodComparisonCuesSpacedBytes[k]) {
                    return false
                }
            }
            if let edtf = t.edtf, let date = EDTF(edtf), let dct = document.date, date.start > dct { return false }
            let clause = precedingWords(s, before: t.start, count: 8)
            let cues = index.conditionalCuesSpaced
            if TextSearch.mayContain(any: index.conditionalCuePhrases, in: clause) ?? cues.contains(where: { clause.contains($0) }) {
                return false
            }
        }
        return true
    }

    /// A byline, footer or publication stamp: `© 2014`, `Posted 2025-03-14`, a date followed by a clock
    /// time (`2025-03-14 11:02`), or a line of `|`-separated navigation items.
    func isStamp(_ t: TimeExpression, in s: [Unicode.Scalar], scratch: DocumentScratch? = nil) -> Bool {
        let before = precedingWords(s, before: t.start, count: 4)
        let markers = lexicon.titleRules.stampMarkers
        if TextSearch.mayContain(any: lexicon.index.stampMarkers, in: before) ?? markers.contains(where: { before.contains($0) }) {
            return true
        }
        var i = t.end
        while i < s.count, s[i] == " " || s[i] == "T" { i += 1 }
        if i + 4 < s.count, ("0"..."9").contains(s[i]), s[i + 1] == ":" || s[i + 2] == ":" { return true }
        let line = scratch?.line(from: t.start, to: t.end) ?? DocumentScratch.line(in: s, from: t.start, to: t.end)
        if let known = scratch?.navigationLines[line] { return known }
        var pipes = 0
        for c in s[line] where c == "|" { pipes += 1 }
        let navigation = pipes >= 2 && !EventExtractor.isTableRow(line, in: s, scratch: scratch)
        scratch?.navigationLines[line] = navigation
        return navigation
    }

    /// Whether the line `bounds` is a row of a Markdown table: it and the lines just above it hold `|`, and one
    /// of them, or the line below it, is the table's delimiter row (`|------|:---|`).
    static func isTableRow(_ bounds: Range<Int>, in s: [Unicode.Scalar], scratch: DocumentScratch? = nil) -> Bool {
        func lineStart(_ at: Int) -> Int { DocumentScratch.line(in: s, from: at, to: at).lowerBound }
        func lineEnd(_ at: Int) -> Int { DocumentScratch.line(in: s, from: at, to: at).upperBound }
        func isDelimiterRow(_ r: Range<Int>) -> Bool {
            var dashes = 0, pipes = 0
            for c in s[r] {
                switch c {
                case "-": dashes += 1
                case "|": pipes += 1
                case ":", " ", "\t", "\r": break
                default: return false
                }
            }
            return dashes >= 3 && pipes >= 1
        }
        if bounds.upperBound < s.count {
            let below = bounds.upperBound + 1
            if isDelimiterRow(below..<lineEnd(below)) { return true }
        }
        var start = lineStart(bounds.lowerBound)
        var rows = 0
        while start > 0, rows < 10_000 {
            let above = lineStart(start - 1)..<(start - 1)
            if let known = scratch?.tableRowStarts[above.lowerBound] { return known }
            if isDelimiterRow(above) {
                scratch?.tableRowStarts[lineStart(bounds.lowerBound)] = true
                return true
            }
            guard s[above].contains("|") else { break }
            start = above.lowerBound
            rows += 1
        }
        scratch?.tableRowStarts[lineStart(bounds.lowerBound)] = false
        return false
    }

    /// Where a document's back matter starts: the first line that is one of the `backMatterHeadings`
    /// (`References`, `## Further reading`, `相关阅读：`) after the first fifth of the text (and 200 scalars), if any.
    func backMatterStart(in s: [Unicode.Scalar], lineBreaks: [Int]? = nil) -> Int? {
        let headings = lexicon.index.backMatterHeadings
        guard !headings.isEmpty else { return nil }
        let breaks = lineBreaks ?? s.indices.filter { s[$0] == "\n" }
        var lineStart = 0
        for lineEnd in breaks + [s.count] {
            defer { lineStart = lineEnd + 1 }
            // Only short lines can be such a heading, only those starting as one does, and only after the text has
            // begun (a document may be titled `Notes`).
            guard lineEnd - lineStart <= 40, lineStart >= max(200, s.count / 5) else { continue }
            var first = lineStart
            while first < lineEnd, "#*=_ \t".unicodeScalars.contains(s[first]) { first += 1 }
            if first < lineEnd, lexicon.index.backMatterFirsts.contains(TextSearch.lower(s[first])) {
                let text = s.string(lineStart..<lineEnd).lowercased().trimmingCharacters(extra: "#*=:：_ \t\r")
                if headings.contains(text) { return lineStart }
            }
        }
        return nil
    }

    /// A person's years in parentheses after the name (`Fyodor Golovin (1650–1706)`, `Yerofey Khabarov (c. 1603 –
    /// 1671)`): two or more capitalised words that name no event type, then a span of twenty years or more.
    func isLifespan(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        if isInChineseLifespan(t, in: s) { return true }
        guard let edtf = t.edtf, edtf.utf8.contains(0x2F) else { return false }
        var i = t.start
        while i > 0, s[i - 1] == " " { i -= 1 }
        // `c.`, `b.`, `ca.` before the years.
        if i >= 2, s[i - 1] == ".", TextSearch.isAlphabetic(s[i - 2]) {
            var a = i - 2
            while a > 0, TextSearch.isAlphabetic(s[a - 1]) { a -= 1 }
            if i - 1 - a <= 2 { i = a }
            while i > 0, s[i - 1] == " " { i -= 1 }
        }
        // (Parsing EDTF costs more than all the rest: it comes after the cheap tests.)
        guard i > 0, s[i - 1] == "(", let date = EDTF(edtf), date.end.year - date.start.year >= 20 else { return false }
        let before = precedingWords(s, before: i - 1, count: 3)
        let names = s.string(max(0, i - 1 - 60)..<(i - 1)).split(whereSeparator: \.isWhitespace).suffix(3)
        guard names.count >= 2, names.suffix(2).allSatisfy({ $0.first?.isUppercase == true }) else { return false }
        return lexicon.eventType(of: before) == "event"
    }

    /// A date in a person's years after a Chinese name: `赫鲁晓夫（1894年4月15日—1971年9月11日）`: full-width or ASCII
    /// parentheses right after a Han character, holding two years twenty or more apart joined by a dash.
    func isInChineseLifespan(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        // Only a date written with 年 can be one (checked on the bytes: 年 is E5 B9 B4).
        guard t.text.utf8.contains(0xB4), t.text.unicodeScalars.contains("年") else { return false }
        var open = t.start
        while open > 0, t.start - open < 20, s[open - 1] != "（", s[open - 1] != "(", s[open - 1] != "\n" { open -= 1 }
        guard open > 1, s[open - 1] == "（" || s[open - 1] == "(", TextSearch.isHan(s[open - 2]) else { return false }
        var close = t.end
        while close < s.count, close - t.end < 30, s[close] != "）", s[close] != ")", s[close] != "\n" { close += 1 }
        guard close < s.count, s[close] == "）" || s[close] == ")" else { return false }
        let inner = s[open..<close]
        guard inner.contains(where: { "—－-–~～至".unicodeScalars.contains($0) }) else { return false }
        var years: [Int] = []
        var run = 0, value = 0
        for c in inner {
            if ("0"..."9").contains(c) {
                run += 1
                value = value * 10 + Int(c.value - 0x30)
            } else {
                if run == 4 { years.append(value) }
                run = 0; value = 0
            }
        }
        if run == 4 { years.append(value) }
        return years.count == 2 && years[1] - years[0] >= 20
    }

    /// Part of a phone number or a longer run of digit groups (`+7 495 1969 2014`, `010-6512 1969`).
    func isInNumberSequence(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        func digit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        var i = t.start - 1
        if i >= 0, s[i] == " " || s[i] == "-" || s[i] == "." {
            i -= 1
            if i >= 0, digit(s[i]) { return true }
        }
        var j = t.end
        if j < s.count, s[j] == " " || s[j] == "-" {
            j += 1
            if j + 1 < s.count, digit(s[j]), digit(s[j + 1]) { return true }
        }
        return false
    }

    /// In a heading: a Markdown `#` line, or a document's first line when it is short and has no final
    /// punctuation (a title such as "From Alliance to Rupture: Moscow and Beijing Before 1991").
    func isInHeading(_ t: TimeExpression, in s: [Unicode.Scalar], document: SourceDocument,
                     scratch: DocumentScratch? = nil) -> Bool {
        let bounds = scratch?.line(from: t.start, to: t.end) ?? DocumentScratch.line(in: s, from: t.start, to: t.end)
        if let known = scratch?.headingLines[bounds] { return known }
        let answer = isHeading(bounds, in: s, document: document)
        scratch?.headingLines[bounds] = answer
        return answer
    }

    private func isHeading(_ bounds: Range<Int>, in s: [Unicode.Scalar], document: SourceDocument) -> Bool {
        let lo = bounds.lowerBound
        // An ASCII line that is not the document's first and with no title to look for: a heading only when its
        // first non-blank byte is `#` (what the trimmed line's `hasPrefix("#")` says for ASCII), so the line's
        // text is not needed.
        if document.title?.isEmpty ?? true, !s[bounds].contains(where: { $0.value >= 0x80 }) {
            let firstContent = s.firstIndex { !SentenceSplitter.isSpace($0) } ?? 0
            if lo > firstContent {
                let first = s[bounds].first { !SentenceSplitter.isSpace($0) }
                return first == "#"
            }
        }
        let line = s.string(bounds).trimmingCharacters()
        if line.hasPrefix("#") { return true }
        if let title = document.title, !title.isEmpty, line.contains(title) { return true }
        let firstContent = s.firstIndex { !SentenceSplitter.isSpace($0) } ?? 0
        guard lo <= firstContent else { return false }
        let words = line.split(separator: " ").count
        let last = line.unicodeScalars.last ?? " "
        return words <= 14 && !".!?。！？\"”".unicodeScalars.contains(last)
    }

    /// Whether the expression states its year (digits of a year, a decade or a century) rather than
    /// depending on the document date.
    static func isExplicit(_ text: String) -> Bool {
        // Three digits or more (`1969`, `1971–72`, `1990s`), two after an apostrophe (`'99`), or two Chinese
        // numerals before 年 (`九十年代`, `二〇一九年`). Two digits alone are a day or a clock (`May 16`, `7:30`).
        var run = 0, hanRun = 0
        var previous: Unicode.Scalar = " ", beforeRun: Unicode.Scalar = " "
        for u in text.unicodeScalars {
            if ("0"..."9").contains(u) || ("０"..."９").contains(u) {
                if run == 0 { beforeRun = previous }
                run += 1
                if run >= 3 || (run == 2 && (beforeRun == "'" || beforeRun == "’")) { return true }
            } else {
                run = 0
            }
            if "〇零一二三四五六七八九".unicodeScalars.contains(u) {
                hanRun += 1
            } else {
                if u == "年", hanRun >= 2 { return true }
                hanRun = 0
            }
            previous = u
        }
        // Literally absent from simple text: absent for `contains` too.
        let scalars = Array(text.unicodeScalars)
        if TextSearch.isSimple(scalars), !TextSearch.containsLiteral(EventExtractor.century, in: scalars) { return false }
        return text.contains("世纪")
    }

    static let century = Array("世纪".unicodeScalars)
}
