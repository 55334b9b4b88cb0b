/// A parsed Extended Date/Time Format (ISO 8601-2) value, the subset a timeline needs:
/// `1969`, `2024-02`, `2019-06-05`, `196X` (decade), `19XX` (century), seasons `2013-21`...`2013-24`,
/// intervals `1971/1972`, open intervals `2000/..`, and the qualifiers `~` (approximate), `?` (uncertain), `%`.
public struct EDTF: Equatable, Sendable, CustomStringConvertible {
    /// One endpoint or a single date.
    public enum Point: Equatable, Sendable {
        case day(Int, Int, Int)
        case month(Int, Int)
        case season(Int, Int)   // year, 21...24
        case year(Int)
        case decade(Int)        // 196 for the 1960s
        case century(Int)       // 19 for 1900-1999
        case open               // `..`
    }

    public var first: Point
    /// The end of an interval, `nil` for a single date.
    public var last: Point?
    /// The trailing qualifier (`~`, `?`, `%`) or empty.
    public var qualifier: String

    public init(first: Point, last: Point? = nil, qualifier: String = "") {
        self.first = first
        self.last = last
        self.qualifier = qualifier
    }

    public init?(_ text: String) {
        // Most values are plain dates: read from their bytes (the general reading walks Characters).
        if let p = EDTF.plainPoint(text) {
            self.init(first: p)
            return
        }
        self.init(reading: text)
    }

    /// The general reading of ``init(_:)``: spaces, qualifiers, intervals, decades and centuries.
    init?(reading text: String) {
        var s = Substring(text.trimmingSpaces())
        var q = ""
        while let c = s.last, "~?%".contains(c) { q = String(c) + q; s = s.dropLast() }
        if q.count > 1 { q = String(q.last!) }
        let halves = s.split(separator: "/", omittingEmptySubsequences: false)
        if halves.count == 1 {
            guard let p = EDTF.point(halves[0]), p != .open else { return nil }
            self.init(first: p, qualifier: q)
        } else if halves.count == 2 {
            let a = halves[0].isEmpty ? Point.open : EDTF.point(halves[0])
            let b = halves[1].isEmpty ? Point.open : EDTF.point(halves[1])
            guard let a, let b, !(a == .open && b == .open) else { return nil }
            self.init(first: a, last: b, qualifier: q)
            if a != .open && b != .open && EDTF.bounds(b).1 < EDTF.bounds(a).0 { return nil }
        } else {
            return nil
        }
    }

    /// `YYYY`, `YYYY-MM` (a month or a season) or `YYYY-MM-DD`, valid and nothing else: the point;
    /// otherwise nil, and ``init(reading:)`` decides. Read from the bytes, without walking Characters.
    public static func plainPoint(_ text: String) -> Point? {
        let n = text.utf8.count
        guard n == 4 || n == 7 || n == 10 else { return nil }
        let point = text.utf8.withContiguousStorageIfAvailable { b -> Point? in
            func number(_ at: Int, _ length: Int) -> Int? {
                var v = 0
                for k in at..<(at + length) {
                    let c = b[k]
                    guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                    v = v * 10 + Int(c - UInt8(ascii: "0"))
                }
                return v
            }
            guard let y = number(0, 4) else { return nil }
            if n == 4 { return .year(y) }
            guard b[4] == UInt8(ascii: "-"), let m = number(5, 2) else { return nil }
            if n == 7 {
                if (1...12).contains(m) { return .month(y, m) }
                if (21...24).contains(m) { return .season(y, m) }
                return nil
            }
            guard b[7] == UInt8(ascii: "-"), let d = number(8, 2), CalendarDay(year: y, month: m, day: d).isValid else { return nil }
            return .day(y, m, d)
        }
        return point ?? nil
    }

