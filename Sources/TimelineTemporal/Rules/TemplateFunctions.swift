import TimelineModel

/// What a template sees while it is evaluated.
struct TemplateContext {
    /// The match's captures (name, value) in the order they were made; the first of a name counts.
    var captures: [(String, String)]
    var dct: CalendarDay?
    /// The scanned tokens of the whole text.
    var v: TokenView
    /// The words the tense heuristic and other functions test, by token id.
    var words: TemplateWords
    var matchStart: Int
    var matchEnd: Int
    /// The years that headings give the sections of the text.
    var sections: SectionYears
    /// Set when a value needed the document creation time and there was none.
    var unresolved = false

    /// The value of the first capture named `name`.
    @inline(__always) func capture(_ name: String) -> String? {
        for (k, v) in captures where k == name { return v }
        return nil
    }
}

/// What template functions look up by token id, made once per tagging call: flags of the vocabulary's
/// keys (``TemplateFunctions/passiveAux``, ``TemplateFunctions/pastAux``, abbreviations, sentence ends,
/// quotation marks, currency signs) and the language's `future` and `past` word lists (-1: none), whose
/// entries' values are classified in `valueKinds`.
struct TemplateWords {
    var flags: UnsafeBufferPointer<UInt8>
    var flat: CompiledLanguage.FlatLists
    var valueKinds: UnsafeBufferPointer<UInt8>
    var vocabCount: Int
    var future: Int32
    var past: Int32
    var dot: Int32, apostrophe: Int32, backtick: Int32

    static let passive: UInt8 = 1, pastAux: UInt8 = 2, abbreviation: UInt8 = 4, sentenceEnd: UInt8 = 8,
               quote: UInt8 = 16, currency: UInt8 = 32

    /// Value kinds of word-list entries: other, `prep`, `prep-month`, another `prep…`, `present`.
    static let other: UInt8 = 0, prep: UInt8 = 1, prepMonth: UInt8 = 2, prepOther: UInt8 = 3, present: UInt8 = 4

    static func valueKind(_ value: String) -> UInt8 {
        if value == "prep" { return prep }
        if value == "prep-month" { return prepMonth }
        if value.hasPrefix("prep") { return prepOther }
        if value == "present" { return present }
        return other
    }

    /// The keys whose flags are set, to be added to the vocabulary.
    static var flaggedKeys: Set<String> {
        TemplateFunctions.passiveAux.union(TemplateFunctions.pastAux).union(TemplateFunctions.abbreviations)
            .union(PatternMatcher.sentenceEnds).union(TemplateFunctions.quoteKeys).union(TaggingRun.currency)
            .union([".", "'", "`"])
    }

    /// The flags of every vocabulary id.
    static func flags(_ vocab: Vocabulary) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: vocab.count)
        func mark(_ keys: Set<String>, _ bit: UInt8) {
            for k in keys { let id = vocab.id(of: k); if id >= 0 { f[Int(id)] |= bit } }
        }
        mark(TemplateFunctions.passiveAux, passive)
        mark(TemplateFunctions.pastAux, pastAux)
        mark(TemplateFunctions.abbreviations, abbreviation)
        mark(PatternMatcher.sentenceEnds, sentenceEnd)
        mark(TemplateFunctions.quoteKeys, quote)
        mark(TaggingRun.currency, currency)
        return f
    }

    @inline(__always) func has(_ id: Int32, _ bit: UInt8) -> Bool { id >= 0 && flags[Int(id)] & bit != 0 }
}

extension CompiledLanguage {
    /// Calls `body` with this language's ``TemplateWords`` (valid only inside `body`).
    func withTemplateWords<R>(_ ids: TaggingRun.SpecialIDs, vocabCount: Int, _ body: (TemplateWords) -> R) -> R {
        withFlatLists { flat in
            valueKinds.withUnsafeBufferPointer { valueKinds in
                ids.templateFlags.withUnsafeBufferPointer { flags in
                    body(TemplateWords(flags: flags, flat: flat, valueKinds: valueKinds, vocabCount: vocabCount,
                                       future: futureList, past: pastList, dot: ids.dot, apostrophe: ids.apostrophe,
                                       backtick: ids.backtick))
                }
            }
        }
    }
}

