import TimelineCorpus
import TimelineExtraction
import TimelineModel

/// Turns the mentions extracted from every document into the event graph: mentions of the same real
/// event (same date, compatible type, shared actors, places or title words, in any language) become one
/// event with stable id; stated relations become edges; undatable mentions go to the `undated` list.
public struct GraphBuilder: Sendable {
    public init() {}

    public func build(documents: [SourceDocument], extractions: [DocumentExtraction]) -> EventGraph {
        var clusters: [Cluster] = []
        var mentionCluster: [String: [Int?]] = [:]   // document id -> cluster index for each mention
        var undated: [ExtractedMention] = []
        // Clusters by date: a mention can only join a cluster of its own date, so only those are searched.
        var byDate: [String: [Int]] = [:]
        // Each distinct value parsed once.
        var parsed: [String: EventDate?] = [:]
        func date(_ edtf: String) -> EventDate? {
            if let known = parsed[edtf] { return known }
            let d = EventDate(edtf: edtf)
            parsed[edtf] = d
            return d
        }
        for ex in extractions.sorted(by: { $0.document < $1.document }) {
            var assigned: [Int?] = []
            for m in ex.mentions {
                guard let edtf = m.edtf, let parsedDate = date(edtf) else {
                    undated.append(m)
                    assigned.append(nil)
                    continue
                }
                let candidates = byDate[edtf, default: []]
                let candidate = candidates.isEmpty ? nil : Cluster.Candidate(m, edtf: edtf)
                if let candidate, let k = candidates.first(where: { clusters[$0].accepts(candidate) }) {
                    clusters[k].add(m, words: candidate.words)
                    assigned.append(k)
                } else {
                    clusters.append(Cluster(edtf: edtf, date: parsedDate, first: m))
                    assigned.append(clusters.count - 1)
                    byDate[edtf, default: []].append(clusters.count - 1)
                }
            }
            mentionCluster[ex.document] = assigned
        }

        // Events with stable ids: date + title words; a clash gets a numeric suffix in first-mention order.
        var events: [Event] = []
        var used: [String: Int] = [:]
        let order = clusters.indices.sorted { clusters[$0].firstKey < clusters[$1].firstKey }
        var idOf = [String](repeating: "", count: clusters.count)
        for k in order {
            var e = clusters[k].event()
            let base = e.id
            let n = used[base, default: 0] + 1
            used[base] = n
            if n > 1 { e.id = "\(base)-\(n)" }
            idOf[k] = e.id
            events.append(e)
        }

        var relations = Set<Relation>()
        for ex in extractions {
            guard let assigned = mentionCluster[ex.document] else { continue }
            for r in ex.relations {
                guard let a = assigned[r.from], let b = assigned[r.to], a != b else { continue }
                relations.insert(Relation(from: idOf[a], to: idOf[b], type: r.type, evidence: r.evidence))
            }
        }
        // One edge per (from, to, type): keep the first evidence in document order.
        var seen = Set<String>()
        // A total order (a Set's order changes from run to run): document, span, quote, then the edge itself.
        let unique = relations.sorted { a, b in
            let ka = (a.evidence.document, a.evidence.span.first ?? 0, a.evidence.span.last ?? 0, a.evidence.quote)
            let kb = (b.evidence.document, b.evidence.span.first ?? 0, b.evidence.span.last ?? 0, b.evidence.quote)
            if ka != kb { return ka < kb }
            return (a.from, a.to, a.type.rawValue) < (b.from, b.to, b.type.rawValue)
        }
            .filter { seen.insert("\($0.from)|\($0.to)|\($0.type.rawValue)").inserted }

        var undatedEvents: [UndatedEvent] = []
        var undatedUsed: [String: Int] = [:]
        for m in undated {
            let base = "undated-" + Slug.make(from: m.title, fallback: m.type)
            let n = undatedUsed[base, default: 0] + 1
            undatedUsed[base] = n
            undatedEvents.append(UndatedEvent(id: n > 1 ? "\(base)-\(n)" : base, title: m.title, type: m.type,
                                              mentions: [m.mention]))
        }

        var graph = EventGraph(documents: documents.map(\.record), events: events, relations: unique,
                               undated: undatedEvents)
        graph.canonicalize()
        return graph
    }
}
