/// Splits text into ``Token``s in one pass over its Unicode scalars.
///
/// Letters and digits form runs (`June`, `2019`, `1990s`); each Han character is its own token;
/// every other non-space scalar is a one-scalar punctuation token. Full-width ASCII forms are folded
/// (`２０１９` reads as `2019`) and all dashes read as `-`.
enum Tokenizer {
    /// Tokenises `scalars`; `maxTokenLength` caps digit and letter runs so that pathological input
    /// (a megabyte of digits) stays linear and never yields absurd numbers.
    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4 + 1)
        var i = 0
        let n = scalars.count
        var space = true
        while i < n {
            let c = fold(scalars[i])
            if isSpace(c) { space = true; i += 1; continue }
            let cls = charClass(c)
            if cls == .letter || cls == .digit {
                let start = i
                var sawLetter = false, sawDigit = false
                var key = String.UnicodeScalarView()
                var asciiOnly = true
                while i < n {
                    let d = fold(scalars[i])
                    let k = charClass(d)
                    if k == .letter { sawLetter = true } else if k == .digit { sawDigit = true } else { break }
                    if i - start < 64 { key.append(d) }
                    if !d.isASCII { asciiOnly = false }
                    i += 1
                }
                var s = String(key)
                s = asciiOnly ? asciiLower(s) : s.lowercased()
                let kind: Token.Kind = sawLetter && sawDigit ? .mixed : (sawDigit ? .number : .word)
                let cap = scalars[start].properties.isUppercase
                tokens.append(Token(start: start, end: i, kind: kind, spaceBefore: space, capitalized: cap, key: s))
            } else {
                let kind: Token.Kind = cls == .han ? .han : .punct
                tokens.append(Token(start: i, end: i + 1, kind: kind, spaceBefore: space, capitalized: false,
                                    key: String(Character(c))))
                i += 1
            }
            space = false
        }
        return tokens
    }

    /// Tokenises a short phrase (a pattern literal or a word-list entry) into its keys.
    static func keys(_ phrase: String) -> [String] {
        tokenize(Array(phrase.unicodeScalars)).map(\.key)
    }

    enum CharClass { case letter, digit, han, other }

    @inline(__always) static func charClass(_ c: Unicode.Scalar) -> CharClass {
        let v = c.value
        if v < 0x80 {
            if v >= 0x30 && v <= 0x39 { return .digit }
            if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { return .letter }
            return .other
        }
        if isHan(v) { return .han }
        if v == 0xFFFD { return .other }
        let p = c.properties
        if p.numericType == .decimal { return .other }  // non-ASCII digits other than full-width (folded) stay apart
        return p.isAlphabetic ? .letter : .other
    }

    @inline(__always) static func isHan(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || v == 0x3007
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF)
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0xA0 || v == 0x3000 || (v >= 0x2000 && v <= 0x200B) || v == 0x202F || v == 0x205F
            || v == 0x85 || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    /// Folds full-width ASCII to ASCII and every dash or minus to `-`, curly apostrophes to `'`.
    @inline(__always) static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        if v < 0x80 { return c }
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        switch v {
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: return "-"
        case 0x2018, 0x2019, 0x2032: return "'"
        case 0x301C: return "~"
        default: return c
        }
    }

    static func asciiLower(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b >= 0x41 && b <= 0x5A { needs = true; break }
        guard needs else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
