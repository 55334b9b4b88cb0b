import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineModel

/// Turns the mentions extracted from every document into the event graph: mentions of the same real
/// event (same date, compatible type, shared actors, places or title words, in any language) become one
/// event with stable id, and an event told at a coarser date joins its finer telling (``PrecisionMerge``);
/// stated relations become edges; undatable mentions go to the `undated` list.
public struct GraphBuilder: Sendable {
    /// Threads that cluster dates side by side; the graph does not depend on it.
    public var threads: Int

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.threads = max(1, threads)
    }

    /// One dated mention: which extraction (in document order), which of its mentions, and its place in the
    /// document-ordered sequence of all dated mentions.
    private struct Ref {
        var document: Int
        var mention: Int
        var sequence: Int
    }

    /// Where a cluster's first mention is: its document (index in document order), its offset there, and its
    /// place among all dated mentions. Clusters are numbered in this order, which is the order of the key
    /// `document id, NUL, offset in 12 digits` and then the sequence: compared as integers, not as strings.
    private struct First: Comparable {
        var document: Int
        var offset: Int
        var sequence: Int

        static func < (a: First, b: First) -> Bool {
            (a.document, a.offset, a.sequence) < (b.document, b.offset, b.sequence)
        }
    }

    /// The mentions of one date value, in document order, and what clustering them gave.
    private struct Bucket {
        let edtf: String
        let date: EventDate
        var refs: [Ref] = []
        // Results: per cluster its event and where its first mention is; per ref its cluster.
        var events: [Event] = []
        var firsts: [First] = []
        var assignment: [Int] = []
    }

    public func build(documents: [SourceDocument], extractions: [DocumentExtraction]) -> EventGraph {
        let extractions = extractions.sorted(by: { $0.document < $1.document })
        var undated: [ExtractedMention] = []
        // Mentions by date value: a mention can only join a cluster of its own date, so each date is clustered
        // on its own, and the dates side by side.
        var buckets: [Bucket] = []
        var bucketOf: [String: Int] = [:]
        var parsed: [String: EventDate?] = [:]   // each distinct value parsed once
        var sequence = 0
        // By index: a mention (a dozen strings and arrays) is copied only into the undated list.
        for d in extractions.indices {
            for i in extractions[d].mentions.indices {
                guard let edtf = extractions[d].mentions[i].edtf else { undated.append(extractions[d].mentions[i]); continue }
                if parsed[edtf] == nil { parsed[edtf] = .some(EventDate(edtf: edtf)) }
                guard let date = parsed[edtf]! else { undated.append(extractions[d].mentions[i]); continue }
                let ref = Ref(document: d, mention: i, sequence: sequence)
                sequence += 1
                if let b = bucketOf[edtf] {
                    buckets[b].refs.append(ref)
                } else {
                    bucketOf[edtf] = buckets.count
                    buckets.append(Bucket(edtf: edtf, date: date, refs: [ref]))
                }
            }
        }
        cluster(&buckets, extractions)

        // Events with stable ids: date + title words; a clash gets a numeric suffix in first-mention order (the
        // order in which a single pass over the documents would have made the clusters breaks ties).
        var all: [(bucket: Int, cluster: Int)] = []
        for b in buckets.indices {
            for k in buckets[b].events.indices { all.append((b, k)) }
        }
        all.sort { x, y in buckets[x.bucket].firsts[x.cluster] < buckets[y.bucket].firsts[y.cluster] }
        // An event told at a coarser date elsewhere (`May 2014` beside `21 May 2014`) joins the finer one.
        var ordered = all.map { buckets[$0.bucket].events[$0.cluster] }
        let target = PrecisionMerge.targets(ordered)
        for i in ordered.indices {
            guard let t = target[i] else { continue }
            ordered[t].mentions = (ordered[t].mentions + ordered[i].mentions).sorted()
            for a in ordered[i].actors where !ordered[t].actors.contains(a) { ordered[t].actors.append(a) }
            for p in ordered[i].places where !ordered[t].places.contains(p) { ordered[t].places.append(p) }
        }
        var events: [Event] = []
        events.reserveCapacity(all.count)
        var used: [String: Int] = [:]
        var idOf: [[String]] = buckets.map { [String](repeating: "", count: $0.events.count) }
        for (i, (b, k)) in all.enumerated() where target[i] == nil {
            var e = ordered[i]
            let base = e.id
            let n = used[base, default: 0] + 1
            used[base] = n
            if n > 1 { e.id = "\(base)-\(n)" }
            idOf[b][k] = e.id
            events.append(e)
        }
        for (i, (b, k)) in all.enumerated() {
            if let t = target[i] { idOf[b][k] = idOf[all[t].bucket][all[t].cluster] }
        }
        // Each mention's event id, per extraction.
        var eventOf: [[String?]] = extractions.map { [String?](repeating: nil, count: $0.mentions.count) }
        for b in buckets.indices {
            for (r, ref) in buckets[b].refs.enumerated() { eventOf[ref.document][ref.mention] = idOf[b][buckets[b].assignment[r]] }
        }

        var relations = Set<Relation>()
        for (d, ex) in extractions.enumerated() {
            for r in ex.relations {
                guard eventOf[d].indices.contains(r.from), eventOf[d].indices.contains(r.to),
                      let a = eventOf[d][r.from], let b = eventOf[d][r.to], a != b else { continue }
                relations.insert(Relation(from: a, to: b, type: r.type, evidence: r.evidence))
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

    /// Clusters every bucket (on up to ``threads`` threads) and makes each cluster's event: the mentions of a
    /// date in document order, each joining the first cluster that accepts it or starting a new one.
    private func cluster(_ buckets: inout [Bucket], _ extractions: [DocumentExtraction]) {
        final class Box: @unchecked Sendable {
            var buckets: [Bucket]
            var next = 0
            let lock = NSLock()
            init(_ b: [Bucket]) { buckets = b }
        }
        let box = Box(buckets)
        buckets = []
        let count = box.buckets.count
        DispatchQueue.concurrentPerform(iterations: min(threads, max(count, 1))) { _ in
            while true {
                box.lock.lock()
                let b = box.next
                box.next += 1
                let bucket = b < count ? box.buckets[b] : nil
                box.lock.unlock()
                guard var bucket else { return }
                var list = ClusterList(edtf: bucket.edtf, date: bucket.date)
                for ref in bucket.refs {
                    let (k, started) = list.add(extractions[ref.document].mentions[ref.mention])
                    if started {
                        bucket.firsts.append(First(document: ref.document,
                                                   offset: extractions[ref.document].mentions[ref.mention].textSpan.lowerBound,
                                                   sequence: ref.sequence))
                    }
                    bucket.assignment.append(k)
                }
                bucket.events = list.events
                box.lock.lock()
                box.buckets[b] = bucket
                box.lock.unlock()
            }
        }
        buckets = box.buckets
    }
}