import TimelineModel

/// A column of the timeline: a year, a decade, a century or a multi-year range, with the events it holds.
///
/// Events dated to a day, a month, a season or a year (or a range inside one year) fall in their year; an
/// event dated to a decade, a century or a range across years gets a period of its own, so that it is
/// never shown as more precise than the text states.
struct TimelinePeriod: Equatable {
    /// A stable key: `1969`, `196X`, `19XX`, `1971/1972`, `2000/..`, `?` for dates we cannot place.
    var key: String
    /// The heading shown to readers: `1969`, `1960s`, `20th century`, `1971–1972`, `2000 onward`.
    var label: String
    var start: CalendarDay
    var end: CalendarDay
    /// The period's events, in chronological order (start, end, id).
    var events: [Event]

    /// Groups the events of `graph` into periods ordered on the time axis: by start, broader periods first
    /// (a decade before the years inside it), then by key. Deterministic for a given graph.
    ///
    /// With ``Granularity/automatic`` the columns are years, or decades when there would be more than
    /// ``Granularity/maxColumns`` years, or centuries when there would be more than that many decades.
    static func periods(of graph: EventGraph, granularity: Granularity = .automatic) -> [TimelinePeriod] {
        var canonical = graph
        canonical.canonicalize()
        // Each distinct date is placed once, and each distinct place widened once per granularity: tens of
        // thousands of events have far fewer dates.
        var placed: [String: TimelinePeriod] = [:]
        let bases = canonical.events.indices.map { i in
            let date = canonical.events[i].date
            if let p = placed[date.value] { return p }
            let p = TimelinePeriod.containing(date)
            placed[date.value] = p
            return p
        }
        switch granularity {
        case .year, .decade, .century:
            return group(canonical.events, bases, granularity)
        case .automatic:
            // The columns are counted before any is filled: only the chosen granularity copies the events.
            let distinct = Dictionary(bases.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }).values
            for granularity in [Granularity.year, .decade] {
                let columns = Set(distinct.map { $0.widened(to: granularity).key }).count
                if columns <= Granularity.maxColumns { return group(canonical.events, bases, granularity) }
            }
            return group(canonical.events, bases, .century)
        }
    }

    /// How wide the columns of a timeline are.
    enum Granularity: Sendable {
        case automatic, year, decade, century

        /// Above this many columns, ``automatic`` moves to the next wider unit.
        static let maxColumns = 40
    }

    /// The periods of already canonical events (`bases[i]` the period of `events[i]`), at a fixed granularity.
    private static func group(_ events: [Event], _ bases: [TimelinePeriod], _ granularity: Granularity) -> [TimelinePeriod] {
        // Appended in place: a period copied out of the dictionary and stored back would copy its events
        // on every append (quadratic in the events of a period).
        var byKey: [String: TimelinePeriod] = [:]
        var widened: [String: TimelinePeriod] = [:]
        for (i, base) in bases.enumerated() {
            let period: TimelinePeriod
            if let w = widened[base.key] {
                period = w
            } else {
                period = base.widened(to: granularity)
                widened[base.key] = period
            }
            byKey[period.key, default: period].events.append(events[i])
        }
        return byKey.values.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            return a.key < b.key
        }
    }

    /// The (empty) period an event with this date belongs to.
    static func containing(_ date: EventDate) -> TimelinePeriod {
        if let edtf = DateLabel.parse(date.value) {
            let start = edtf.start, end = edtf.end
            guard let last = edtf.last else {
                switch edtf.first {
                case .decade, .century:
                    let plain = EDTF(first: edtf.first)
                    return TimelinePeriod(key: plain.description, label: DateLabel.text(for: plain),
                                          start: start, end: end, events: [])
                default:
                    return year(start.year)
                }
            }
            if start.year == end.year && edtf.first != .open && last != .open {
                return year(start.year)
            }
            let plain = EDTF(first: edtf.first, last: edtf.last)
            let bounded = EDTF(first: yearPoint(edtf.first), last: yearPoint(last))
            return TimelinePeriod(key: bounded.description, label: DateLabel.text(for: bounded),
                                  start: plain.start, end: plain.end, events: [])
        }
        // A hand-edited date that is not EDTF: place it by its stated first day when that parses.
        if let start = CalendarDay(iso: date.start) {
            let end = CalendarDay(iso: date.end) ?? start
            if start.year == end.year { return year(start.year) }
            let range = EDTF(first: .year(start.year), last: .year(max(end.year, start.year)))
            return TimelinePeriod(key: range.description, label: DateLabel.text(for: range),
                                  start: range.start, end: range.end, events: [])
        }
        let far = CalendarDay(year: 9999, month: 12, day: 31)
        return TimelinePeriod(key: "?", label: "date unknown", start: far, end: far, events: [])
    }

    /// This period, or the decade or century holding it when `granularity` is wider and it fits in one.
    func widened(to granularity: Granularity) -> TimelinePeriod {
        guard key != "?" else { return self }
        switch granularity {
        case .automatic, .year:
            return self
        case .decade:
            let d = Self.floorDiv(start.year, 10)
            guard Self.floorDiv(end.year, 10) == d else { return self }
            let e = EDTF(first: .decade(d))
            return TimelinePeriod(key: e.description, label: DateLabel.text(for: e), start: e.start, end: e.end, events: [])
        case .century:
            let c = Self.floorDiv(start.year, 100)
            guard Self.floorDiv(end.year, 100) == c else { return self }
            let e = EDTF(first: .century(c))
            return TimelinePeriod(key: e.description, label: DateLabel.text(for: e), start: e.start, end: e.end, events: [])
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// For each period, the whole years that no event covers between it and the periods before it (0 when
    /// it follows them closely): the gaps a time axis compresses and marks.
    static func gapsBefore(_ periods: [TimelinePeriod]) -> [Int] {
        var gaps: [Int] = []
        var reach: Int?
        for period in periods {
            if let r = reach, period.key != "?" {
                gaps.append(max(0, period.start.year - r - 1))
            } else {
                gaps.append(0)
            }
            if period.key != "?" { reach = max(reach ?? period.end.year, period.end.year) }
        }
        return gaps
    }

    /// Whether a gap of `years` empty years is long enough to be marked on the axis (at least three columns'
    /// worth: 3 years between year columns, 30 between decades, 300 between centuries).
    static func isLongGap(_ years: Int, in periods: [TimelinePeriod]) -> Bool {
        func isYear(_ key: String) -> Bool { key.count == 4 && key.allSatisfy(\.isNumber) }
        func isDecade(_ key: String) -> Bool { key.count == 4 && key.hasSuffix("X") && !key.hasSuffix("XX") }
        let unit = periods.contains { isYear($0.key) } ? 1 : periods.contains { isDecade($0.key) } ? 10 : 100
        return years >= 3 * unit
    }

    /// How a gap reads on the axis: `3 years`, `1 year`.
    static func gapLabel(_ years: Int) -> String { years == 1 ? "1 year" : "\(years) years" }

    private static func year(_ y: Int) -> TimelinePeriod {
        let e = EDTF(first: .year(y))
        return TimelinePeriod(key: e.description, label: DateLabel.text(for: e), start: e.start, end: e.end, events: [])
    }

    /// A range's endpoint widened to its year (decades and centuries are kept), so that `1971-03/1972-06`
    /// and `1971/1972` share the column `1971–1972`.
    private static func yearPoint(_ p: EDTF.Point) -> EDTF.Point {
        switch p {
        case let .day(y, _, _), let .month(y, _), let .season(y, _): return .year(y)
        default: return p
        }
    }
}
