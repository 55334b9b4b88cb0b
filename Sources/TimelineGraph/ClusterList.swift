import TimelineExtraction
import TimelineModel

/// The clusters of one date value, in the order they were started, each mention joining the first cluster
/// that accepts it or starting a new one.
///
/// A date retold across a large corpus has hundreds of clusters, and trying each on every mention is
/// quadratic. A cluster accepts only a mention it shares a title word or a name with, or a typed mention of
/// a day (see ``Cluster/accepts(_:)``), so the list keeps an index from words and names to the clusters that
/// hold them and tries only those, in the order they were started: the first that accepts is the one a scan
/// of every cluster would find.
struct ClusterList {
    let edtf: String
    let date: EventDate
    private(set) var clusters: [Cluster] = []
    private var byWord: [String: [Int]] = [:]
    private var byEntity: [String: [Int]] = [:]
    /// How many clusters (the first ones) the index covers: it is made when a second mention comes, so that
    /// a date told once (most are) makes none.
    private var indexed = 0

    init(edtf: String, date: EventDate) {
        self.edtf = edtf
        self.date = date
        dateSlug = Slug.dateSlug(edtf)
    }

    /// ``Slug/dateSlug(_:)`` of ``edtf``: how the ids of its events start.
    let dateSlug: String

    /// The event of each cluster, in order.
    var events: [Event] { clusters.map { $0.event(dateSlug: dateSlug) } }

    /// Puts `m` in the first cluster that accepts it, or in a new one.
    /// - Returns: The cluster's index, and whether `m` started it.
    mutating func add(_ m: ExtractedMention) -> (index: Int, started: Bool) {
        guard !clusters.isEmpty else { return (start(m, words: nil), true) }
        let candidate = Cluster.Candidate(m, edtf: edtf)
        catchUp()
        if let k = first(accepting: candidate) {
            let added = clusters[k].add(m, words: candidate.words)
            index(k, added)
            return (k, false)
        }
        return (start(m, words: candidate.words), true)
    }

    private func first(accepting c: Cluster.Candidate) -> Int? {
        // A typed mention of a day can join a cluster it shares nothing with: every cluster is tried.
        if date.precision == .day, c.mention.type != "event" {
            return clusters.firstIndex { $0.accepts(c) }
        }
        var tried: [Int] = []
        for w in c.words { tried += byWord[w] ?? [] }
        for e in c.entities { tried += byEntity[e] ?? [] }
        tried.sort()
        var last = -1
        for k in tried where k != last {
            last = k
            if clusters[k].accepts(c) { return k }
        }
        return nil
    }

    private mutating func start(_ m: ExtractedMention, words: Set<String>?) -> Int {
        clusters.append(Cluster(edtf: edtf, date: date, first: m, words: words, prepared: false))
        return clusters.count - 1
    }

    /// Indexes the clusters started since the last mention was tested.
    private mutating func catchUp() {
        while indexed < clusters.count {
            index(indexed, clusters[indexed].prepare())
            indexed += 1
        }
    }

    private mutating func index(_ k: Int, _ added: (words: [String], entities: [String])) {
        for w in added.words { byWord[w, default: []].append(k) }
        for e in added.entities { byEntity[e, default: []].append(k) }
    }
}