/// The functions a template may call. All date arithmetic is relative to the document creation
/// time (DCT); without one the result keeps `X` placeholders (`XXXX-XX-XX`) and marks the
/// context unresolved, so no EDTF is derived. The machine clock is never used.
///
/// | call | meaning | example (DCT 2013-03-22) |
/// | --- | --- | --- |
/// | `{ref:UNIT:OFF}` | the DCT's UNIT shifted by OFF, at UNIT granularity | `{ref:week:-1}` → `2013-W11` |
/// | `{dur:N:UNIT}` | a duration | `{dur:3:hour}` → `PT3H` |
/// | `{span:UNIT:N}` | EDTF interval of the last N UNITs up to the DCT | `{span:decade:1}` → `2003/2013` |
/// | `{weekday:W}` / `{weekday:W:-1}` / `{weekday:W:past}` | a weekday near the DCT (tense heuristic / last / next / on or before) | `{weekday:5}` → `2013-03-22` |
/// | `{yearfor:KIND:N}` / `{yearfor:KIND:N:DIR}` | the year of month/quarter/season N near the DCT: by tense, or the last (-1), this (0), next (1) | `{yearfor:month:12}` → `2012` in a past-tense sentence |
/// | `{weekend:}` | the weekend near the DCT: the last one in a past-tense sentence, else this one | `{weekend:}` → `2013-W12-WE` |
/// | `{when:X:LO:HI}` | nothing when LO ≤ X ≤ HI, else the rule does not apply | `{when:num:1:999}{dur:num:unit}` |
/// | `{seen:W1/W2:N}` | nothing when one of the words occurs in the N tokens before the match, else the rule does not apply | `{seen:quarter:400}{ref:quarter:-5}` |
/// | `{inyear:Y:UNIT:OFF}` | like `ref`, but in year Y | `{inyear:1988:quarter:-1}` → `1988-Q4` |
/// | `{anchor:year:OFF}` / `{anchor:year:OFF:only}` | the year last written in digits in the 300 tokens before the match, shifted by OFF (else the DCT's; with `only`, else the rule does not apply) | `On May 22, 1995, … {anchor:year:1}` → `1996` |
/// | `{quarters:N}` | months in N quarters | `{quarters:3}` → `9` |
/// | `{half:N:UNIT}` | a duration of N and a half UNITs (N may be 0), in whole smaller units | `{half:5:hour}` → `PT5H30M` |
/// | `{weekof:M:D}` / `{weekof:M:D:Y}` | the ISO week of day D of month M (in year Y, else the year as for a month name) | `{weekof:03:06:2000}` → `2000-W10` |
/// | `{holiday:H}` | a holiday near the DCT (year by tense): H is `MM-DD`, `MM/N/W` (Nth weekday W, N = -1 for the last) or `MM-DD/W` (the first weekday W on or after MM-DD) | `{holiday:11/4/4}` → `2012-11-22` |
/// | `{prev:UNIT:OFF}` | UNIT (`day`, `month`, `week`, `quarter`) of the expression told last, shifted by OFF; no expression when none fits (see ``AnaphoricValue``) | `In March 1989 … {prev:month:1}` → `1989-04` |
/// | `{monthday:D}` | day D of the DCT's month; a later day is last month's unless the sentence is in the future, an earlier one next month's if it is | `{monthday:20}` → `2013-02-20` |
/// | `{weekin:W:OFF}` | weekday W (1 = Monday) of the week OFF weeks from the DCT's (weeks run Monday to Sunday) | `{weekin:5:-1}` → `2013-03-15` |
/// | `{sectionyear:}` | the year the heading of the match's section names (`## 2019`, see ``SectionYears``), else the DCT's | `## 2019` … `{sectionyear:}` → `2019` |
/// | `{yy:Y}` | two-digit year to four digits, pivoting on the DCT | `{yy:89}` → `1989` |
/// | `{yearafter:Y1:Y2}` | the year ending in Y2 that follows Y1 (≤ 20 years later) | `{yearafter:1971:72}` → `1972` |
/// | `{century:N}` | ordinal century to TIMEX (`19th` → `18`) | `{century:19}` → `18` |
/// | `{cdecade:C:D}` | decade D (`60`) of century C (`19`) | `{cdecade:19:60}` → `196` |
/// | `{odecade:N:D}` | decade D (`70`) of the Nth century (`20`) | `{odecade:20:70}` → `197` |
/// | `{tens:D}` | the tens digit of a round decade number | `{tens:60}` → `6` |
/// | `{h24:H:AMPM}` | 12-hour clock to 24-hour, two digits | `{h24:5:pm}` → `17` |
/// | `{pad2:X}` | zero-pad to two digits | `{pad2:5}` → `05` |
/// | `{or:X:DEFAULT}` | X when captured, else DEFAULT | `{or:min:00}` |
/// | `{between:X:LO:HI}` | X when LO ≤ X ≤ HI, else the rule does not apply | `{between:q:1:4}` |
enum TemplateFunctions {
    /// The functions, by the name a template calls them with.
    enum Function: String, CaseIterable, Sendable {
        case ref, dur, span, weekday, yy, yearafter, century, cdecade, h24, pad2, or, between, odecade, tens, yearfor,
             holiday, quarters, when, weekend, seen, inyear, anchor, half, weekof, weekin, prev, monthday, sectionyear
    }

    static let names: Set<String> = Set(Function.allCases.map(\.rawValue))

    static let units: Set<String> = ["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century",
                                     "hour", "minute", "second"]

