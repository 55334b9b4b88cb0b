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

    /// The most tokens one match can span: number words run to 12 tokens (`parseNumber`), Han digits to 8.
    var maxTokens: Int {
        switch self {
        case .num, .month, .day: return 12
        case .year: return 8
        case .decade: return 3
        case .int, .yy, .hour, .min, .ordnum, .hmix, .ymd8, .word: return 1
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

    /// `1990` → `199`; `90` → `199`; `00`, `10` → `200`, `201`. A round hundred up to 1900 names its century
    /// (`the 1800s`, `the early 1900s`): `1800` → `18`. `2000` stays the decade (`the 2000s`).
    static func decadeValue(_ digits: String) -> String? {
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.hasSuffix("0") else { return nil }
        if digits.count == 4, let v = Int(digits), (1000...1900).contains(v), v % 100 == 0 { return String(digits.prefix(2)) }
        if digits.count == 4, let v = Int(digits), (1000...2190).contains(v) { return String(digits.prefix(3)) }
        if digits.count == 2 { return (digits.hasPrefix("0") || digits.hasPrefix("1") ? "20" : "19") + String(digits.prefix(1)) }
        return nil
    }
}

@inline(__always) func pad2(_ v: Int) -> String { v < 10 && v >= 0 ? "0\(v)" : String(v) }

// MARK: - Over scanned tokens (the tagging hot path)

extension Builtin {
    /// `allCases` made once (the synthesized property builds a new array on every call).
    static let table: [Builtin] = Builtin.allCases

    /// The match at `pos` as (end token index, payload); ``format(_:at:_:)`` turns the payload into the same
    /// value ``matches(_:at:numbers:)`` gives, so no `String` is made unless a template needs it.
    func match(_ v: TokenView, at pos: Int, language L: CompiledLanguage, ids m: PatternMatcher.IDs) -> (Int, Int)? {
        let tok = v.toks[pos]
        switch self {
        case .int:
            if let x = v.intValue(pos) { return (pos + 1, x) }
        case .num:
            if let x = v.intValue(pos) { return (pos + 1, x) }
            if let r = Builtin.parseNumber(v, at: pos, L, m) { return r }
        case .year:
            if tok.kind == .number, tok.kLen == 4, let x = v.intValue(pos), (1000...2199).contains(x) { return (pos + 1, x) }
            if tok.kind == .han, let (end, digits, count) = Builtin.hanDigits(v, at: pos, L), count == 4,
               (1000...2199).contains(digits) {
                return (end, digits)
            }
        case .yy:
            if tok.kind == .number, tok.kLen == 2, let x = v.intValue(pos) { return (pos + 1, x) }
        case .month:
            if let (end, x) = Builtin.smallNumber(v, pos, L, m), (1...12).contains(x) { return (end, x) }
        case .day:
            if tok.kind == .mixed, let x = Builtin.ordinalValue(v.key(pos)), (1...31).contains(x) { return (pos + 1, x) }
            if let (end, x) = Builtin.smallNumber(v, pos, L, m), (1...31).contains(x) { return (end, x) }
        case .hour:
            if tok.kind == .number, tok.kLen <= 2, let x = v.intValue(pos), x <= 24 { return (pos + 1, x) }
        case .min:
            if tok.kind == .number, tok.kLen == 2, let x = v.intValue(pos), x <= 59 { return (pos + 1, x) }
        case .decade:
            if tok.kind == .mixed {
                let key = v.key(pos)
                if key.hasSuffix("s"), let d = Builtin.decadeValue(String(key.dropLast())), let x = Int(d) { return (pos + 1, x) }
            } else if tok.kind == .number, pos + 2 < v.count, v.toks[pos + 1].id == m.apostrophe, v.toks[pos + 2].id == m.s,
                      !v.toks[pos + 1].spaceBefore, !v.toks[pos + 2].spaceBefore, let d = Builtin.decadeValue(v.key(pos)),
                      let x = Int(d) {
                return (pos + 3, x)
            }
        case .ordnum:
            if tok.kind == .mixed, let x = Builtin.ordinalValue(v.key(pos)) { return (pos + 1, x) }
        case .hmix:
            if tok.kind == .mixed {
                let key = v.key(pos)
                if key.hasSuffix("am") || key.hasSuffix("pm"), let h = Int(key.dropLast(2)), (1...12).contains(h) {
                    let pm = key.hasSuffix("pm")
                    return (pos + 1, pm ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h))
                }
            }
        case .ymd8:
            if tok.kind == .number, tok.kLen == 8, let x = v.intValue(pos) {
                let d = CalendarDay(year: x / 10000, month: x / 100 % 100, day: x % 100)
                if d.isValid, (1000...2199).contains(d.year) { return (pos + 1, x) }
            }
        case .word:
            if tok.kind == .word { return (pos + 1, 0) }
        }
        return nil
    }

    /// Whether the recogniser `table[index]` can match a token of `kind` (`numberWord`: the token is in the
    /// `number` list): a quick test, true whenever `match` can succeed.
    @inline(__always) static func canStart(_ index: UInt8, _ kind: Token.Kind, _ numberWord: Bool) -> Bool {
        (canStartMasks[Int(kind.rawValue)] >> UInt32(index)) & 1 != 0
            || (numberWord && (numberWordMasks[Int(kind.rawValue)] >> UInt32(index)) & 1 != 0)
    }

    /// The same for a number token with `digits` digits (its key length).
    @inline(__always) static func canStart(_ index: UInt8, digits: Int) -> Bool {
        (digitMasks[Int(index)] >> UInt16(Swift.min(digits, 15))) & 1 != 0
    }

    /// By recogniser: bit `n` set when it can match a number of `n` digits (15: more than 14).
    static let digitMasks: [UInt16] = table.map { b in
        func bits(_ ns: [Int]) -> UInt16 { ns.reduce(0) { $0 | 1 << UInt16($1) } }
        switch b {
        case .int, .num: return bits(Array(1...9))
        case .year: return bits([4])
        case .yy, .min: return bits([2])
        case .hour, .month, .day: return bits([1, 2])
        case .ymd8: return bits([8])
        case .decade: return bits([2, 4])
        case .ordnum, .hmix, .word: return 0
        }
    }

    private static func mask(_ bs: [Builtin]) -> UInt32 { bs.reduce(0) { $0 | 1 << UInt32(table.firstIndex(of: $1)!) } }
    /// By token kind (word, number, mixed, han, punct): the recognisers that may match any such token...
    static let canStartMasks: [UInt32] = [
        mask([.word]), mask(Builtin.allCases.filter { $0 != .ordnum && $0 != .hmix && $0 != .word }),
        mask([.decade, .ordnum, .hmix, .day, .num]), 0, 0,
    ]
    /// ... and those that may match one in the `number` list.
    static let numberWordMasks: [UInt32] = [mask([.num]), 0, 0, mask([.num, .month, .day, .year]), 0]

    /// The value string of a match made by ``match(_:at:language:matcher:)``.
    func format(_ x: Int, at pos: Int, _ v: TokenView) -> String {
        switch self {
        case .int, .num, .year, .hour, .decade, .ordnum, .hmix: return String(x)
        case .yy, .min, .month, .day: return pad2(x)
        case .ymd8: return CalendarDay(year: x / 10000, month: x / 100 % 100, day: x % 100).description
        case .word: return v.key(pos)
        }
    }

    private static func smallNumber(_ v: TokenView, _ pos: Int, _ L: CompiledLanguage, _ m: PatternMatcher.IDs) -> (Int, Int)? {
        let tok = v.toks[pos]
        if tok.kind == .number { return tok.kLen <= 2 ? v.intValue(pos).map { (pos + 1, $0) } : nil }
        if tok.kind == .han, let r = parseNumber(v, at: pos, L, m) { return r }
        return nil
    }

    @inline(__always) private static func numberInfo(_ v: TokenView, _ i: Int, _ L: CompiledLanguage) -> CompiledLanguage.NumberInfo? {
        let id = v.toks[i].id
        guard id >= 0 else { return nil }
        let info = L.numbers[Int(id)]
        return info.present ? info : nil
    }

    /// ``NumberWords/hanDigits(_:at:list:)``: (end, value, digit count).
    static func hanDigits(_ v: TokenView, at pos: Int, _ L: CompiledLanguage) -> (Int, Int, Int)? {
        guard L.hasNumbers else { return nil }
        var i = pos
        var x = 0
        while i < v.count, v.toks[i].kind == .han, i - pos < 8, let info = numberInfo(v, i, L), info.digit >= 0 {
            x = x * 10 + Int(info.digit)
            i += 1
        }
        return i == pos ? nil : (i, x, i - pos)
    }

    /// ``NumberWords/parse(_:at:list:)`` over scanned tokens.
    static func parseNumber(_ v: TokenView, at pos: Int, _ L: CompiledLanguage, _ m: PatternMatcher.IDs) -> (Int, Int)? {
        guard L.hasNumbers, pos < v.count else { return nil }
        let n = v.count
        if let (end, x, count) = hanDigits(v, at: pos, L), count >= 2,
           !(end < n && (numberInfo(v, end, L)?.isMultiplier ?? false)) {
            return (end, x)
        }
        var total = 0, current = 0
        var pending: Int? = nil
        var i = pos
        var end = pos
        while i < n, i - pos < 12 {
            let tok = v.toks[i]
            if i > pos, tok.id == m.dash, !tok.spaceBefore, i + 1 < n, !v.toks[i + 1].spaceBefore,
               pending != nil, v.toks[i - 1].kind == .word {
                i += 1
                continue
            }
            guard tok.kind == .word || tok.kind == .han, let info = numberInfo(v, i, L) else { break }
            if info.isMultiplier {
                guard let mul = info.multiplier, pending != nil || tok.kind == .han || current > 0 else { break }
                if mul >= 1000 {
                    let c = current &+ (pending ?? 0)
                    total = total &+ (c == 0 ? 1 : c) &* mul
                    current = 0
                } else {
                    current = current &+ (pending ?? 1) &* mul
                }
                pending = nil
            } else {
                guard let x = info.int else { break }
                if let p = pending {
                    guard tok.kind == .word, p >= 20, p < 100, p % 10 == 0, x < 10 else { break }
                    pending = p + x
                } else {
                    if tok.kind == .word, current % 100 != 0, current > 0 { break }
                    pending = x
                }
            }
            i += 1
            end = i
        }
        guard end > pos else { return nil }
        return (end, total &+ current &+ (pending ?? 0))
    }
}
