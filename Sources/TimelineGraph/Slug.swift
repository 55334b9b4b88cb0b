/// Stable, readable identifiers: `1969-chinese-and-soviet-troops-clashed`, `1960s-...`.
enum Slug {
    static let stopwords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "its", "their",
        "his", "her", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been", "has", "have", "had",
        "it", "they", "s", "into", "over", "under", "between", "two", "both",
    ]

    /// Up to five content words of a title, lower-cased and joined by `-`; `fallback` when none is ASCII.
    static func make(from title: String, fallback: String) -> String {
        var words = contentWords(title)
        if words.isEmpty { words = contentWords(fallback) }
        if words.isEmpty { words = ["event"] }
        return words.prefix(5).joined(separator: "-")
    }

    /// The words of `text` (runs of ASCII letters and digits, lower-cased; apostrophes dropped) other than
    /// stopwords and single characters.
    static func contentWords(_ text: String) -> [String] {
        // ASCII text (most titles) is read as bytes; other text through Unicode lower-casing, which can turn
        // a non-ASCII letter into an ASCII one (`K` KELVIN SIGN into `k`).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeContentWords(text) }
        var out: [String] = []
        var cur: [UInt8] = []
        func flush() {
            if cur.count > 1 {
                let word = String(decoding: cur, as: UTF8.self)
                if !stopwords.contains(word) { out.append(word) }
            }
            cur.removeAll(keepingCapacity: true)
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): cur.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): cur.append(b | 0x20)
            case UInt8(ascii: "'"): continue
            default: flush()
            }
        }
        flush()
        return out
    }

    private static func unicodeContentWords(_ text: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for u in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                cur.unicodeScalars.append(u)
            } else if u == "'" || u == "’" {
                continue
            } else if !cur.isEmpty {
                out.append(cur)
                cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out.filter { !stopwords.contains($0) && $0.count > 1 }
    }

    /// `1969`, `2019-06-05`, `1960s`, `1900s`, `1971-1972`, `2000-onward`.
    static func dateSlug(_ edtf: String) -> String {
        var s = edtf.filter { $0 != "~" && $0 != "?" && $0 != "%" }
        if s.hasSuffix("/..") { s = String(s.dropLast(3)) + "-onward" }
        if s.hasPrefix("../") { s = "until-" + s.dropFirst(3) }
        s = s.replacingOccurrences("/", "-")
        if s.count == 4, s.hasSuffix("XX") { return s.dropLast(2) + "00s" }
        if s.count == 4, s.hasSuffix("X") { return s.dropLast() + "0s" }
        return s.lowercased()
    }
}

extension String {
    func replacingOccurrences(_ a: Character, _ b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
}
