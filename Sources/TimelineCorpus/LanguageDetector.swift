/// Tells which of the languages the pipeline knows (`en`, `zh`) make up a substantial share of a text.
///
/// Counts letters: CJK ideographs for `zh`, Latin letters for `en` (letters inside URLs are not counted).
/// A language is reported when its letters are at least ``minimumShare`` of all letters, or, for long
/// mixed texts, when there are many of them (``manyIdeographs``, ``manyLatinLetters``) and they are at least
/// ``minimumShareWhenMany``. A page of English with a few Chinese navigation words is therefore `["en"]`.
enum LanguageDetector {
    static let minimumShare = 0.10
    static let minimumShareWhenMany = 0.03
    static let manyIdeographs = 100
    static let manyLatinLetters = 600
    /// Below these counts a language is reported only when it is the only one present.
    static let fewIdeographs = 5
    static let fewLatinLetters = 20

    struct Counts: Equatable {
        var ideographs = 0
        var latin = 0
        var otherLetters = 0
        var letters: Int { ideographs + latin + otherLetters }
    }

    static func languages(in text: String) -> [String] {
        languages(for: count(text))
    }

    static func languages(for c: Counts) -> [String] {
        let total = Double(c.letters)
        guard total > 0 else { return [] }
        func present(_ n: Int, many: Int, few: Int, other: Int) -> Bool {
            guard n > 0 else { return false }
            let share = Double(n) / total
            guard n >= few || other == 0 else { return false }
            return share >= minimumShare || (n >= many && share >= minimumShareWhenMany)
        }
        var result: [String] = []
        if present(c.latin, many: manyLatinLetters, few: fewLatinLetters, other: c.ideographs) { result.append("en") }
        if present(c.ideographs, many: manyIdeographs, few: fewIdeographs, other: c.latin) { result.append("zh") }
        return result
    }

    static func isIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2EBEF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x30000...0x3134F).contains(v)
    }

    static func isLatinLetter(_ v: UInt32) -> Bool {
        (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
            || ((0xC0...0x24F).contains(v) && v != 0xD7 && v != 0xF7) || (0x1E00...0x1EFF).contains(v)
    }

    /// Counts letters in one pass; a whitespace-separated token holding `://` or starting with `www.` is a URL
    /// and its Latin letters are dropped.
    static func count(_ text: String) -> Counts {
        // The scalars decoded from the UTF-8 directly (a String's UTF-8 is valid), in one function without
        // closures, so that the counters stay in registers.
        var t = text
        return t.withUTF8 { count(utf8: $0) }
    }

    private static func count(utf8 b: UnsafeBufferPointer<UInt8>) -> Counts {
        var c = Counts()
        var tokenLatin = 0
        var tokenIsURL = false
        var tokenLength = 0
        var last1: Unicode.Scalar = " ", last2: Unicode.Scalar = " ", last3: Unicode.Scalar = " "
        var at = 0
        while at < b.count {
            let lead = b[at]
            let s: Unicode.Scalar
            if lead < 0x80 {
                s = Unicode.Scalar(lead)
                at += 1
            } else {
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(b[at + k] & 0x3F) }
                s = Unicode.Scalar(value)!
                at += length
            }
            let v = s.value
            let isSpace = v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D)) : s.properties.isWhitespace
            if isSpace || s == "(" || s == "[" || s == "<" || s == "\"" {
                // The end of a token.
                if !tokenIsURL { c.latin += tokenLatin }
                tokenLatin = 0
                tokenIsURL = false
                tokenLength = 0
            } else {
                tokenLength += 1
                if isLatinLetter(v) {
                    tokenLatin += 1
                } else if isIdeograph(v) {
                    c.ideographs += 1
                } else if v >= 0x80, s.properties.isAlphabetic {
                    c.otherLetters += 1
                } else if s == "/", last1 == "/", last2 == ":" {
                    tokenIsURL = true
                } else if s == ".", tokenLength == 4, last1 == "w", last2 == "w", last3 == "w" {
                    tokenIsURL = true
                }
            }
            last3 = last2
            last2 = last1
            last1 = s
        }
        if !tokenIsURL { c.latin += tokenLatin }
        return c
    }
}
