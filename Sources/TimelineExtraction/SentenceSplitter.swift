/// Splits text into sentences (English and Chinese), returning scalar ranges with surrounding spaces trimmed.
///
/// A sentence ends at `. ! ?` followed by a space and not after a known abbreviation (`U.S.`, `Feb.`, `Mr.`)
/// or before a lower-case word; at `。！？`; and at a line break unless the break falls inside a wrapped
/// sentence (a lower-case letter or comma before it and a lower-case letter after it).
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "no", "gen", "col", "lt", "sgt", "gov", "sen", "rep",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd",
        "etc", "e.g", "i.e", "approx", "est", "fig", "u.s", "u.k", "u.n", "a.m", "p.m", "mt", "ft",
        // Before years: `c. 1603`, `ca. 1600`, `b. 1950`, `d. 1671`, `fl. 1400`.
        "c", "ca", "b", "d", "fl",
    ]

    /// The length of the longest abbreviation, in scalars.
    static let abbreviationMaxLength = abbreviations.map { $0.unicodeScalars.count }.max() ?? 0

    public static func sentences(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        func emit(_ end: Int) {
            var a = start, b = end
            while a < b, isSpace(s[a]) { a += 1 }
            while b > a, isSpace(s[b - 1]) { b -= 1 }
            if a < b { out.append(a..<b) }
            start = end
        }
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            switch c {
            case "。", "！", "？":
                var j = i + 1
                while j < n, isClosing(s[j]) { j += 1 }
                emit(j)
                i = j
                continue
            case ".", "!", "?":
                var j = i + 1
                while j < n, isClosing(s[j]) || s[j] == "." || s[j] == "!" || s[j] == "?" { j += 1 }
                j = afterFootnoteMarks(s, j)
                if j >= n { emit(n); i = n; continue }
                guard isSpace(s[j]) else { break }
                if c == "." && endsWithAbbreviation(s, dotAt: i) { break }
                var k = j
                while k < n, s[k] == " " || s[k] == "\t" { k += 1 }
                if k < n, s[k].properties.isLowercase { break }
                emit(j)
                i = j
                continue
            case "\n", "\r", "\u{2029}":
                if !isWrappedLine(s, breakAt: i) { emit(i) }
            default:
                break
            }
            i += 1
        }
        emit(n)
        return out
    }

    /// The offset after the footnote marks at `j` (`[3]`, `[12][13]`, `[a]`, `[citation needed]`), or `j`.
    static func afterFootnoteMarks(_ s: [Unicode.Scalar], _ j: Int) -> Int {
        var j = j
        while j < s.count, s[j] == "[" {
            var k = j + 1
            while k < s.count, k - j <= 20, s[k] != "]",
                  TextSearch.isAlphabetic(s[k]) || ("0"..."9").contains(s[k]) || s[k] == " " { k += 1 }
            guard k < s.count, s[k] == "]", k > j + 1 else { break }
            j = k + 1
        }
        return j
    }

    /// `text` without its footnote marks, and where the range `keep` of it lies in the result.
    static func withoutFootnoteMarks(_ text: [Unicode.Scalar], keep: Range<Int>) -> ([Unicode.Scalar], Range<Int>) {
        guard text.contains("[") else { return (text, keep) }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        var lower = keep.lowerBound, upper = keep.upperBound
        var i = 0
        while i < text.count {
            if text[i] == "[", !keep.contains(i) {
                let j = afterFootnoteMarks(text, i)
                if j > i, !(i..<j).overlaps(keep) {
                    if j <= keep.lowerBound { lower -= j - i; upper -= j - i }
                    i = j
                    continue
                }
            }
            out.append(text[i])
            i += 1
        }
        return (out, lower..<upper)
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || v &- 0x09 < 5 }   // what White_Space holds in ASCII
        return c.properties.isWhitespace || c == "\u{3000}"
    }

    static func isClosing(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "”", "’", ")", "]", "」", "』", "）": return true
        default: return false
        }
    }

    static func endsWithAbbreviation(_ s: [Unicode.Scalar], dotAt i: Int) -> Bool {
        var a = i
        while a > 0, TextSearch.isAlphabetic(s[a - 1]) || s[a - 1] == "." { a -= 1 }
        // An ASCII word without a dot, longer than every abbreviation and than an initial, is none of them.
        if i - a > abbreviationMaxLength, !s[a..<i].contains(where: { $0.value >= 0x80 || $0 == "." }) { return false }
        let word = s.string(a..<i).lowercased()
        if word.isEmpty { return false }
        if abbreviations.contains(word) { return true }
        // A single capital letter (an initial, "J. Smith") or dotted initials ("U.S").
        if word.count == 1, s[a].properties.isUppercase { return true }
        if word.utf8.contains(0x2E), word.contains("."), word.split(separator: ".").allSatisfy({ $0.count == 1 }) { return true }
        return false
    }

    static func isWrappedLine(_ s: [Unicode.Scalar], breakAt i: Int) -> Bool {
        var a = i - 1
        while a >= 0, s[a] == " " || s[a] == "\t" || s[a] == "\r" { a -= 1 }
        guard a >= 0 else { return false }
        let before = s[a]
        guard before.properties.isLowercase || before == "," else { return false }
        var b = i + 1
        while b < s.count, s[b] == " " || s[b] == "\t" { b += 1 }
        guard b < s.count else { return false }
        return s[b].properties.isLowercase || ("0"..."9").contains(s[b])
    }

    /// Splits a sentence into clauses at `, ; : — ，；、：` and parentheses.
    public static func clauses(in s: [Unicode.Scalar], sentence: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = sentence.lowerBound
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            let c = s[i]
            var boundary = false
            switch c {
            case ",":
                // Keep thousands separators (240,000) and "June 5, 2019" inside one clause.
                let digitBefore = i > 0 && ("0"..."9").contains(s[i - 1])
                let digitAfter = i + 1 < s.count && ("0"..."9").contains(s[i + 1])
                let yearAfter = i + 2 < s.count && s[i + 1] == " " && ("0"..."9").contains(s[i + 2])
                    && i > 0 && ("0"..."9").contains(s[i - 1])
                boundary = !(digitBefore && digitAfter) && !yearAfter
            case ";", "，", "；", "、", "—", "(", ")", "（", "）":
                boundary = true
            default:
                break
            }
            if boundary {
                if start < i { out.append(start..<i) }
                start = i + 1
            }
            i += 1
        }
        if start < sentence.upperBound { out.append(start..<sentence.upperBound) }
        return out.compactMap { r in
            var a = r.lowerBound, b = r.upperBound
            while a < b, isSpace(s[a]) { a += 1 }
            while b > a, isSpace(s[b - 1]) { b -= 1 }
            return a < b ? a..<b : nil
        }
    }
}
