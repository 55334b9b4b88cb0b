import TimelineModel

/// Values counted from the expression the text told last, as TimeML anchors them (`anchorTimeID`), never from
/// the DCT: `The following month` after `March 1989` is `1989-04`. A template asks for one with
/// `{prev:UNIT:OFF}`, which makes a marked value; ``TaggingRun`` resolves the marked values once the expressions
/// are chosen, in text order. An expression with nothing before it to count from is dropped: no guess.
enum AnaphoricValue {
    /// The units a value can be counted in from an earlier one.
    static let units: Set<String> = ["day", "month", "week", "quarter"]

    /// How a marked value starts (no TIMEX3 value does).
    static let marker = "PREV:"

    static func marked(unit: String, offset: Int) -> String { "\(marker)\(unit):\(offset)" }

    /// How finely a told value names its time, coarsest first.
    enum Grain: Comparable {
        case quarter, month, week, day
    }

    /// `found` (in text order) with each marked value counted from the last date or time before it that is
    /// fine enough for its unit (a day needs a day; a month, a month or a day; a week, a week or a day; a
    /// quarter, any of them); the counted value is then the last told. A marked expression with nothing to
    /// count from is left out.
    static func resolve(_ found: [TimeExpression], edtfCache: EDTFCache) -> [TimeExpression] {
        var out: [TimeExpression] = []
        out.reserveCapacity(found.count)
        var told: (day: CalendarDay, grain: Grain)?
        for e in found {
            guard e.value.hasPrefix(marker) else {
                if e.type == .date || e.type == .time, let t = start(of: e.value) { told = t }
                out.append(e)
                continue
            }
            let spec = e.value.dropFirst(marker.count).split(separator: ":")
            guard spec.count == 2, let offset = Int(spec[1]), let from = told else { continue }
            let unit = String(spec[0])
            switch unit {
            case "day": guard from.grain == .day else { continue }
            case "month": guard from.grain == .month || from.grain == .day else { continue }
            case "week": guard from.grain >= .week else { continue }
            default: break
            }
            guard let value = TemplateFunctions.ref(unit: unit, offset: offset, from: from.day),
                  let t = start(of: value) else { continue }
            var x = e
            x.value = value
            x.edtf = edtfCache.edtf(value: value, mod: e.mod)
            out.append(x)
            told = t
        }
        return out
    }

    /// The first day of a value that names a quarter, month, week or day (`1989-Q2`, `1989-03`, `1989-W12`,
    /// `1989-03-15`, `1989-03-15T10:00`), and which of them it names.
    static func start(of value: String) -> (day: CalendarDay, grain: Grain)? {
        let b = Array(value.utf8.prefix(10))
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for i in r {
                guard b[i] &- 0x30 < 10 else { return nil }
                v = v * 10 + Int(b[i] &- 0x30)
            }
            return v
        }
        guard let y = digits(0..<4), b.count >= 7, b[4] == UInt8(ascii: "-") else { return nil }
        switch b[5] {
        case UInt8(ascii: "Q"):
            guard let q = digits(6..<7), (1...4).contains(q) else { return nil }
            return (CalendarDay(year: y, month: 3 * q - 2, day: 1), .quarter)
        case UInt8(ascii: "W"):
            guard b.count >= 8, let w = digits(6..<8), (1...53).contains(w) else { return nil }
            // The Monday of ISO week w: week 1 holds January 4th.
            let jan4 = CalendarDay(year: y, month: 1, day: 4)
            return (jan4.adding(days: 7 * (w - 1) - (jan4.weekday - 1)), .week)
        default:
            guard let m = digits(5..<7), (1...12).contains(m) else { return nil }
            if b.count >= 10, b[7] == UInt8(ascii: "-"), let d = digits(8..<10) {
                let day = CalendarDay(year: y, month: m, day: d)
                return day.isValid ? (day, .day) : nil
            }
            return (CalendarDay(year: y, month: m, day: 1), .month)
        }
    }
}
