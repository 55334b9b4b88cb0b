/// Reads numbers written in words from a language's `number` word list, where each entry's value is
/// an integer (`twenty = 20`, `五 = 5`) or a multiplier (`hundred = *100`, `十 = *10`).
///
/// English: `twenty-four` → 24, `one hundred twenty` → 120, `a` → 1.
/// Chinese: `三十五` → 35, `一百二十` → 120, and digit by digit `二〇一九` → 2019.
enum NumberWords {
    /// The longest number starting at `pos`: (end token index, value).
    static func parse(_ t: [Token], at pos: Int, list: WordList?) -> (Int, Int)? {
        guard let list, pos < t.count else { return nil }
        if let (end, digits) = hanDigits(t, at: pos, list: list), digits.count >= 2,
           !(end < t.count && isMultiplier(t[end], list)) {
            return Int(digits).map { (end, $0) }
        }
        var total = 0, current = 0
        var pending: Int? = nil
        var i = pos
        var end = pos
        while i < t.count, i - pos < 12 {
            let tok = t[i]
            if i > pos, tok.key == "-", !tok.spaceBefore, i + 1 < t.count, !t[i + 1].spaceBefore,
               pending != nil, t[i - 1].kind == .word {
                i += 1
                continue
            }
            guard tok.kind == .word || tok.kind == .han, let raw = list.value(of: tok.key) else { break }
            if raw.hasPrefix("*") {
                guard let m = Int(raw.dropFirst()), pending != nil || tok.kind == .han || current > 0 else { break }
                if m >= 1000 {
                    total += (current + (pending ?? 0) == 0 ? 1 : current + (pending ?? 0)) * m
                    current = 0
                } else {
                    current += (pending ?? 1) * m
                }
                pending = nil
            } else {
                guard let v = Int(raw) else { break }
                if let p = pending {
                    // English: "twenty four" adds a unit to a tens word; anything else ends the number.
                    guard tok.kind == .word, p >= 20, p < 100, p % 10 == 0, v < 10 else { break }
                    pending = p + v
                } else {
                    if tok.kind == .word, current % 100 != 0, current > 0 { break }
                    pending = v
                }
            }
            i += 1
            end = i
        }
        guard end > pos else { return nil }
        return (end, total + current + (pending ?? 0))
    }

    /// A run of Han digits 0–9 (`二〇一九`) as an ASCII digit string.
    static func hanDigits(_ t: [Token], at pos: Int, list: WordList?) -> (Int, String)? {
        guard let list else { return nil }
        var i = pos
        var s = ""
        while i < t.count, t[i].kind == .han, i - pos < 8, let raw = list.value(of: t[i].key),
              raw.utf8.count == 1, let v = Int(raw), v < 10 {
            s += raw
            i += 1
        }
        return s.isEmpty ? nil : (i, s)
    }

    private static func isMultiplier(_ tok: Token, _ list: WordList) -> Bool {
        list.value(of: tok.key)?.hasPrefix("*") ?? false
    }
}
