// The date forms a document states about itself, matched over an array of Unicode scalars so that
// ranges are scalar offsets.

import TimelineModel

/// Matches one date at a position: numeric (`2025-5-31 17:35`, `2024/05/20`, `2024.05.20`, ISO timestamps),
/// Chinese (`2024年5月20日`) and English month names (`May 20, 2024`, `20 May 2024`).
enum DateStringParser {
    /// A date found at some position: the calendar day (converted to UTC when a zone was given) and the
    /// scalar range it covers.
    struct Match: Equatable {
        var day: CalendarDay
        var range: Range<Int>
    }

    /// Parses a metadata value (front matter `date`, `<meta content>`, `<time datetime>`): the string must
    /// begin with a date, optionally preceded by a weekday name.
    static func parseValue(_ value: String) -> CalendarDay? {
        let s = Array(value.unicodeScalars)
        var i = 0
        while i < s.count, isSpace(s[i]) { i += 1 }
        if let m = numeric(s, at: i) ?? chinese(s, at: i) { return m.day }
        i = skipWeekday(s, at: i)
        return monthName(s, at: i)?.day
    }

    // MARK: numeric

    /// `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` (the same separator twice), then optionally a time
    /// (`T` or a space, `HH:MM`, `:SS`, `.fraction`) and a zone (`Z`, `+08:00`, `-0500`). With a zone, the day
    /// is the UTC day.
    static func numeric(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        guard let (year, afterYear) = digits(s, at: start, min: 4, max: 4), afterYear < s.count else { return nil }
        let sep = s[afterYear]
        guard sep == "-" || sep == "/" || sep == "." else { return nil }
        guard let (month, afterMonth) = digits(s, at: afterYear + 1, min: 1, max: 2),
              afterMonth < s.count, s[afterMonth] == sep,
              let (dayNumber, afterDay) = digits(s, at: afterMonth + 1, min: 1, max: 2) else { return nil }
        if afterDay < s.count, digitValue(s[afterDay]) != nil { return nil }
        var day = CalendarDay(year: year, month: month, day: dayNumber)
        guard day.isValid else { return nil }
        var end = afterDay
        // Optional time.
        if end + 1 < s.count, s[end] == "T" || s[end] == "t" || s[end] == " ",
           let (hour, afterHour) = digits(s, at: end + 1, min: 1, max: 2), hour < 24,
           afterHour < s.count, s[afterHour] == ":",
           let (minute, afterMinute) = digits(s, at: afterHour + 1, min: 2, max: 2), minute < 60 {
            end = afterMinute
            if end < s.count, s[end] == ":", let (_, afterSecond) = digits(s, at: end + 1, min: 2, max: 2) {
                end = afterSecond
                if end < s.count, s[end] == "." || s[end] == ",", let (_, afterFraction) = digits(s, at: end + 1, min: 1, max: 9) {
                    end = afterFraction
                }
            }
            if end < s.count {
                var zoneMinutes: Int?
                if s[end] == "Z" || s[end] == "z" {
                    zoneMinutes = 0
                    end += 1
                } else if s[end] == "+" || s[end] == "-",
                          let (zh, afterZH) = digits(s, at: end + 1, min: 2, max: 2), zh <= 14 {
                    var zm = 0
                    var zoneEnd = afterZH
                    if zoneEnd < s.count, s[zoneEnd] == ":", let (m, afterZM) = digits(s, at: zoneEnd + 1, min: 2, max: 2) {
                        zm = m
                        zoneEnd = afterZM
                    } else if let (m, afterZM) = digits(s, at: zoneEnd, min: 2, max: 2) {
                        zm = m
                        zoneEnd = afterZM
                    }
                    zoneMinutes = (zh * 60 + zm) * (s[end] == "-" ? -1 : 1)
                    end = zoneEnd
                }
                if let zoneMinutes {
                    let utcMinutes = hour * 60 + minute - zoneMinutes
                    let shift = utcMinutes < 0 ? -1 : (utcMinutes >= 1440 ? 1 : 0)
                    if shift != 0 { day = day.adding(days: shift) }
                }
            }
        }
        return Match(day: day, range: start..<end)
    }

    // MARK: Chinese