    private static func point(_ s: Substring) -> Point? {
        if s == ".." { return .open }
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let ys = p.first, ys.count == 4, p.dropFirst().allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              ys.allSatisfy({ $0.isASCIIDigit || $0 == "X" }) else { return nil }
        if ys.hasSuffix("XX") {
            guard p.count == 1, let c = Int(ys.prefix(2)) else { return nil }
            return .century(c)
        }
        if ys.hasSuffix("X") {
            guard p.count == 1, let d = Int(ys.prefix(3)) else { return nil }
            return .decade(d)
        }
        guard let y = Int(ys), ys.allSatisfy(\.isASCIIDigit) else { return nil }
        if p.count == 1 { return .year(y) }
        guard p[1].count == 2, let m = Int(p[1]) else { return nil }
        if p.count == 2 {
            if (1...12).contains(m) { return .month(y, m) }
            if (21...24).contains(m) { return .season(y, m) }
            return nil
        }
        guard p.count == 3, p[2].count == 2, let d = Int(p[2]),
              CalendarDay(year: y, month: m, day: d).isValid else { return nil }
        return .day(y, m, d)
    }

    /// The first and last day a point covers.
    public static func bounds(_ p: Point) -> (CalendarDay, CalendarDay) {
        switch p {
        case let .day(y, m, d):
            let c = CalendarDay(year: y, month: m, day: d)
            return (c, c)
        case let .month(y, m):
            return (CalendarDay(year: y, month: m, day: 1),
                    CalendarDay(year: y, month: m, day: CalendarDay.daysIn(month: m, year: y)))
        case let .season(y, s):
            // Northern-hemisphere meteorological seasons: 21 spring, 22 summer, 23 autumn, 24 winter.
            switch s {
            case 21: return (CalendarDay(year: y, month: 3, day: 1), CalendarDay(year: y, month: 5, day: 31))
            case 22: return (CalendarDay(year: y, month: 6, day: 1), CalendarDay(year: y, month: 8, day: 31))
            case 23: return (CalendarDay(year: y, month: 9, day: 1), CalendarDay(year: y, month: 11, day: 30))
            default: return (CalendarDay(year: y, month: 12, day: 1),
                             CalendarDay(year: y + 1, month: 2, day: CalendarDay.daysIn(month: 2, year: y + 1)))
            }
        case let .year(y):
            return (CalendarDay(year: y, month: 1, day: 1), CalendarDay(year: y, month: 12, day: 31))
        case let .decade(d):
            return (CalendarDay(year: d * 10, month: 1, day: 1), CalendarDay(year: d * 10 + 9, month: 12, day: 31))
        case let .century(c):
            return (CalendarDay(year: c * 100, month: 1, day: 1), CalendarDay(year: c * 100 + 99, month: 12, day: 31))
        case .open:
            return (CalendarDay(year: -9999, month: 1, day: 1), CalendarDay(year: 9999, month: 12, day: 31))
        }
    }

    /// The first day covered (for an open start, the end's first day).
    public var start: CalendarDay {
        if first == .open, let last { return EDTF.bounds(last).0 }
        return EDTF.bounds(first).0
    }

    /// The last day covered (for an open end, the start's last day: the interval is known to begin there).
    public var end: CalendarDay {
        guard let last else { return EDTF.bounds(first).1 }
        if last == .open { return EDTF.bounds(first).1 }
        return EDTF.bounds(last).1
    }

    public var precision: DatePrecision {
        if last != nil { return .range }
        switch first {
        case .day: return .day
        case .month, .season: return .month
        case .year: return .year
        case .decade: return .decade
        case .century: return .century
        case .open: return .range
        }
    }

    public var description: String {
        func s(_ p: Point) -> String {
            switch p {
            case let .day(y, m, d): return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
            case let .month(y, m): return "\(pad(y, 4))-\(pad(m, 2))"
            case let .season(y, m): return "\(pad(y, 4))-\(m)"
            case let .year(y): return pad(y, 4)
            case let .decade(d): return pad(d, 3) + "X"
            case let .century(c): return pad(c, 2) + "XX"
            case .open: return ".."
            }
        }
        if let last { return "\(s(first))/\(s(last))\(qualifier)" }
        return s(first) + qualifier
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
