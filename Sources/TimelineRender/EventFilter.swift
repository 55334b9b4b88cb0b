import TimelineModel

/// Which events a rendering shows: a date window and event types and actors. The same filter applies to every
/// output (DOT, SVG, Markdown, Mermaid, TimelineJS) and to each `--inject` block.
public struct EventFilter: Sendable, Equatable {
    /// Events that end before this date's first day are left out (EDTF: `2000`, `1969-03`, `196X`...).
    public var from: EDTF?
    /// Events that start after this date's last day are left out.
    public var to: EDTF?
    /// When not empty, only events of these types (compared case-insensitively).
    public var types: [String]
    /// When not empty, only events with at least one of these actors (compared case-insensitively).
    public var actors: [String]

    /// Creates a filter; the default keeps everything.
    public init(from: EDTF? = nil, to: EDTF? = nil, types: [String] = [], actors: [String] = []) {
        self.from = from
        self.to = to
        self.types = types
        self.actors = actors
    }

    /// Parses the textual form used on the command line and on injection markers.
    /// - Throws: ``TimelineError/invalidArgument(_:)`` naming the option when a date is not EDTF.
    public static func parse(from: String?, to: String?, types: [String] = [], actors: [String] = []) throws -> EventFilter {
        func date(_ text: String?, _ name: String) throws -> EDTF? {
            guard let text, !text.isEmpty else { return nil }
            guard let edtf = EDTF(text) else {
                throw TimelineError.invalidArgument(
                    "--\(name): '\(text)' is not an EDTF date (examples: 2000, 1969-03, 2019-06-05, 196X)")
            }
            return edtf
        }
        let filter = EventFilter(from: try date(from, "from"), to: try date(to, "to"),
                                 types: list(types), actors: list(actors))
        if let f = filter.from, let t = filter.to, t.end < f.start {
            throw TimelineError.invalidArgument("--to \(t) is before --from \(f): nothing could be shown")
        }
        return filter
    }

    /// Splits comma-separated values (`--type war,diplomacy`), trimmed, empty pieces dropped.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Whether the filter keeps every event.
    public var isEmpty: Bool { from == nil && to == nil && types.isEmpty && actors.isEmpty }

    /// Whether `event` passes. An event whose date cannot be read passes a date window only when there is none.
    public func includes(_ event: Event) -> Bool {
        if !types.isEmpty, !typeSet.contains(event.type.lowercased()) { return false }
        if !actors.isEmpty, !event.actors.contains(where: { actorSet.contains($0.lowercased()) }) { return false }
        return includes(dateOf: event)
    }

    private var typeSet: Set<String> { Set(types.map { $0.lowercased() }) }
    private var actorSet: Set<String> { Set(actors.map { $0.lowercased() }) }

    /// The part of `graph` the filter keeps: the events that pass, the relations between two of them, the
    /// documents they cite. Undated events are kept only without a date window or actor filter (they have
    /// neither), and by type.
    public func apply(to graph: EventGraph) -> EventGraph {
        guard !isEmpty else { return graph }
        let types = typeSet
        var out = graph
        out.events = graph.events.filter { includes($0) }
        let kept = Set(out.events.map(\.id))
        out.relations = graph.relations.filter { kept.contains($0.from) && kept.contains($0.to) }
        if from != nil || to != nil || !self.actors.isEmpty {
            out.undated = []
        } else {
            out.undated = graph.undated.filter { types.isEmpty || types.contains($0.type.lowercased()) }
        }
        var cited = Set<String>()
        for event in out.events { for m in event.mentions { cited.insert(m.document) } }
        for event in out.undated { for m in event.mentions { cited.insert(m.document) } }
        out.documents = graph.documents.filter { cited.contains($0.id) }
        return out
    }

    private func includes(dateOf event: Event) -> Bool {
        guard from != nil || to != nil else { return true }
        guard let start = CalendarDay(iso: event.date.start) ?? EDTF(event.date.value)?.start else { return false }
        let end = CalendarDay(iso: event.date.end) ?? EDTF(event.date.value)?.end ?? start
        if let from, end < from.start { return false }
        if let to, start > to.end { return false }
        return true
    }
}
