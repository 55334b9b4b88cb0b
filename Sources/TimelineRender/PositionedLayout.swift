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
    /// One event box: its centre and size. Its label (``label(_:dates:)``) is made only where the box is
    /// drawn: a tile taken from the store needs only the boxes' heights.
    struct Box {
        var event: Event
        var nodeID: String
        var x: Double
        var y: Double
        var width: Double
        var height: Double
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

    /// An axis-aligned rectangle in layout coordinates.
    struct Rect {
        var minX: Double
        var minY: Double
        var maxX: Double
        var maxY: Double

        init(centerX x: Double, centerY y: Double, width: Double, height: Double) {
            (minX, maxX, minY, maxY) = (x - width / 2, x + width / 2, y - height / 2, y + height / 2)
        }

        func intersects(_ o: Rect) -> Bool {
            minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
        }
    }

    /// A column of boxes: its centre x and the indices in ``boxes`` of its boxes, top to bottom.
    struct Column {
        var x: Double
        var boxes: [Int]
    }

    var boxes: [Box] = []
    /// Every column of boxes, left to right.
    var columns: [Column] = []
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
    /// The y of the top of the first box of every column (the axis is at 0).
    static let top = 40.0
    static let columnGap = 26.0
    /// Room between two boxes of a column: a relation label (9 points) fits in it.
    static let rowGap = 16.0
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
        let top = Self.top
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
                let height = Double(Self.labelLineCount(event)) * Self.lineHeight + Self.boxPadding
                var id = "event:" + event.id
                var n = 2
                while used.contains(id) { id = "event:\(event.id)#\(n)"; n += 1 }
                used.insert(id)
                let cx = left + Double(column) * (Self.boxWidth + Self.columnGap) + Self.boxWidth / 2
                if columns.last?.x != cx { columns.append(Column(x: cx, boxes: [])) }
                columns[columns.count - 1].boxes.append(boxes.count)
                boxes.append(Box(event: event, nodeID: id, x: cx, y: y + height / 2, width: Self.boxWidth,
                                 height: height))
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

    /// Where a label of `width` × `height` points can stand on the straight line between the centres of
    /// `a` and `b` without touching any box or any rectangle of `taken`: the free point nearest the middle
    /// of the line, or nil when there is none.
    func freeSpot(between a: Box, and b: Box, width: Double, height: Double, avoiding taken: [Rect]) -> (x: Double, y: Double)? {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return nil }
        let step = min(0.05, 6 / length)
        let count = Int(0.5 / step)
        for k in 0...(2 * count) {
            // 0.5, 0.5 + step, 0.5 - step, 0.5 + 2 step, ...
            let t = 0.5 + Double((k + 1) / 2) * step * (k % 2 == 1 ? 1 : -1)
            guard t > 0, t < 1 else { continue }
            let rect = Rect(centerX: a.x + t * dx, centerY: a.y + t * dy, width: width, height: height)
            if rect.minX < 0 || rect.minY < Self.top - 10 { continue }
            if hitsBox(rect) || taken.contains(where: { $0.intersects(rect) }) { continue }
            return (a.x + t * dx, a.y + t * dy)
        }
        return nil
    }

    /// Whether `rect` touches a box (columns found by x, boxes of a column by y).
    func hitsBox(_ rect: Rect) -> Bool {
        let half = Self.boxWidth / 2
        // The first column whose right edge is right of rect.minX.
        var lo = 0, hi = columns.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if columns[mid].x + half <= rect.minX { lo = mid + 1 } else { hi = mid }
        }
        var c = lo
        while c < columns.count, columns[c].x - half < rect.maxX {
            let ids = columns[c].boxes
            // The first box whose bottom is below rect.minY.
            var l = 0, h = ids.count
            while l < h {
                let m = (l + h) / 2
                let box = boxes[ids[m]]
                if box.y + box.height / 2 <= rect.minY { l = m + 1 } else { h = m }
            }
            while l < ids.count {
                let box = boxes[ids[l]]
                if box.y - box.height / 2 >= rect.maxY { break }
                if Rect(centerX: box.x, centerY: box.y, width: box.width, height: box.height).intersects(rect) { return true }
                l += 1
            }
            c += 1
        }
        return false
    }

    /// A generous estimate of the width in points of `text` set at `size` points in the default font (Noto
    /// Sans CJK): Graphviz's own estimate, used when labels are not measured, is narrower than that font.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20: em += 0.3
            case 0x41...0x5A: em += 0.75
            case 0x21...0x7E: em += 0.62
            case 0x2000...0x2BFF: em += 1.0  // punctuation, arrows, box drawing, shapes: full width in CJK fonts
            default: em += CorpusText.columns(Character(scalar)) == 2 ? 1.0 : 0.75
            }
        }
        return em * size
    }

    /// How many lines ``label(_:dates:)`` gives `event`: the date's, and its title's (at most
    /// ``maxTitleLines``).
    static func labelLineCount(_ event: Event) -> Int {
        let title = CorpusText.line(event.title)
        return 1 + min(CorpusText.wrappedLineCount(title.isEmpty ? "(untitled)" : title, width: DOTEncoder.labelWidth),
                       maxTitleLines)
    }

    /// The label lines of an event box: its date, then its title wrapped (cut after ``maxTitleLines`` lines);
    /// and the date written out for the tooltip. The date is parsed once for both.
    static func label(_ event: Event) -> (lines: [String], longDate: String) {
        var dates: [String: (text: String, long: String)] = [:]
        return label(event, dates: &dates)
    }

    /// ``label(_:)`` with the date labels of each date value made once (`dates` keeps them).
    static func label(_ event: Event, dates: inout [String: (text: String, long: String)]) -> (lines: [String], longDate: String) {
        let title = CorpusText.line(event.title)
        var wrapped = CorpusText.wrap(title.isEmpty ? "(untitled)" : title, width: DOTEncoder.labelWidth)
        if wrapped.count > maxTitleLines {
            wrapped = Array(wrapped.prefix(maxTitleLines))
            wrapped[maxTitleLines - 1] = String(wrapped[maxTitleLines - 1].dropLast()) + "…"
        }
        let date: (text: String, long: String)
        let key = event.date.value + "|" + event.date.start + "|" + event.date.end + "|" + event.date.precision.rawValue
        if let known = dates[key] {
            date = known
        } else {
            if let edtf = DateLabel.parse(event.date.value) {
                date = (DateLabel.text(for: edtf), DateLabel.long(for: edtf))
            } else {
                date = (DateLabel.text(for: event.date), DateLabel.long(for: event.date))
            }
            dates[key] = date
        }
        return ([date.text] + wrapped, date.long)
    }
}
