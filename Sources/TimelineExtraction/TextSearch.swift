/// Small search helpers over arrays of Unicode scalars, so that offsets are scalar offsets throughout.
enum TextSearch {
    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            // ASCII: letters, digits and `_` (what the Unicode properties say for these).
            return (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10 || v == 0x5F
        }
        return s.properties.isAlphabetic
    }

    /// `properties.isAlphabetic`, without the property lookup for ASCII.
    @inline(__always) static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 }
        return s.properties.isAlphabetic
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x20000...0x2A6DF).contains(s.value)
            || (0xF900...0xFAFF).contains(s.value)
    }

    @inline(__always) static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if ("A"..."Z").contains(s) { return Unicode.Scalar(s.value + 32)! }
        return s
    }

    /// First occurrence of `needle` in `hay[from..<to]` (plain substring).
    static func first(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from: Int = 0, to: Int? = nil) -> Int? {
        let end = to ?? hay.count
        guard !needle.isEmpty, end - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= end {
            if hay[i] == needle[0] {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// First occurrence of `needle` as a whole word (not inside a longer word). With `allowInflection`,
    /// a trailing `s`, `es`, `d`, `ed` or `ing` still counts as the word.
    static func firstWord(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], caseInsensitive: Bool,
                          allowInflection: Bool = false, from: Int = 0, to: Int? = nil) -> Int? {
        let end = to ?? hay.count
        guard !needle.isEmpty else { return nil }
        let n = caseInsensitive && needle.contains(where: { $0 != lower($0) }) ? needle.map(lower) : needle
        let count = n.count
        let first = n[0]
        let firstIsWord = isWordScalar(first), lastIsWord = isWordScalar(n[count - 1])
        var i = from
        while i + count <= end {
            let h0 = caseInsensitive ? lower(hay[i]) : hay[i]
            if h0 != first { i += 1; continue }
            var k = 1
            while k < count {
                let h = caseInsensitive ? lower(hay[i + k]) : hay[i + k]
                if h != n[k] { break }
                k += 1
            }
            if k == count {
                let beforeOK = i == 0 || !firstIsWord || !isWordScalar(hay[i - 1])
                var after = i + count
                if allowInflection { after += inflection(in: hay, at: after, end: end) }
                let afterOK = after >= end || !lastIsWord || !isWordScalar(hay[after])
                if beforeOK && afterOK { return i }
            }
            i += 1
        }
        return nil
    }

    static let inflections: [[Unicode.Scalar]] = ["ing", "es", "ed", "s", "d"].map { Array($0.unicodeScalars) }

    /// The length of the first inflection (`ing`, `es`, `ed`, `s`, `d`, case-insensitive) at `at` that ends a word,
    /// or 0.
    @inline(__always) static func inflection(in hay: [Unicode.Scalar], at after: Int, end: Int) -> Int {
        for sc in inflections {
            if after + sc.count <= end, (0..<sc.count).allSatisfy({ lower(hay[after + $0]) == sc[$0] }),
               after + sc.count == end || !isWordScalar(hay[after + sc.count]) {
                return sc.count
            }
        }
        return 0
    }

    /// All whole-word occurrences.
    static func allWords(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], caseInsensitive: Bool,
                         from: Int = 0, to: Int? = nil) -> [Int] {
        var out: [Int] = []
        var i = from
        while let k = firstWord(needle, in: hay, caseInsensitive: caseInsensitive, from: i, to: to) {
            out.append(k)
            i = k + 1
        }
        return out
    }

    static func all(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from: Int = 0, to: Int? = nil) -> [Int] {
        var out: [Int] = []
        var i = from
        while let k = first(needle, in: hay, from: i, to: to) {
            out.append(k)
            i = k + 1
        }
        return out
    }
}

