import TimelineModel

/// Applies a ``Curation`` (curation.json) to a freshly extracted event graph.
///
/// The order is fixed: **add**, then **merge**, then the per-event **overrides** (so an override of a
/// merge's surviving id wins over what the merge kept, and added events can be merged into or overridden).
/// Event ids never change: a new title or date keeps the id, so the curation keeps applying after the
/// next extraction. Curation is meant for the fresh extraction, not for its own output: applied to a graph
/// it already curated it reports hidden and merged ids as gone.
///
/// Nothing is dropped silently: every entry that no longer applies (an id that is not in the graph any
/// more, an id merged twice, an added id that is already extracted) becomes a warning naming it.
/// The result is canonical and deterministic: the same graph and curation give the same graph and the
/// same warnings, in the same order.
public struct CurationApplier: Sendable {
    /// How warnings name the file, e.g. `curation.json` or the path the user gave.
    public var fileName: String

    public init(fileName: String = Curation.fileName) {
        self.fileName = fileName
    }

    /// An event during curation: dated (an event) or not (an undated event).
    struct Node {
        var id: String
        var date: EventDate?
        var title: String
        var type: String
        var actors: [String]
        var places: [String]
        var mentions: [Mention]
    }

    public func apply(_ curation: Curation, to graph: EventGraph) -> (graph: EventGraph, warnings: [String]) {
        var warnings: [String] = []
        func warn(_ s: String) { warnings.append("\(fileName): \(s)") }

        var nodes: [Node] = graph.events.map {
            Node(id: $0.id, date: $0.date, title: $0.title, type: $0.type, actors: $0.actors, places: $0.places,
                 mentions: $0.mentions)
        } + graph.undated.map {
            Node(id: $0.id, date: nil, title: $0.title, type: $0.type, actors: [], places: [], mentions: $0.mentions)
        }
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() where index[n.id] == nil { index[n.id] = i }
        let extractedIDs = Set(index.keys)

        // 1. add
        for (k, e) in curation.add.enumerated() {
            if index[e.id] != nil {
                let origin = extractedIDs.contains(e.id) ? "the extraction" : "an earlier entry of add"
                warn("add[\(k)]: event \"\(e.id)\" already exists in \(origin) (added event skipped; "
                     + "use \"events\" to correct the existing one)")
                continue
            }
            var node = Node(id: e.id, date: e.date, title: e.title, type: e.type, actors: unique(e.actors),
                            places: unique(e.places), mentions: Array(Set(e.mentions)).sorted())
            node.title = fittedTitle(node.title, subject: "add[\(k)]: event \"\(e.id)\"", warn: warn)
            index[e.id] = nodes.count
            nodes.append(node)
        }

        // 2. merge
        var removed = Set<Int>()               // node indices merged away
        var mergedInto: [String: (survivor: String, group: Int)] = [:]
        var claimedBy: [String: Int] = [:]     // id -> the merge group that took it
        for (g, group) in curation.merge.enumerated() {
            if group.count < 2 {
                let listed = group.isEmpty ? "an empty group" : group.map { "\"\($0)\"" }.joined(separator: ", ")
                warn("merge[\(g)]: a merge group needs at least two event ids (\(listed) ignored)")
                continue
            }
            var members: [Int] = []
            for id in group {
                if let first = claimedBy[id] {
                    warn(first == g ? "merge[\(g)]: event \"\(id)\" is listed twice (repeat ignored)"
                         : "merge[\(g)]: event \"\(id)\" is already merged by merge[\(first)] (left out of this group)")
                    continue
                }
                guard let i = index[id] else {
                    warn("merge[\(g)]: event \"\(id)\" no longer exists (left out of the merge)" + suggestion(for: id, in: nodes, removed: removed))
                    continue
                }
                claimedBy[id] = g
                members.append(i)
            }
            guard members.count >= 2 else { continue }
            let s = members[0]
            for i in members.dropFirst() {
                let other = nodes[i]
                if nodes[s].date == nil, let date = other.date { nodes[s].date = date }
                nodes[s].actors = unique(nodes[s].actors + other.actors)
                nodes[s].places = unique(nodes[s].places + other.places)
                nodes[s].mentions = Array(Set(nodes[s].mentions + other.mentions)).sorted()
                mergedInto[other.id] = (nodes[s].id, g)
                removed.insert(i)
            }
        }

        // 3. overrides, in id order so that warnings come out deterministically
        var hidden = Set<Int>()
        for id in curation.events.keys.sorted() {
            let o = curation.events[id]!
            let fields = o.fieldNames.isEmpty ? "override" : "override of " + o.fieldNames.joined(separator: ", ")
            if let (survivor, g) = mergedInto[id] {
                warn("event \"\(id)\" was merged into \"\(survivor)\" by merge[\(g)] (\(fields) ignored; "
                     + "put it on \"\(survivor)\")")
                continue
            }
            guard let i = index[id] else {
                warn("event \"\(id)\" no longer exists (\(fields) ignored)" + suggestion(for: id, in: nodes, removed: removed))
                continue
            }
            if o.hidden == true {
                hidden.insert(i)
                continue
            }
            if let title = o.title {
                nodes[i].title = fittedTitle(title, subject: "event \"\(id)\"", warn: warn)
            }
            if let text = o.date {
                if let date = EventDate(edtf: text) {
                    nodes[i].date = date
                } else {
                    warn("event \"\(id)\": the date '\(text)' is not an EDTF date this tool understands (override of date ignored)")
                }
            }
            if let type = o.type { nodes[i].type = type }
            if let actors = o.actors { nodes[i].actors = unique(actors) }
            if let places = o.places { nodes[i].places = unique(places) }
            if nodes[i].date == nil, o.actors?.isEmpty == false || o.places?.isEmpty == false {
                warn("event \"\(id)\" is undated, and undated events have no actors or places "
                     + "(override of actors, places ignored; give it a date to place it on the timeline)")
            }
        }

        // 4. the graph: events, undated, relations re-pointed to survivors, without hidden ends and self-loops
        var events: [Event] = []
        var undated: [UndatedEvent] = []
        var hiddenIDs = Set<String>()
        for (i, n) in nodes.enumerated() where !removed.contains(i) {
            if hidden.contains(i) { hiddenIDs.insert(n.id); continue }
            if let date = n.date {
                events.append(Event(id: n.id, date: date, title: n.title, type: n.type, actors: n.actors,
                                    places: n.places, mentions: n.mentions))
            } else {
                undated.append(UndatedEvent(id: n.id, title: n.title, type: n.type, mentions: n.mentions))
            }
        }
        var relations: [Relation] = []
        for var r in graph.relations {
            r.from = mergedInto[r.from]?.survivor ?? r.from
            r.to = mergedInto[r.to]?.survivor ?? r.to
            if r.from == r.to || hiddenIDs.contains(r.from) || hiddenIDs.contains(r.to) { continue }
            relations.append(r)
        }

        var result = EventGraph(schemaVersion: graph.schemaVersion, documents: graph.documents, events: events,
                                relations: relations, undated: undated)
        result.canonicalize()
        // One relation per (from, to, type), as the extractor writes them: keep the first in canonical order.
        var seen = Set<String>()
        result.relations = result.relations.filter { seen.insert("\($0.from)\u{0}\($0.to)\u{0}\($0.type.rawValue)").inserted }
        return (result, warnings)
    }

