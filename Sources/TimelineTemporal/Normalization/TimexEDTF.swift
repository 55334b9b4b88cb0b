import TimelineModel

/// The one mapping from TIMEX3 values (with their modifier) to the EDTF a timeline places them at.
///
/// | TIMEX3 value | mod | EDTF |
/// | --- | --- | --- |
/// | `1969`, `2024-02`, `2019-06-05` | any but the below | the same |
/// | `2013-03-22T17:35`, `2013-03-22TMO` | | `2013-03-22` |
/// | `196` (decade) | — / `EARLY` / `MID` / `LATE` | `196X` / `1960/1964~` / `1963/1967~` / `1965/1969~` |
/// | `196` (decade) | `START` / `END` | `1960/1962~` / `1967/1969~` |
/// | `19` (century) | — / `EARLY` / `MID` / `LATE` | `19XX` / `1900/1933~` / `1933/1966~` / `1966/1999~` |
/// | `19` (century) | `START` / `END` | `1900/1909~` / `1990/1999~` |
/// | `2013-SP` `-SU` `-FA` `-WI` | | `2013-21` … `2013-24` |
/// | `2013-Q3`, `2013-H1` | | `2013-07/2013-09`, `2013-01/2013-06` |
/// | `2013-W11`, `2013-W11-WE` | | `2013-03-11/2013-03-17`, `2013-03-16/2013-03-17` |
/// | any of the above | `APPROX` | with `~` |
/// | any of the above | `BEFORE` `ON_OR_BEFORE` / `AFTER` `ON_OR_AFTER` | `../X` / `X/..` |
///
/// Everything else (`PRESENT_REF`, durations, sets, values with `X`) has no EDTF.
public enum TimexEDTF {
    /// The EDTF for a TIMEX3 value and modifier, or `nil` when the value does not denote a placeable date.
    public static func edtf(value: String, mod: String? = nil) -> String? {
        guard var base = point(value, mod: mod) else { return nil }
        switch mod {
        case "APPROX":
            if !base.hasSuffix("~") { base += "~" }
        case "BEFORE", "ON_OR_BEFORE":
            guard !base.contains("/") else { return nil }
            base = "../" + base
        case "AFTER", "ON_OR_AFTER":
            guard !base.contains("/") else { return nil }
            base += "/.."
        default: break
        }
        return EDTF(base) != nil ? base : nil
    }

    /// The inverse for the values a tagger produces: an EDTF date (not an interval) as a TIMEX3 value.
    public static func timex(edtf: String) -> String? {
        guard let e = EDTF(edtf), e.last == nil, e.qualifier.isEmpty else { return nil }
        switch e.first {
        case let .day(y, m, d): return CalendarDay(year: y, month: m, day: d).description
        case let .month(y, m): return "\(pad4(y))-\(pad2(m))"
        case let .season(y, s): return "\(pad4(y))-" + ["SP", "SU", "FA", "WI"][s - 21]
        case let .year(y): return pad4(y)
        case let .decade(d): return TemplateFunctions.pad(d, 3)
        case let .century(c): return pad2(c)
        case .open: return nil
        }
    }

    private static func point(_ v: String, mod: String?) -> String? {
        let u = Array(v.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && r.allSatisfy { u[$0] >= 48 && u[$0] <= 57 } }
        func str(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        // Times and parts of days: keep the day.
        if u.count > 10, digits(0..<4), u[10] == UInt8(ascii: "T") { return point(str(0..<10), mod: nil) }
        if u.count == 2, digits(0..<2) {
            let c = str(0..<2)
            switch mod {
            case "EARLY": return "\(c)00/\(c)33~"
            case "START": return "\(c)00/\(c)09~"
            case "MID": return "\(c)33/\(c)66~"
            case "LATE": return "\(c)66/\(c)99~"
            case "END": return "\(c)90/\(c)99~"
            default: return c + "XX"
            }
        }
        if u.count == 3, digits(0..<3) {
            let d = str(0..<3)
            switch mod {
            case "EARLY": return "\(d)0/\(d)4~"
            case "START": return "\(d)0/\(d)2~"
            case "MID": return "\(d)3/\(d)7~"
            case "LATE": return "\(d)5/\(d)9~"
            case "END": return "\(d)7/\(d)9~"
            default: return d + "X"
            }
        }
        guard u.count >= 4, digits(0..<4) else { return nil }
        let y = str(0..<4)
        if u.count == 4 { return y }
        guard u[4] == UInt8(ascii: "-") else { return nil }
        let rest = str(5..<u.count)
        if digits(5..<7) && (u.count == 7 || (u.count == 10 && u[7] == UInt8(ascii: "-") && digits(8..<10))) {
            return v
        }
        switch rest {
        case "SP": return y + "-21"
        case "SU": return y + "-22"
        case "FA", "AU": return y + "-23"
        case "WI": return y + "-24"
        case "Q1", "Q2", "Q3", "Q4":
            let q = Int(rest.dropFirst())!
            return "\(y)-\(pad2(3 * q - 2))/\(y)-\(pad2(3 * q))"
        case "H1": return "\(y)-01/\(y)-06"
        case "H2": return "\(y)-07/\(y)-12"
        default: break
        }
        if rest.hasPrefix("W"), rest.count >= 3, let w = Int(rest.dropFirst().prefix(2)), (1...53).contains(w),
           let year = Int(y) {
            let weekend = rest.hasSuffix("-WE")
            guard rest.count == 3 || weekend && rest.count == 6 else { return nil }
            let jan4 = CalendarDay(year: year, month: 1, day: 4)
            let monday = jan4.adding(days: 1 - jan4.weekday + 7 * (w - 1))
            return weekend ? "\(monday.adding(days: 5))/\(monday.adding(days: 6))" : "\(monday)/\(monday.adding(days: 6))"
        }
        return nil
    }

    private static func pad4(_ y: Int) -> String { TemplateFunctions.pad(y, 4) }
}