extension TextSearch {
    /// Whether every scalar of `text` is "simple": one grapheme cluster on its own, with no other scalar sequence
    /// canonically equivalent to it, and not a carriage return. ASCII (but CR), Latin-1 and Latin Extended-A,
    /// general punctuation without format controls, CJK punctuation without the combining tone marks, the CJK
    /// unified ideographs and the fullwidth ASCII forms.
    ///
    /// On such text (and needles), the String and Foundation searches (`contains`, `range(of:)`, `hasPrefix`,
    /// `replacingOccurrences`), which compare grapheme clusters up to canonical equivalence, find exactly what
    /// a literal comparison of scalars finds; so the literal fast paths below are only taken on simple text.
    @inline(__always) static func isSimple(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v >= 0x20 && v < 0x7F || v == 0x0A || v == 0x09 }
        if v < 0x180 { return v >= 0xA0 }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v >= 0x2010 && v <= 0x2027 { return true }
        if v >= 0x3000 && v <= 0x303F { return v < 0x302A || v > 0x302F }
        return v >= 0xFF01 && v <= 0xFF5E
    }

    static func isSimple<C: Collection>(_ text: C) -> Bool where C.Element == Unicode.Scalar {
        text.allSatisfy(isSimple)
    }

    /// `false` when `text` is simple and none of `phrases` (all simple and non-empty) occurs in it literally, so
    /// that Foundation's `contains` / `range(of:)` would not find one either; `nil` when that cannot be decided
    /// this way (the caller then runs its own search).
    static func mayContain(any phrases: [String], in text: String) -> Bool? {
        mayContain(any: PhraseSet(phrases), in: text)
    }

    static func mayContain(any phrases: PhraseSet, in text: String) -> Bool? {
        guard phrases.simple else { return nil }
        let hay = Array(text.unicodeScalars)
        guard isSimple(hay) else { return nil }
        return phrases.finder.any(in: hay)
    }

    /// Phrases prepared for ``mayContain(any:in:)``.
    struct PhraseSet: Sendable {
        let needles: [[Unicode.Scalar]]
        /// Every phrase is non-empty simple text.
        let simple: Bool
        /// One-pass search for all of them.
        let finder: LiteralFinder

        init(_ phrases: [String]) {
            needles = phrases.map { Array($0.unicodeScalars) }
            simple = needles.allSatisfy { !$0.isEmpty && TextSearch.isSimple($0) }
            finder = LiteralFinder(needles)
        }
    }

    /// `text.range(of: needle)` (Foundation), found by a literal comparison of scalars when both are simple.
    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        let n = Array(needle.unicodeScalars), h = Array(text.unicodeScalars)
        guard !n.isEmpty, isSimple(n), isSimple(h) else { return text.range(of: needle) }
        guard let k = first(n, in: h) else { return nil }
        let v = text.unicodeScalars
        let lo = v.index(v.startIndex, offsetBy: k)
        return lo..<v.index(lo, offsetBy: n.count)
    }

    /// Whether the bytes `needle` occur in `text`'s UTF-8.
    static func containsLiteral(_ needle: [UInt8], inUTF8 text: String) -> Bool {
        var t = text
        return t.withUTF8 { hay in
            guard !needle.isEmpty, hay.count >= needle.count else { return false }
            var i = 0
            while i + needle.count <= hay.count {
                if hay[i] == needle[0] {
                    var k = 1
                    while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `needle` occurs literally in `hay` (an empty needle never does).
    static func containsLiteral(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> Bool {
        first(needle, in: hay) != nil
    }

    /// `hay` with every non-overlapping literal occurrence of `needle`, left to right, replaced by `replacement`.
    static func replacingLiteral(_ needle: [Unicode.Scalar], with replacement: [Unicode.Scalar],
                                 in hay: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard var at = first(needle, in: hay) else { return hay }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(hay.count)
        var copied = 0
        while true {
            out.append(contentsOf: hay[copied..<at])
            out.append(contentsOf: replacement)
            copied = at + needle.count
            guard let next = first(needle, in: hay, from: copied) else { break }
            at = next
        }
        out.append(contentsOf: hay[copied...])
        return out
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars of `range` as a String (encoded to UTF-8 in one pass).
    func string(_ range: Range<Int>) -> String {
        var bytes = 0
        for i in range {
            let v = self[i].value
            bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        if bytes == 0 { return "" }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var k = 0
            for i in range {
                let v = self[i].value
                if v < 0x80 {
                    buffer[k] = UInt8(v); k += 1
                } else if v < 0x800 {
                    buffer[k] = UInt8(0xC0 | v >> 6); buffer[k + 1] = UInt8(0x80 | v & 0x3F); k += 2
                } else if v < 0x10000 {
                    buffer[k] = UInt8(0xE0 | v >> 12); buffer[k + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                    buffer[k + 2] = UInt8(0x80 | v & 0x3F); k += 3
                } else {
                    buffer[k] = UInt8(0xF0 | v >> 18); buffer[k + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    buffer[k + 2] = UInt8(0x80 | v >> 6 & 0x3F); buffer[k + 3] = UInt8(0x80 | v & 0x3F); k += 4
                }
            }
            return k
        }
    }
}

extension String {
    /// Whether every UTF-8 byte of the string is ASCII (so that each byte is a scalar, and each character is
    /// one byte except CR LF).
    var isASCII: Bool {
        if let r = utf8.withContiguousStorageIfAvailable({ b in !b.contains { $0 >= 0x80 } }) { return r }
        return !utf8.contains { $0 >= 0x80 }
    }

    /// `split(separator: " ")` (empty pieces omitted); on ASCII text by bytes, as each space is then a character
    /// of its own.
    func spaceSplit() -> [Substring] {
        guard isASCII else { return split(separator: " ") }
        var out: [Substring] = []
        let u = utf8
        var i = u.startIndex
        var start: String.Index?
        while i != u.endIndex {
            if u[i] == 0x20 {
                if let a = start { out.append(self[a..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            i = u.index(after: i)
        }
        if let a = start { out.append(self[a..<u.endIndex]) }
        return out
    }

    /// `split(separator: " ").count`.
    func spaceWordCount() -> Int {
        guard isASCII else { return split(separator: " ").count }
        var n = 0
        var inWord = false
        for b in utf8 {
            if b == 0x20 { inWord = false } else if !inWord { inWord = true; n += 1 }
        }
        return n
    }
}

extension TextSearch {
    /// `Array(text.unicodeScalars)`, decoded from the UTF-8 in one pass (ASCII bytes directly).
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var t = text
        return t.withUTF8 { b in
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(b.count)
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { out.append(Unicode.Scalar(c)); i += 1; continue }
                // A String's UTF-8 is valid: a lead byte and its continuation bytes.
                let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                var v = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                out.append(Unicode.Scalar(v)!)
                i += length
            }
            return out
        }
    }
}