    static func call(_ fn: Function, _ args: [TemplateArgument], _ ctx: inout TemplateContext) -> String? {
        func arg(_ i: Int) -> String? { i < args.count ? args[i].value(ctx) : nil }
        // Unit and kind arguments are literal when they name a unit, else a capture holding one.
        func unitArg(_ i: Int) -> String? {
            guard i < args.count else { return nil }
            return args[i].isUnit ? args[i].raw : args[i].value(ctx)
        }
        func int(_ i: Int) -> Int? { i < args.count ? args[i].int(ctx) : nil }
        switch fn {
        case .ref:
            guard let unit = unitArg(0), let off = int(1) else { return nil }
            return ref(unit: unit, offset: off, &ctx)
        case .dur:
            guard let n = arg(0), let unit = unitArg(1) else { return nil }
            return duration(n, unit)
        case .span:
            guard let unit = unitArg(0), let n = int(1) else { return nil }
            return span(unit: unit, n: n, &ctx)
        case .yearfor:
            guard let kind = args.first?.raw, let v = arg(1) else { return nil }
            return yearFor(kind: kind, value: v, direction: args.count > 2 ? int(2) : nil, &ctx)
        case .weekend:
            // The weekend before the DCT in a past-tense sentence, else the coming one (or the current one).
            guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX-WXX-WE" }
            let saturday = tense(ctx) < 0 && d.weekday < 6 ? d.adding(days: -(d.weekday + 1)) : d.adding(days: 6 - d.weekday)
            return isoWeek(saturday) + "-WE"
        case .when:
            guard let v = int(0), let lo = int(1), let hi = int(2), v >= lo, v <= hi else { return nil }
            return ""
        case .seen:
            guard args.count == 2, let n = Int(args[1].raw), n > 0 else { return nil }
            let words = args[0].words
            var i = ctx.matchStart - 1
            while i >= 0 && i >= ctx.matchStart - n {
                for w in words where ctx.v.keyEquals(i, w) { return "" }
                i -= 1
            }
            return nil
        case .inyear:
            guard let y = int(0), (1000...2199).contains(y), let unit = unitArg(1), let off = int(2),
                  let r = ref(unit: unit, offset: off, &ctx) else { return nil }
            guard r.count > 4, let dash = r.firstIndex(of: "-") else { return year4(y) }
            return year4(y) + r[dash...]
        case .anchor:
            guard args.first?.raw == "year", let off = int(1) else { return nil }
            var i = ctx.matchStart - 1
            while i >= 0 && i >= ctx.matchStart - 300 {
                if let y = writtenYear(ctx, i) { return year4(y + off) }
                i -= 1
            }
            // `only`: no year written before the match, no value (the rule does not apply).
            if args.count > 2, args[2].raw == "only" { return nil }
            return ref(unit: "year", offset: off, &ctx)
        case .quarters:
            guard let n = int(0), n > 0, n < 100 else { return nil }
            return String(3 * n)
        case .half:
            guard let n = int(0), n >= 0, n < 10000, let unit = unitArg(1) else { return nil }
            return halfDuration(n, unit)
        case .weekof:
            guard let m = int(0), (1...12).contains(m), let day = int(1), (1...31).contains(day) else { return nil }
            let y: Int
            if args.count > 2 {
                guard let v = int(2) else { return nil }
                y = v
            } else {
                guard let ys = yearFor(kind: "month", value: String(m), direction: nil, &ctx) else { return nil }
                guard let v = Int(ys) else { return "XXXX-WXX" }
                y = v
            }
            let d = CalendarDay(year: y, month: m, day: day)
            return d.isValid ? isoWeek(d) : nil
        case .holiday:
            guard let h = arg(0) else { return nil }
            return holiday(h, &ctx)
        case .weekday:
            guard let w = int(0), (1...7).contains(w) else { return nil }
            if args.count > 1, args[1].raw == "past" || args[1].raw == "future" {
                return weekday(w, onOrAfter: args[1].raw == "future", &ctx)
            }
            return weekday(w, direction: args.count > 1 ? int(1) : nil, &ctx)
        case .prev:
            guard let unit = unitArg(0), AnaphoricValue.units.contains(unit), let off = int(1), abs(off) < 100 else { return nil }
            ctx.unresolved = true  // no EDTF until the value is resolved (AnaphoricValue.resolve)
            return AnaphoricValue.marked(unit: unit, offset: off)
        case .sectionyear:
            if let y = sectionYear(ctx) { return year4(y) }
            return ref(unit: "year", offset: 0, &ctx)
        case .monthday:
            guard let day = int(0), (1...31).contains(day) else { return nil }
            guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX-XX-" + pad2(day) }
            // The day of the DCT's month; a later day is last month's unless the sentence speaks of the future,
            // an earlier one next month's if it does.
            var m = d.year * 12 + d.month - 1
            if day > d.day, tense(ctx) <= 0 { m -= 1 } else if day < d.day, tense(ctx) > 0 { m += 1 }
            let date = CalendarDay(year: floorDiv(m, 12), month: m - floorDiv(m, 12) * 12 + 1, day: day)
            return date.isValid ? date.description : nil
        case .weekin:
            guard let w = int(0), (1...7).contains(w), let off = int(1), abs(off) < 1000 else { return nil }
            guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX-XX-XX" }
            return d.adding(days: 7 * off + w - d.weekday).description
        case .yy:
            guard let y = int(0), (0...99).contains(y) else { return nil }
            let pivot = ctx.dct.map { $0.year % 100 + 10 } ?? 50
            let century = ctx.dct.map { $0.year / 100 } ?? 20
            return String((y <= pivot ? century : century - 1) * 100 + y)
        case .yearafter:
            guard let y1 = int(0), let y2 = int(1), (0...99).contains(y2) else { return nil }
            var y = y1 / 100 * 100 + y2
            if y <= y1 { y += 100 }
            return y - y1 <= 20 ? String(y) : nil
        case .century:
            guard let n = int(0), (1...30).contains(n) else { return nil }
            return pad2(n - 1)
        case .cdecade:
            guard let c = int(0), let d = int(1), (0...99).contains(c) else { return nil }
            if d >= 1000, d % 10 == 0 { return String(d / 10) }
            guard (0...90).contains(d), d % 10 == 0 else { return nil }
            return pad2(c) + String(d / 10)
        case .odecade:
            guard let n = int(0), (1...30).contains(n), let d = int(1), (0...90).contains(d), d % 10 == 0 else { return nil }
            return pad2(n - 1) + String(d / 10)
        case .tens:
            guard let d = int(0), (0...90).contains(d), d % 10 == 0 else { return nil }
            return String(d / 10)
        case .h24:
            guard let h = int(0), (1...12).contains(h), let ampm = arg(1) else { return nil }
            let pm = ampm.lowercased().hasPrefix("p")
            return pad2(pm ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h))
        case .pad2:
            guard let v = int(0) else { return nil }
            return pad2(v)
        case .or:
            if let name = args.first?.raw, let v = ctx.capture(name) { return v }
            return args.count > 1 ? args[1].raw : ""
        case .between:
            guard let v = int(0), let lo = int(1), let hi = int(2), v >= lo, v <= hi else { return nil }
            return String(v)
        }
    }

    // MARK: - Date arithmetic

    static func ref(unit: String, offset: Int, _ ctx: inout TemplateContext) -> String? {
        guard let d = ctx.dct else {
            ctx.unresolved = true
            switch unit {
            case "day", "hour", "minute", "second": return "XXXX-XX-XX"
            case "week": return "XXXX-WXX"
            case "weekend": return "XXXX-WXX-WE"
            case "month": return "XXXX-XX"
            case "quarter": return "XXXX-QX"
            case "half": return "XXXX-HX"
            case "year": return "XXXX"
            case "decade": return "XXX"
            case "century": return "XX"
            default: return nil
            }
        }
        return ref(unit: unit, offset: offset, from: d)
    }

    /// `unit` of the day `d` shifted by `offset` units, at that unit's granularity (`month`, +1 from
    /// 1989-03-15: `1989-04`).
    @inline(__always) static func ref(unit: String, offset: Int, from d: CalendarDay) -> String? {
        switch unit {
        case "day": return d.adding(days: offset).description
        case "hour", "minute", "second": return d.description
        case "week": return isoWeek(d.adding(days: 7 * offset))
        case "weekend": return isoWeek(d.adding(days: 7 * offset)) + "-WE"
        case "month":
            let m = d.year * 12 + d.month - 1 + offset
            return "\(year4(floorDiv(m, 12)))-\(pad2(m - floorDiv(m, 12) * 12 + 1))"
        case "quarter":
            let q = d.year * 4 + (d.month - 1) / 3 + offset
            return "\(year4(floorDiv(q, 4)))-Q\(q - floorDiv(q, 4) * 4 + 1)"
        case "half":
            let h = d.year * 2 + (d.month - 1) / 6 + offset
            return "\(year4(floorDiv(h, 2)))-H\(h - floorDiv(h, 2) * 2 + 1)"
        case "year": return year4(d.year + offset)
        case "decade": return pad(floorDiv(d.year, 10) + offset, 3)
        case "century": return pad2(floorDiv(d.year, 100) + offset)
        default: return nil
        }
    }

    static func duration(_ n: String, _ unit: String) -> String? {
        let count = Int(n)
        if n != "X" && count == nil { return nil }
        func times(_ k: Int, _ letter: String) -> String { count.map { "P\($0 * k)\(letter)" } ?? "PX\(letter)" }
        switch unit {
        case "year": return times(1, "Y")
        case "month": return times(1, "M")
        case "week": return times(1, "W")
        case "day": return times(1, "D")
        case "weekend": return times(1, "WE")
        case "quarter": return times(1, "Q")
        case "half": return count.map { "P\($0 * 6)M" } ?? "PXM"
        case "decade": return count.map { "P\($0 * 10)Y" } ?? "PXDE"
        case "century": return count.map { "P\($0 * 100)Y" } ?? "PXCE"
        case "hour": return "PT" + (count.map(String.init) ?? "X") + "H"
        case "minute": return "PT" + (count.map(String.init) ?? "X") + "M"
        case "second": return "PT" + (count.map(String.init) ?? "X") + "S"
        default: return nil
        }
    }

    /// N and a half units as a TIMEX3 duration in whole units: the half goes to the next smaller unit
    /// (`P2Y6M`, `PT5H30M`, `P1DT12H`); decades and centuries stay in years (`P25Y`).
    static func halfDuration(_ n: Int, _ unit: String) -> String? {
        func join(_ big: String, _ small: String) -> String { n > 0 ? big + small : small }
        switch unit {
        case "year": return "P" + join("\(n)Y", "6M")
        case "half": return "P\(6 * n + 3)M"
        case "quarter": return "P\(3 * n + 1)M15D"
        case "month": return "P" + join("\(n)M", "15D")
        case "week": return n > 0 ? "P\(7 * n + 3)DT12H" : "P3DT12H"
        case "day": return "P" + join("\(n)D", "T12H")
        case "decade": return "P\(10 * n + 5)Y"
        case "century": return "P\(100 * n + 50)Y"
        case "hour": return "PT" + join("\(n)H", "30M")
        case "minute": return "PT" + join("\(n)M", "30S")
        default: return nil
        }
    }

    static func span(unit: String, n: Int, _ ctx: inout TemplateContext) -> String? {
        guard let d = ctx.dct else { ctx.unresolved = true; return "" }
        switch unit {
        case "year": return "\(year4(d.year - n))/\(year4(d.year))"
        case "decade": return "\(year4(d.year - 10 * n))/\(year4(d.year))"
        case "century": return "\(year4(d.year - 100 * n))/\(year4(d.year))"
        case "month", "quarter", "half":
            let k = unit == "month" ? 1 : unit == "quarter" ? 3 : 6
            let m = d.year * 12 + d.month - 1 - k * n
            return "\(year4(floorDiv(m, 12)))-\(pad2(m - floorDiv(m, 12) * 12 + 1))/\(year4(d.year))-\(pad2(d.month))"
        case "week", "day", "weekend":
            let days = unit == "day" ? n : 7 * n
            return "\(d.adding(days: -days))/\(d)"
        default: return nil
        }
    }

    static func weekday(_ w: Int, direction: Int?, _ ctx: inout TemplateContext) -> String {
        guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX-WXX-\(w)" }
        let dw = d.weekday
        switch direction {
        case .some(let dir) where dir < 0:
            var back = (dw - w + 7) % 7
            if back == 0 { back = 7 }
            return d.adding(days: -back).description
        case .some(let dir) where dir > 0:
            var ahead = (w - dw + 7) % 7
            if ahead == 0 { ahead = 7 }
            return d.adding(days: ahead).description
        case .some:
            return d.adding(days: w - dw).description
        case .none:
            if isFutureContext(ctx) { return d.adding(days: (w - dw + 7) % 7).description }
            return d.adding(days: -((dw - w + 7) % 7)).description
        }
    }

    /// The weekday on or before the DCT (`past`) or on or after it (`future`), whatever the tense.
    static func weekday(_ w: Int, onOrAfter: Bool, _ ctx: inout TemplateContext) -> String {
        guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX-WXX-\(w)" }
        let dw = d.weekday
        return onOrAfter ? d.adding(days: (w - dw + 7) % 7).description : d.adding(days: -((dw - w + 7) % 7)).description
    }

    /// Whether the sentence around the match speaks of the future (`will`, `'ll`...).
    static func isFutureContext(_ ctx: TemplateContext) -> Bool { tense(ctx) == 1 }

    /// The tense of the sentence around the match: 1 future, -1 past, 0 unknown.
    ///
    /// First, a cue just before the match decides: an entry of the `future`/`past` word list whose value is
    /// `prep` counts only when it ends at most one token before the match (`by [May]`, `until [Friday]`,
    /// `since the [Oct. 23] slaying`); one whose value is `prep-month` only for months, seasons and quarters
    /// (`monthCues`: `by [May]` is future, `had filed by [Wednesday]` is not). Otherwise the tense marker nearest to the match decides (`said
    /// Wednesday` is past even if the sentence goes on with `will`): entries of the `future` and `past`
    /// lists (an entry whose value is `present`, like `is`, marks the present and leaves the tense unknown),
    /// and English words ending in `-ed` unless an auxiliary makes them passive or infinitive (`will be
    /// named`, `is expected`). Looks up to 25 tokens back and 12 ahead, within the sentence (a full stop
    /// after an abbreviation such as `Mr.` or `P.` does not end it).
    static func tense(_ ctx: TemplateContext, monthCues: Bool = false) -> Int {
        let v = ctx.v, w = ctx.words
        // Cues right before the match.
        var k = ctx.matchStart - 1
        while k >= 0 && k >= ctx.matchStart - 4 {
            if isSentenceEnd(v, w, k) { break }
            if let x = listValue(w, w.future, v, k, endingBy: ctx.matchStart),
               x == TemplateWords.prep || (x == TemplateWords.prepMonth && monthCues) { return 1 }
            if let x = listValue(w, w.past, v, k, endingBy: ctx.matchStart),
               x == TemplateWords.prep || (x == TemplateWords.prepMonth && monthCues) { return -1 }
            k -= 1
        }
        var back = ctx.matchStart - 1, ahead = ctx.matchEnd
        var backOpen = true, aheadOpen = true
        for step in 1...25 {
            if backOpen {
                if back < 0 || isSentenceEnd(v, w, back) || isQuote(v, w, back) { backOpen = false } else {
                    let m = marker(ctx, back)
                    if m != 2 { return m }
                    back -= 1
                }
            }
            if aheadOpen && step <= 12 {
                if ahead >= v.count || isSentenceEnd(v, w, ahead) || isQuote(v, w, ahead) { aheadOpen = false } else {
                    let m = marker(ctx, ahead)
                    if m != 2 { return m }
                    ahead += 1
                }
            }
            if !backOpen && !aheadOpen { break }
        }
        return 0
    }

    /// The tense marker at token `i` (1 future, -1 past, 0 present), 2 for none: entries of the `future` and
    /// `past` lists, and words ending in `-ed` (see ``tense(_:monthCues:)``).
    @inline(__always)
    private static func marker(_ ctx: TemplateContext, _ i: Int) -> Int {
        let v = ctx.v, w = ctx.words
        let t = v.toks[i]
        if t.id >= 0 {
            for pass in 0..<2 {
                let list = pass == 0 ? w.future : w.past, dir = pass == 0 ? 1 : -1
                guard list >= 0 else { continue }
                let r = w.flat.range(list, t.id)
                guard r.count > 0 else { continue }
                for ei in Int(r.start)..<Int(r.start + r.count) {
                    let e = w.flat.entries[ei]
                    guard let end = entryEnd(w, v, e, i) else { continue }
                    guard end <= ctx.matchStart || i >= ctx.matchEnd else { continue }
                    let kind = w.valueKinds[Int(e.value)]
                    if kind == TemplateWords.prep || kind == TemplateWords.prepMonth || kind == TemplateWords.prepOther { continue }
                    if kind == TemplateWords.present { return 0 }
                    // A participle after an auxiliary (`will be paid`) is no past tense.
                    if dir < 0, end == i + 1, i > 0, w.has(v.toks[i - 1].id, TemplateWords.passive) { return 2 }
                    // A plan in the past perfect (`had been due`, `as previously planned`) is past.
                    if dir > 0, (1...2).contains(where: { i - $0 >= 0 && w.has(v.toks[i - $0].id, TemplateWords.pastAux) }) { return -1 }
                    return dir
                }
            }
        }
        if t.kind == .word, !t.capitalized, t.kLen > 4, endsInED(v, i) {
            if i > 0, w.has(v.toks[i - 1].id, TemplateWords.passive) { return 2 }
            return -1
        }
        return 2
    }

    /// Whether token `i`'s key ends in `ed` (as `String.hasSuffix`).
    @inline(__always) private static func endsInED(_ v: TokenView, _ i: Int) -> Bool {
        let t = v.toks[i]
        if t.flags & STok.arena != 0 { return v.key(i).hasSuffix("ed") }
        let n = Int(t.kLen)
        return v.keyByte(i, n - 2) == 0x65 && v.keyByte(i, n - 1) == 0x64
    }

    /// Where list entry `e` ends when it matches at token `i` (its first token does), or nil.
    @inline(__always)
    private static func entryEnd(_ w: TemplateWords, _ v: TokenView, _ e: CompiledLanguage.FlatEntry, _ i: Int) -> Int? {
        let len = Int(e.idCount)
        let end = i + len
        if end > v.count { return nil }
        var j = 1
        while j < len {
            if v.toks[i + j].id != w.flat.ids[Int(e.idStart) + j] { return nil }
            j += 1
        }
        return end
    }

    /// The value kind of the longest `list` entry starting at token `i` and ending within one token of `limit`.
    private static func listValue(_ w: TemplateWords, _ list: Int32, _ v: TokenView, _ i: Int, endingBy limit: Int) -> UInt8? {
        let id = v.toks[i].id
        guard list >= 0, id >= 0 else { return nil }
        let r = w.flat.range(list, id)
        guard r.count > 0 else { return nil }
        for ei in Int(r.start)..<Int(r.start + r.count) {
            let e = w.flat.entries[ei]
            guard let end = entryEnd(w, v, e, i), end <= limit && end >= limit - 1 else { continue }
            return w.valueKinds[Int(e.value)]
        }
        return nil
    }

    /// Words before an `-ed` form that make it passive or infinitive rather than past (`will be named`).
    static let passiveAux: Set<String> = ["be", "been", "being", "is", "are", "am", "to", "will", "would", "get", "gets"]

    /// Whether token `i` is a quotation mark (`"`, `“`, `”`, two backticks or two apostrophes): the tense
    /// inside a quotation is not decided by the verb that reports it (`"He will leave Thursday," Castro said`).
    static func isQuote(_ v: TokenView, _ w: TemplateWords, _ i: Int) -> Bool {
        let id = v.toks[i].id
        if w.has(id, TemplateWords.quote) { return true }
        guard id >= 0, id == w.apostrophe || id == w.backtick else { return false }
        if i + 1 < v.count, v.toks[i + 1].id == id, !v.toks[i + 1].spaceBefore { return true }
        if i > 0, v.toks[i - 1].id == id, !v.toks[i].spaceBefore { return true }
        return false
    }

    /// Single-token quotation marks (`"`, `“`, `”`).
    static let quoteKeys: Set<String> = ["\"", "“", "”"]

    /// Words before a future word that put the plan in the past (`had been due`, `previously planned`).
    static let pastAux: Set<String> = ["had", "been", "previously", "originally"]

    /// Words a full stop follows in abbreviations rather than at the end of a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "sen", "rep",
        "gov", "pres", "prof", "rev", "messrs", "corp", "inc", "co", "ltd", "bros", "vs", "no", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "calif", "ariz", "fla", "ind",
        "ore", "mass", "conn", "wash", "mich", "wis", "ill", "tenn", "ky", "va", "pa", "penn", "okla", "tex", "colo",
        "ga", "ala", "md", "minn", "neb", "nev", "del",
    ]

    /// Whether token `i` ends a sentence: `.` `!` `?` `;` (and Chinese ones), but not the full stop of an
    /// abbreviation (`Mr.`, `P.`, `Corp.`) or one followed by a lower-case word.
    static func isSentenceEnd(_ v: TokenView, _ w: TemplateWords, _ i: Int) -> Bool {
        let t = v.toks[i]
        guard w.has(t.id, TemplateWords.sentenceEnd) else { return false }
        guard t.id == w.dot, i > 0 else { return true }
        let p = v.toks[i - 1]
        if p.kind == .word, !t.spaceBefore, isOneCharacter(v, i - 1) || w.has(p.id, TemplateWords.abbreviation) { return false }
        if i + 1 < v.count, v.toks[i + 1].kind == .word, !v.toks[i + 1].capitalized { return false }
        return true
    }

    /// Whether token `i`'s key is one `Character`.
    @inline(__always) private static func isOneCharacter(_ v: TokenView, _ i: Int) -> Bool {
        let t = v.toks[i]
        if t.flags & STok.arena != 0 { return v.key(i).count == 1 }
        return t.kLen == 1
    }

    /// A fixed (`12-25`) or floating (`11/4/4`: fourth Thursday of November; `05/-1/1`: last Monday of May)
    /// holiday, in the year chosen as for a month name.
    static func holiday(_ spec: String, _ ctx: inout TemplateContext) -> String? {
        // `MM-DD/W`: the first weekday W on or after MM-DD (`11-02/2`, US Election Day).
        let parts = spec.split(separator: "/")
        let after = parts.count == 2 ? parts[0].split(separator: "-").compactMap { Int($0) } : []
        if after.count == 2, let w = Int(parts[1]), (1...7).contains(w) {
            guard (1...12).contains(after[0]),
                  let ys = yearFor(kind: "month", value: String(after[0]), direction: nil, newsPrior: false, &ctx) else {
                return nil
            }
            guard let y = Int(ys) else { return "XXXX-\(pad2(after[0]))-XX" }
            let start = CalendarDay(year: y, month: after[0], day: after[1])
            guard start.isValid else { return nil }
            return start.adding(days: (w - start.weekday + 7) % 7).description
        }
        let fixed = spec.split(separator: "-").compactMap { Int($0) }
        let floating = spec.split(separator: "/").compactMap { Int($0) }
        let month = fixed.count == 2 ? fixed[0] : floating.count == 3 ? floating[0] : 0
        guard (1...12).contains(month),
              let ys = yearFor(kind: "month", value: String(month), direction: nil, newsPrior: false, &ctx) else {
            return nil
        }
        guard let y = Int(ys) else { return "XXXX-\(pad2(month))-" + (fixed.count == 2 ? pad2(fixed[1]) : "XX") }
        if fixed.count == 2 {
            let d = CalendarDay(year: y, month: month, day: fixed[1])
            return d.isValid ? d.description : nil
        }
        let (n, w) = (floating[1], floating[2])
        guard (1...7).contains(w), n != 0, abs(n) <= 5 else { return nil }
        if n > 0 {
            let first = CalendarDay(year: y, month: month, day: 1)
            let d = first.adding(days: (w - first.weekday + 7) % 7 + 7 * (n - 1))
            return d.month == month ? d.description : nil
        }
        let last = CalendarDay(year: y, month: month, day: CalendarDay.daysIn(month: month, year: y))
        return last.adding(days: -((last.weekday - w + 7) % 7)).description
    }

    /// The year token `i` writes in digits (four digits, 1000–2199, no currency sign before it), if it is one.
    static func writtenYear(_ ctx: TemplateContext, _ i: Int) -> Int? {
        let t = ctx.v.toks[i]
        guard t.kind == .number, t.kLen == 4, let y = ctx.v.intValue(i), (1000...2199).contains(y),
              i == 0 || !ctx.words.has(ctx.v.toks[i - 1].id, TemplateWords.currency) else { return nil }
        return y
    }

    /// The year last written in digits before the match within its sentence and paragraph (a heading has no
    /// full stop) and at most 15 tokens back (a year further back belongs to another clause as often as
    /// not), if any.
    static func sentenceYear(_ ctx: TemplateContext) -> Int? {
        var i = ctx.matchStart - 1
        while i >= 0 && i >= ctx.matchStart - 15 {
            // A semicolon joins clauses of one story (`… migrated on 30 May 2024; the old cluster was switched off
            // on June 3`).
            if isSentenceEnd(ctx.v, ctx.words, i) && !(ctx.v.toks[i].kLen == 1 && ctx.v.keyByte(i, 0) == 0x3B) { return nil }
            if ctx.v.blankLineBefore(i + 1) { return nil }
            if let y = writtenYear(ctx, i) { return y }
            i -= 1
        }
        return nil
    }

    /// The year the heading of the match's section gives (see ``SectionYears``), if any.
    static func sectionYear(_ ctx: TemplateContext) -> Int? {
        ctx.sections.year(at: Int(ctx.v.toks[ctx.matchStart].bStart), ctx.v)
    }

    /// The year for a month (1–12), quarter (1–4), half (1–2) or season (`SP`…`WI`) named without one.
    static func yearFor(kind: String, value: String, direction: Int?, newsPrior: Bool = true,
                        _ ctx: inout TemplateContext) -> String? {
        let periods: Int, target: Int
        switch kind {
        case "month": periods = 12; target = Int(value) ?? 0
        case "quarter": periods = 4; target = Int(value) ?? 0
        case "half": periods = 2; target = Int(value) ?? 0
        case "season":
            periods = 4
            target = ["SP": 1, "SU": 2, "FA": 3, "WI": 4][value] ?? 0
        default: return nil
        }
        guard (1...periods).contains(target) else { return nil }
        // A month told shortly after a year in the same sentence (`in 1969, when clashes broke out on 2 March`)
        // is of that year, unless the sentence speaks of the future (`invited in July 1997, will join on
        // March 12`).
        if kind == "month", direction == nil, let y = sentenceYear(ctx), tense(ctx, monthCues: true) <= 0 {
            return year4(y)
        }
        // Under a heading that names a year (`## 2019`), that year.
        if direction == nil, let y = sectionYear(ctx) { return year4(y) }
        guard let d = ctx.dct else { ctx.unresolved = true; return "XXXX" }
        let current: Int
        switch kind {
        case "month": current = d.month
        case "quarter": current = (d.month - 1) / 3 + 1
        case "half": current = (d.month - 1) / 6 + 1
        default: current = d.month == 12 ? 4 : d.month < 3 ? 0 : (d.month - 3) / 3 + 1  // winter straddles years
        }
        var y = d.year
        if kind == "month" && direction == nil && newsPrior {
            // News speaks of the coming month or two, and of the months before: a month up to two months
            // ahead of the DCT's is the coming one whatever the tense (which is then not looked for); one
            // five or more ahead is last year's unless the sentence is in the future; in between the tense
            // decides (unknown: the coming one).
            let ahead = (target - current + 12) % 12
            var forward = true
            if ahead > 2 {
                let dir = tense(ctx, monthCues: true)
                forward = ahead <= 4 ? dir >= 0 : dir > 0
            }
            if forward { return year4(target < current ? y + 1 : y) }
            return year4(target > current ? y - 1 : y)
        }
        let dir = direction ?? tense(ctx, monthCues: true)
        switch dir {
        case ..<0 where direction != nil: if target >= current { y -= 1 }   // "last May": strictly before
        case ..<0: if target > current { y -= 1 }                           // past tense: on or before
        case 1... where direction == nil && (kind == "quarter" || kind == "half"): break  // quarters reported on: this year
        case 1...: if target < current || (direction != nil && target == current) { y += 1 }
        default:
            if direction != nil || kind == "quarter" || kind == "half" { break }  // "this May"; quarters: this year
            if target - current > periods / 2 { y -= 1 } else if current - target > periods / 2 { y += 1 }
        }
        return year4(y)
    }

    static func isoWeek(_ d: CalendarDay) -> String {
        let thursday = d.adding(days: 4 - d.weekday)
        let jan1 = CalendarDay(year: thursday.year, month: 1, day: 1)
        let week = (thursday.dayNumber - jan1.dayNumber) / 7 + 1
        return "\(year4(thursday.year))-W\(pad2(week))"
    }

    static func year4(_ y: Int) -> String { pad(y, 4) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
