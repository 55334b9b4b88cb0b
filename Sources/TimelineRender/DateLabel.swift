import TimelineModel

/// Human-readable forms of event dates, shared by the DOT and Markdown renderers.
enum DateLabel {
    /// The date as a reader sees it: `1969-03-02`, `1969-03`, `spring 2013`, `1960s`, `20th century`,
    /// `1971–1972`, `2000 onward`, `c. 2000–2004`, `1969?`. Falls back to the cleaned EDTF text.
    static func text(for date: EventDate) -> String {
        guard let edtf = parse(date.value) else { return CorpusText.line(date.value, limit: 40) }
        return text(for: edtf)
    }

    /// `EDTF(value)`, with the common plain forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and `YYYX` read straight
    /// from the bytes (the general parser works on characters and dominated the encoding of large
    /// timelines); everything else goes to `EDTF(value)`.
    static func parse(_ value: String) -> EDTF? {
        let b = Array(value.utf8.prefix(11))
        func digits(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        let dash = UInt8(ascii: "-")
        switch b.count {
        case 4:
            if let y = digits(0..<4) { return EDTF(first: .year(y)) }
            if b[3] == UInt8(ascii: "X"), let d = digits(0..<3) { return EDTF(first: .decade(d)) }
        case 7:
            if b[4] == dash, let y = digits(0..<4), let m = digits(5..<7), (1...12).contains(m) {
                return EDTF(first: .month(y, m))
            }
        case 10:
            if b[4] == dash, b[7] == dash, let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10),
               CalendarDay(year: y, month: m, day: d).isValid {
                return EDTF(first: .day(y, m, d))
            }
        default:
            break
        }
        return EDTF(value)
    }

    /// The date written out for a tooltip or a TimelineJS card: `2 March 1969`, `March 1969`, otherwise as
    /// ``text(for:)``.
    static func long(for date: EventDate) -> String {
        guard let edtf = parse(date.value) else { return text(for: date) }
        return long(for: edtf)
    }

    /// ``long(for:)`` of an already parsed date.
    static func long(for edtf: EDTF) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        var body: String
        switch (edtf.first, edtf.last) {
        case let (.day(y, m, d), nil): body = "\(d) \(months[m - 1]) \(year(y))"
        case let (.month(y, m), nil): body = "\(months[m - 1]) \(year(y))"
        default: return text(for: edtf)
        }
        switch edtf.qualifier {
        case "~": body = "c. " + body
        case "?": body += "?"
        case "%": body = "c. " + body + "?"
        default: break
        }
        return body
    }

    static func text(for edtf: EDTF) -> String {
        var body: String
        if let last = edtf.last {
            switch (edtf.first, last) {
            case (.open, _): body = "until " + point(last)
            case (_, .open): body = point(edtf.first) + " onward"
            default: body = point(edtf.first) + "–" + point(last)
            }
        } else {
            body = point(edtf.first)
        }
        switch edtf.qualifier {
        case "~": body = "c. " + body
        case "?": body += "?"
        case "%": body = "c. " + body + "?"
        default: break
        }
        return body
    }

    static func point(_ p: EDTF.Point) -> String {
        switch p {
        case let .day(y, m, d): return "\(year(y))-\(two(m))-\(two(d))"
        case let .month(y, m): return "\(year(y))-\(two(m))"
        case let .season(y, s):
            let names = [21: "spring", 22: "summer", 23: "autumn", 24: "winter"]
            return "\(names[s] ?? "season") \(year(y))"
        case let .year(y): return year(y)
        case let .decade(d): return "\(year(d * 10))s"
        case let .century(c): return ordinal(c + 1) + " century"
        case .open: return ".."
        }
    }

    private static func year(_ y: Int) -> String {
        let s = String(abs(y))
        let padded = s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
        return y < 0 ? "-" + padded : padded
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
