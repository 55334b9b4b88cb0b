/// The event graph: the content of `events.json`, schema version 1.
///
/// This is the contract between the extractor and the renderers. It is encoded
/// deterministically by ``EventGraphCoder``: sorted keys, sorted arrays, no timestamps.
public struct EventGraph: Codable, Equatable, Sendable {
    /// The schema version this build of the tool reads and writes.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Every document of the corpus, sorted by id.
    public var documents: [DocumentRecord]
    /// Dated events, sorted by start date, then id.
    public var events: [Event]
    /// Relations the text states between events, sorted by (from, to, type).
    public var relations: [Relation]
    /// Events whose date the text does not let us resolve (kept off the timeline).
    public var undated: [UndatedEvent]

    public init(schemaVersion: Int = EventGraph.currentSchemaVersion, documents: [DocumentRecord] = [],
                events: [Event] = [], relations: [Relation] = [], undated: [UndatedEvent] = []) {
        self.schemaVersion = schemaVersion
        self.documents = documents
        self.events = events
        self.relations = relations
        self.undated = undated
    }

    enum CodingKeys: String, CodingKey { case schemaVersion, documents, events, relations, undated }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        documents = try c.decodeIfPresent([DocumentRecord].self, forKey: .documents) ?? []
        events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
        relations = try c.decodeIfPresent([Relation].self, forKey: .relations) ?? []
        undated = try c.decodeIfPresent([UndatedEvent].self, forKey: .undated) ?? []
    }

    /// Puts every array in its canonical order so that encoding is byte-for-byte deterministic.
    public mutating func canonicalize() {
        // Each part is checked before it is sorted: a graph that is already canonical (the graph builder's, and
        // every renderer's copy of it) is then not copied at all, which for 27,000 events saved a tenth of a
        // second per renderer.
        func sortIfNeeded<T>(_ array: inout [T], by less: (T, T) -> Bool) {
            var sorted = true
            var i = array.startIndex
            while sorted, i + 1 < array.endIndex {
                if less(array[i + 1], array[i]) { sorted = false }
                i += 1
            }
            if !sorted { array.sort(by: less) }
        }
        sortIfNeeded(&documents) { $0.id < $1.id }
        // Looked for before any is sorted: a loop that may write `events[i]` makes the array unique first, which
        // copied every event of a renderer's copy of the graph (and freed them later) though none was unsorted.
        if events.contains(where: { !Self.isSorted($0.mentions) }) {
            for i in events.indices where !Self.isSorted(events[i].mentions) { events[i].canonicalize() }
        }
        sortIfNeeded(&events) { a, b in
            let ka = (a.date.start, a.date.end, a.id), kb = (b.date.start, b.date.end, b.id)
            return ka < kb
        }
        sortIfNeeded(&relations) { a, b in
            if (a.from, a.to, a.type.rawValue) != (b.from, b.to, b.type.rawValue) {
                return (a.from, a.to, a.type.rawValue) < (b.from, b.to, b.type.rawValue)
            }
            let ea = a.evidence, eb = b.evidence
            if ea.document != eb.document { return ea.document < eb.document }
            if ea.span != eb.span { return ea.span.lexicographicallyPrecedes(eb.span) }
            return ea.quote < eb.quote
        }
        if undated.contains(where: { !Self.isSorted($0.mentions) }) {
            for i in undated.indices where !Self.isSorted(undated[i].mentions) { undated[i].mentions.sort() }
        }
        sortIfNeeded(&undated) { $0.id < $1.id }
    }

    private static func isSorted(_ mentions: [Mention]) -> Bool {
        var i = 0
        while i + 1 < mentions.count {
            if mentions[i + 1] < mentions[i] { return false }
            i += 1
        }
        return true
    }

    /// The event with the given id, if any.
    public func event(withID id: String) -> Event? { events.first { $0.id == id } }
}
