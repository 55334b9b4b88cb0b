/// Small search helpers over arrays of Unicode scalars, so that offsets are scalar offsets throughout.
enum TextSearch {
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_"
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
        let n = caseInsensitive ? needle.map(lower) : needle
        var i = from
        while i + n.count <= end {
            var k = 0
            while k < n.count {
                let h = caseInsensitive ? lower(hay[i + k]) : hay[i + k]
                if h != n[k] { break }
                k += 1
            }
            if k == n.count {
                let beforeOK = i == 0 || !isWordScalar(hay[i - 1]) || !isWordScalar(n[0])
                var after = i + n.count
                if allowInflection {
                    for suffix in ["ing", "es", "ed", "s", "d"] {
                        let sc = Array(suffix.unicodeScalars)
                        if after + sc.count <= end, (0..<sc.count).allSatisfy({ lower(hay[after + $0]) == sc[$0] }),
                           after + sc.count == end || !isWordScalar(hay[after + sc.count]) {
                            after += sc.count
                            break
                        }
                    }
                }
                let afterOK = after >= end || !isWordScalar(hay[after]) || !isWordScalar(n[n.count - 1])
                if beforeOK && afterOK { return i }
            }
            i += 1
        }
        return nil
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

extension Array where Element == Unicode.Scalar {
    func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: self[range])
        return String(s)
    }
}
