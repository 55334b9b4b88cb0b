import TimelineModel

/// A timeline laid out in Swift, in time linear in the number of events: x from the date, y from stacking.
///
/// - Periods (the same years, decades or ranges as the `dot` layout and the Markdown headings) stand side by
///   side in chronological order under a horizontal axis; each period is one or more columns wide.
/// - A period's events stack downwards in date order; when a period holds more than ``rows`` events it
///   continues in a further column to the right, so even 5,000 events keep a readable aspect ratio.
/// - Short stretches without events widen the gap between two periods in proportion to the years they
///   span; long ones are compressed to a fixed-width marker naming their length.
///
/// Coordinates are in points with y growing downwards; ``PositionedDOTEncoder`` flips them for Graphviz.
struct PositionedLayout {
    /// One event box: its centre, size and label lines.
    struct Box {
        var event: Event
        var nodeID: String
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var lines: [String]
        /// The date written out, for the tooltip (``DateLabel/long(for:)``).
        var longDate: String
    }

    /// A period label on the axis, centred over the period's columns.
    struct Tick {
        var period: TimelinePeriod
        var x: Double
        var left: Double
        var right: Double
    }

    /// A compressed gap on the axis.
    struct Gap {
        var years: Int
        var x: Double
    }

    var boxes: [Box] = []
    var ticks: [Tick] = []
    /// `gaps[i]` is the marker before `ticks[i]`, if any.
    var gaps: [Int: Gap] = [:]
    /// The y of the axis line and period labels.
    var axisY: Double = 0
    var width: Double = 0
    var height: Double = 0
    /// Events stacked per column before a period continues in another column.
    var rows: Int = 0

    static let boxWidth = 200.0
    static let columnGap = 26.0
    static let rowGap = 12.0
    static let lineHeight = 14.0
    static let boxPadding = 14.0
    /// Horizontal space per empty year in a short gap (capped by the long-gap marker).
    static let yearStep = 36.0
    static let gapMarkerWidth = 90.0
    /// Title lines are wrapped at this many columns and cut after ``maxTitleLines`` lines.
    static let maxTitleLines = 4

    /// Lays out the periods of a graph.
    init(periods: [TimelinePeriod]) {
        let total = periods.reduce(0) { $0 + $1.events.count }
        // About twice as wide as tall for a large timeline: rows ≈ √(2n·w/h) in box units; never fewer than 12.
        rows = max(12, Int((Double(total) * 0.9).squareRoot().rounded(.up)))
        axisY = 0
        let top = 40.0
        let gaps = TimelinePeriod.gapsBefore(periods)
        var x = 0.0
        var used = Set<String>()
        var maxBottom = top
        for (i, period) in periods.enumerated() {
            if i > 0 {
                if TimelinePeriod.isLongGap(gaps[i], in: periods) {
                    self.gaps[i] = Gap(years: gaps[i], x: x + Self.gapMarkerWidth / 2)
                    x += Self.gapMarkerWidth
                } else {
                    x += Double(min(gaps[i], 2)) * Self.yearStep
                }
            }
            let left = x
            var column = 0
            var y = top
            for (j, event) in period.events.enumerated() {
                if j > 0 && j % rows == 0 {
                    column += 1
                    y = top
                }
                let (lines, longDate) = Self.label(event)
                let height = Double(lines.count) * Self.lineHeight + Self.boxPadding
                var id = "event:" + event.id
                var n = 2
                while used.contains(id) { id = "event:\(event.id)#\(n)"; n += 1 }
                used.insert(id)
                let cx = left + Double(column) * (Self.boxWidth + Self.columnGap) + Self.boxWidth / 2
                boxes.append(Box(event: event, nodeID: id, x: cx, y: y + height / 2, width: Self.boxWidth,
                                 height: height, lines: lines, longDate: longDate))
                y += height + Self.rowGap
                maxBottom = max(maxBottom, y)
            }
            let right = left + Double(column + 1) * Self.boxWidth + Double(column) * Self.columnGap
            ticks.append(Tick(period: period, x: (left + right) / 2, left: left, right: right))
            x = right + Self.columnGap
        }
        width = x
        height = maxBottom
    }

    /// The label lines of an event box: its date, then its title wrapped (cut after ``maxTitleLines`` lines);
    /// and the date written out for the tooltip. The date is parsed once for both.
    static func label(_ event: Event) -> (lines: [String], longDate: String) {
        let title = CorpusText.line(event.title)
        var wrapped = CorpusText.wrap(title.isEmpty ? "(untitled)" : title, width: DOTEncoder.labelWidth)
        if wrapped.count > maxTitleLines {
            wrapped = Array(wrapped.prefix(maxTitleLines))
            wrapped[maxTitleLines - 1] = String(wrapped[maxTitleLines - 1].dropLast()) + "…"
        }
        guard let edtf = DateLabel.parse(event.date.value) else {
            return ([DateLabel.text(for: event.date)] + wrapped, DateLabel.long(for: event.date))
        }
        return ([DateLabel.text(for: edtf)] + wrapped, DateLabel.long(for: edtf))
    }
}
