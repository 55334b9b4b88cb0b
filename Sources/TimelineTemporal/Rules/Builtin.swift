import TimelineModel

/// Recognisers written in Swift because they compute values rather than list them.
/// Number words and Han numerals come from the rule language's `words/number.txt`.
enum Builtin: String, CaseIterable, Sendable {
    /// A digit run of at most 9 digits: `42`.
    case int
    /// Any number: digits, number words (`twenty-four`, `a`), Han numerals (`三十五`, `二〇一九`).
    case num
    /// A four-digit year 1000–2199 (`1969`, `二〇一九`, `２０１９`), value `YYYY`.
    case year
    /// Exactly two digits (`72`, `89`), value as written.
    case yy
    /// A month number 1–12 (digits or Han numerals), value `MM`.
    case month
    /// A day of the month 1–31 (digits, Han numerals, or `5th`), value `DD`.
    case day
    /// An hour 0–24 written with one or two digits, value as an integer.
    case hour
    /// Two digits 00–59.
    case min
    /// `1990s`, `90s`, `1990's`: value is the decade (`199`).
    case decade
    /// `19th`, `1st`, `2nd`, `3rd`: value is the number.
    case ordnum
    /// `5pm`, `10am`: value is the hour on a 24-hour clock.
    case hmix
    /// An eight-digit date `19980303`, value `1998-03-03`.
    case ymd8
    /// Any word of letters.
    case word

    /// Token kinds this recogniser can start on (for indexing rules).
    var startKinds: Set<Token.Kind> {
        switch self {
        case .int, .yy, .hour, .min, .ymd8: return [.number]
        case .num, .month, .day: return [.number, .word, .han, .mixed]
        case .year: return [.number, .han]
        case .decade: return [.mixed, .number]
        case .ordnum, .hmix: return [.mixed]
        case .word: return [.word]
        }
    }

    /// Every way this recogniser matches at `pos`, as (end token index, value).
    func matches(_ t: [Token], at pos: Int, numbers: WordList?) -> [(end: Int, value: String)] {
        guard pos < t.count else { return [] }
        let tok = t[pos]
        switch self {
        case .int:
            if let v = tok.intValue { return [(pos + 1, String(v))] }
        case .num:
            if let v = tok.intValue { return [(pos + 1, String(v))] }
            if let (end, v) = NumberWords.parse(t, at: pos, list: numbers) { return [(end, String(v))] }
        case .year:
            if tok.kind == .number, tok.key.utf8.count == 4, let v = tok.intValue, (1000...2199).contains(v) {
                return [(pos + 1, tok.key)]
            }
            if tok.kind == .han, let (end, digits) = NumberWords.hanDigits(t, at: pos, list: numbers), digits.count == 4,
               let v = Int(digits), (1000...2199).contains(v) {
                return [(end, digits)]
            }
        case .yy:
            if tok.kind == .number, tok.key.utf8.count == 2 { return [(pos + 1, tok.key)] }
        case .month:
            if let (end, v) = smallNumber(t, pos, numbers), (1...12).contains(v) { return [(end, pad2(v))] }
        case .day:
            if tok.kind == .mixed, let v = Builtin.ordinalValue(tok.key), (1...31).contains(v) { return [(pos + 1, pad2(v))] }
            if let (end, v) = smallNumber(t, pos, numbers), (1...31).contains(v) { return [(end, pad2(v))] }
        case .hour:
            if tok.kind == .number, tok.key.utf8.count <= 2, let v = tok.intValue, v <= 24 { return [(pos + 1, String(v))] }
        case .min:
            if tok.kind == .number, tok.key.utf8.count == 2, let v = tok.intValue, v <= 59 { return [(pos + 1, tok.key)] }
        case .decade:
            if tok.kind == .mixed, tok.key.hasSuffix("s") {
                if let d = Builtin.decadeValue(String(tok.key.dropLast())) { return [(pos + 1, d)] }
            } else if tok.kind == .number, pos + 2 < t.count, t[pos + 1].key == "'", t[pos + 2].key == "s",
                      !t[pos + 1].spaceBefore, !t[pos + 2].spaceBefore, let d = Builtin.decadeValue(tok.key) {
                return [(pos + 3, d)]
            }
        case .ordnum:
            if tok.kind == .mixed, let v = Builtin.ordinalValue(tok.key) { return [(pos + 1, String(v))] }
        case .hmix:
            if tok.kind == .mixed, tok.key.hasSuffix("am") || tok.key.hasSuffix("pm"),
               let h = Int(tok.key.dropLast(2)), (1...12).contains(h) {
                let pm = tok.key.hasSuffix("pm")
                return [(pos + 1, String(pm ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h)))]
            }
        case .ymd8:
            if tok.kind == .number, tok.key.utf8.count == 8, let v = tok.intValue {
                let d = CalendarDay(year: v / 10000, month: v / 100 % 100, day: v % 100)
                if d.isValid, (1000...2199).contains(d.year) { return [(pos + 1, d.description)] }
            }
        case .word:
            if tok.kind == .word { return [(pos + 1, tok.key)] }
        }
        return []
    }

    private func smallNumber(_ t: [Token], _ pos: Int, _ numbers: WordList?) -> (Int, Int)? {
        let tok = t[pos]
        if tok.kind == .number { return tok.key.utf8.count <= 2 ? tok.intValue.map { (pos + 1, $0) } : nil }
        if tok.kind == .han, let r = NumberWords.parse(t, at: pos, list: numbers) { return r }
        return nil
    }

    /// `19th` → 19; `1st`, `2nd`, `3rd`, `4th`.
    static func ordinalValue(_ key: String) -> Int? {
        guard key.utf8.count >= 3 else { return nil }
        let suffix = key.suffix(2)
        guard ["st", "nd", "rd", "th"].contains(suffix), let v = Int(key.dropLast(2)), v > 0, v < 10000 else { return nil }
        return v
    }

    /// `1990` → `199`; `90` → `199`; `00`, `10` → `200`, `201`.
    static func decadeValue(_ digits: String) -> String? {
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.hasSuffix("0") else { return nil }
        if digits.count == 4, let v = Int(digits), (1000...2190).contains(v) { return String(digits.prefix(3)) }
        if digits.count == 2 { return (digits.hasPrefix("0") || digits.hasPrefix("1") ? "20" : "19") + String(digits.prefix(1)) }
        return nil
    }
}

@inline(__always) func pad2(_ v: Int) -> String { v < 10 && v >= 0 ? "0\(v)" : String(v) }
