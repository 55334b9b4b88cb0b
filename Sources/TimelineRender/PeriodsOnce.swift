import Foundation
import TimelineModel

/// The periods of one graph, made once for the renderers of one rendering however many ask (the SVG and the
/// Markdown both group the same events into the same periods). Thread-safe: a second caller waits for the
/// first's result.
final class PeriodsOnce: @unchecked Sendable {
    private let graph: EventGraph
    private let lock = NSLock()
    private var made: [TimelinePeriod]?

    /// For `graph`, already filtered: ``periods`` is ``TimelinePeriod/periods(of:granularity:)`` of it.
    init(_ graph: EventGraph) {
        self.graph = graph
    }

    var periods: [TimelinePeriod] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let periods = TimelinePeriod.periods(of: graph)
        made = periods
        return periods
    }
}