    /// `YYYY年M月D日` (spaces allowed around the numbers, ASCII or full-width digits), optionally followed by
    /// a time `HH:MM`.
    static func chinese(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        guard let (year, afterYear) = digits(s, at: start, min: 4, max: 4) else { return nil }
        var i = skipSpaces(s, afterYear)
        guard i < s.count, s[i] == "年" else { return nil }
        i = skipSpaces(s, i + 1)
        guard let (month, afterMonth) = digits(s, at: i, min: 1, max: 2) else { return nil }
        i = skipSpaces(s, afterMonth)
        guard i < s.count, s[i] == "月" else { return nil }
        i = skipSpaces(s, i + 1)
        guard let (dayNumber, afterDay) = digits(s, at: i, min: 1, max: 2) else { return nil }
        i = skipSpaces(s, afterDay)
        guard i < s.count, s[i] == "日" || s[i] == "号" else { return nil }
        let day = CalendarDay(year: year, month: month, day: dayNumber)
        guard day.isValid else { return nil }
        var end = i + 1
        let t = skipSpaces(s, end)
        if let (hour, afterHour) = digits(s, at: t, min: 1, max: 2), hour < 24, afterHour < s.count,
           s[afterHour] == ":" || s[afterHour] == "：",
           let (minute, afterMinute) = digits(s, at: afterHour + 1, min: 2, max: 2), minute < 60 {
            end = afterMinute
        }
        return Match(day: day, range: start..<end)
    }

    // MARK: month names

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let weekdays: Set<String> = [
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thurs", "friday", "fri",
        "saturday", "sat", "sunday", "sun",
    ]

    /// `Month D, YYYY` or `D Month YYYY` (abbreviations with an optional period, ordinal suffixes allowed).
    static func monthName(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        if let (word, afterWord) = word(s, at: start), let month = months[word] {
            var i = afterWord
            if i < s.count, s[i] == "." { i += 1 }
            i = skipSpaces(s, i)
            guard let (dayNumber, afterDay) = digits(s, at: i, min: 1, max: 2) else { return nil }
            i = skipOrdinal(s, afterDay)
            if i < s.count, s[i] == "," { i += 1 }
            let yearStart = skipSpaces(s, i)
            guard yearStart > afterDay, let (year, afterYear) = digits(s, at: yearStart, min: 4, max: 4),
                  afterYear >= s.count || digitValue(s[afterYear]) == nil else { return nil }
            let day = CalendarDay(year: year, month: month, day: dayNumber)
            return day.isValid ? Match(day: day, range: start..<afterYear) : nil
        }
        if let (dayNumber, afterDay) = digits(s, at: start, min: 1, max: 2) {
            var i = skipOrdinal(s, afterDay)
            let monthStart = skipSpaces(s, i)
            guard monthStart > i,
                  let (word, afterWord) = word(s, at: monthStart), let month = months[word] else { return nil }
            i = afterWord
            if i < s.count, s[i] == "." { i += 1 }
            if i < s.count, s[i] == "," { i += 1 }
            let yearStart = skipSpaces(s, i)
            guard yearStart > afterWord, let (year, afterYear) = digits(s, at: yearStart, min: 4, max: 4),
                  afterYear >= s.count || digitValue(s[afterYear]) == nil else { return nil }
            let day = CalendarDay(year: year, month: month, day: dayNumber)
            return day.isValid ? Match(day: day, range: start..<afterYear) : nil
        }
        return nil
    }

    /// Skips a weekday name and a following comma and spaces, if there is one at `start`.
    static func skipWeekday(_ s: [Unicode.Scalar], at start: Int) -> Int {
        guard let (w, after) = word(s, at: start), weekdays.contains(w) else { return start }
        var i = after
        if i < s.count, s[i] == "." { i += 1 }
        if i < s.count, s[i] == "," { i += 1 }
        return skipSpaces(s, i)
    }

    // MARK: scalar helpers

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{A0}" || c == "\u{3000}"
    }

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    /// The value of an ASCII or full-width digit.
    static func digitValue(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }
        return nil
    }

    static func skipSpaces(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        var i = start
        while i < s.count, isSpace(s[i]) { i += 1 }
        return i
    }

    static func skipOrdinal(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        guard start + 1 < s.count else { return start }
        let pair = String(String.UnicodeScalarView([s[start], s[start + 1]])).lowercased()
        guard ["st", "nd", "rd", "th"].contains(pair) else { return start }
        if start + 2 < s.count, isASCIILetter(s[start + 2]) { return start }
        return start + 2
    }

    /// A run of `min...max` digits at `start` that is not followed by a further digit.
    static func digits(_ s: [Unicode.Scalar], at start: Int, min: Int, max: Int) -> (Int, Int)? {
        var value = 0
        var i = start
        while i < s.count, i - start < max, let d = digitValue(s[i]) {
            value = value * 10 + d
            i += 1
        }
        guard i - start >= min else { return nil }
        if i < s.count, digitValue(s[i]) != nil { return nil }
        return (value, i)
    }

    /// A lowercased ASCII word at `start` (at most 12 letters) and the index after it.
    static func word(_ s: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var i = start
        var w = ""
        while i < s.count, isASCIILetter(s[i]) {
            if i - start >= 12 { return nil }
            w.unicodeScalars.append(s[i])
            i += 1
        }
        return w.isEmpty ? nil : (w.lowercased(), i)
    }
}