    /// A title of at most ``Event/maxTitleLength`` characters: a longer one is cut at a word boundary when
    /// one is near, ends with `…`, and is reported.
    func fittedTitle(_ title: String, subject: String, warn: (String) -> Void) -> String {
        let full = trimmed(title)
        guard full.count > Event.maxTitleLength else { return full }
        var cut = String(full.prefix(Event.maxTitleLength - 1))
        if let space = cut.lastIndex(where: \.isWhitespace), cut.distance(from: cut.startIndex, to: space) >= Event.maxTitleLength / 2 {
            cut = String(cut[..<space])
        }
        cut = trimmed(cut) + "…"
        warn("\(subject): the title has \(full.count) characters, more than \(Event.maxTitleLength) "
             + "(truncated to \"\(cut)\")")
        return cut
    }

    /// The names once each, in their first order.
    func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// ` (did you mean "…"?)` when an existing id shares most of the missing id's words: ids are built from
    /// the date and the title, so an id usually goes stale because one of them changed.
    func suggestion(for id: String, in nodes: [Node], removed: Set<Int>) -> String {
        let words = Set(id.split(separator: "-"))
        guard !words.isEmpty else { return "" }
        var best: (score: Double, id: String)?
        for (i, n) in nodes.enumerated() where !removed.contains(i) {
            let other = Set(n.id.split(separator: "-"))
            let score = Double(words.intersection(other).count) / Double(words.union(other).count)
            if score >= 0.5, best == nil || score > best!.score || (score == best!.score && n.id < best!.id) {
                best = (score, n.id)
            }
        }
        return best.map { " (did you mean \"\($0.id)\"?)" } ?? ""
    }
}

/// The text without leading and trailing white space.
private func trimmed(_ text: String) -> String {
    var s = Substring(text)
    while let c = s.first, c.isWhitespace { s = s.dropFirst() }
    while let c = s.last, c.isWhitespace { s = s.dropLast() }
    return String(s)
}
