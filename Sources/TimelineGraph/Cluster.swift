import TimelineExtraction
import TimelineModel

/// Mentions believed to tell one real event.
struct Cluster {
    let edtf: String
    /// ``edtf`` parsed.
    let date: EventDate
    /// Whether ``edtf`` is a single day.
    let isDay: Bool
    var mentions: [ExtractedMention]
    // What `accepts` compares, kept up to date by `add` so that a widely retold event (hundreds of mentions)
    // costs no more to test than a new one.
    private var sentences: Set<SentenceKey> = []
    private(set) var words: Set<String> = []
    private var types: Set<String> = []
    private(set) var entities: Set<String> = []

    /// One sentence of one document.
    private struct SentenceKey: Hashable {
        var document: String
        var sentence: Int
    }

    /// Whether the sets `accepts` compares are made (see ``prepare()``).
    private(set) var isPrepared = false
    private var firstWords: Set<String>?

    /// A cluster of `first` (whose title's content words are `words` when already known). Unless `prepared`,
    /// what ``accepts(_:)`` compares is made only by ``prepare()``: a date told once never needs it.
    init(edtf: String, date: EventDate, first: ExtractedMention, words: Set<String>? = nil, prepared: Bool = true) {
        self.edtf = edtf
        self.date = date
        self.isDay = date.precision == .day
        self.mentions = [first]
        firstWords = words
        if prepared { prepare() }
    }

    /// Makes what ``accepts(_:)`` compares, from the first mention (a cluster not yet prepared holds only it).
    /// - Returns: The title words and names of the cluster (none when it was already prepared).
    @discardableResult
    mutating func prepare() -> (words: [String], entities: [String]) {
        guard !isPrepared else { return ([], []) }
        isPrepared = true
        let first = mentions.removeFirst()
        defer { firstWords = nil }
        return add(first, words: firstWords)
    }

    /// Adds `m` (whose title's content words are `titleWords` when already known).
    /// - Returns: The title words and the names (actors, places) the cluster did not hold before.
    @discardableResult
    mutating func add(_ m: ExtractedMention, words titleWords: Set<String>? = nil) -> (words: [String], entities: [String]) {
        precondition(isPrepared || mentions.isEmpty, "a cluster is prepared before it takes a second mention")
        isPrepared = true
        mentions.append(m)
        sentences.insert(SentenceKey(document: m.document, sentence: m.sentence))
        var newWords: [String] = [], newEntities: [String] = []
        for w in titleWords ?? Set(Slug.contentWords(m.title)) where words.insert(w).inserted { newWords.append(w) }
        if m.type != "event" { types.insert(m.type) }
        for e in m.actors where entities.insert(e).inserted { newEntities.append(e) }
        for e in m.places where entities.insert(e).inserted { newEntities.append(e) }
        return (newWords, newEntities)
    }

    /// Event types that can describe one event from different angles (a treaty signed at a summit).
    static let families: [String: String] = [
        "diplomacy": "diplomacy", "agreement": "diplomacy", "statement": "diplomacy",
        "war": "war", "conflict": "war",
        "economy": "economy", "business": "economy",
    ]

    /// Types of events that belong to their actors (see ``accepts(_:)``), as `event-types.json` marks them.
    static let ownTypes = Lexicon.shared.typesOfActors

    static func compatible(_ a: String, _ b: String) -> Bool {
        a == b || (families[a] != nil && families[a] == families[b])
    }

    /// What `accepts` compares of a mention, made once per mention however many clusters it is tried on.
    struct Candidate {
        let mention: ExtractedMention
        let edtf: String
        let words: Set<String>
        let entities: Set<String>

        init(_ m: ExtractedMention, edtf: String) {
            mention = m
            self.edtf = edtf
            words = Set(Slug.contentWords(m.title))
            entities = Set(m.actors + m.places)
        }
    }

    /// Same date, compatible type, and something shared: actors or places, or a title word.
    /// A date precise to the day needs less: two statements of one day with compatible types are one event.
    /// (Anything a cluster accepts shares a title word or a name with it, except a typed mention of a day:
    /// ``ClusterList`` relies on this to test a mention only against the clusters that could take it.)
    func accepts(_ c: Candidate) -> Bool {
        assert(isPrepared, "a cluster is prepared before it is tested")
        let m = c.mention
        guard c.edtf == self.edtf else { return false }
        // Two dates of one sentence are two events unless the same expression is repeated.
        if sentences.contains(SentenceKey(document: m.document, sentence: m.sentence)) { return false }
        let untyped = m.type == "event" || types.isEmpty
        // Counted, not intersected: no set is made for a test that most clusters fail.
        var shared = 0
        for e in c.entities where entities.contains(e) { shared += 1 }
        // Events of a company's or a person's own (results, products, prizes, births) that name who or where, and
        // nobody and nowhere in common, are two events: two companies' results of one quarter or one day.
        if shared == 0, !c.entities.isEmpty, !entities.isEmpty,
           Cluster.ownTypes.contains(m.type) || types.contains(where: Cluster.ownTypes.contains) { return false }
        if !untyped {
            guard types.contains(where: { Cluster.compatible($0, m.type) }) else { return false }
            // (Not for events of their actors' own: two companies' shares closed on one day.)
            if isDay, !Cluster.ownTypes.contains(m.type) { return true }
        }
        var sharedWords = 0
        for w in c.words where words.contains(w) { sharedWords += 1 }
        if untyped { return sharedWords >= 2 || (isDay && (shared > 0 || sharedWords >= 1)) }
        if shared >= 2 || (shared == 1 && (entities.count == 1 || c.entities.count == 1)) { return true }
        // Names on both sides and none shared: one common title word (`net`, `loss`) is not enough.
        if shared == 0, !c.entities.isEmpty, !entities.isEmpty { return sharedWords >= 2 }
        return sharedWords >= 1
    }

    /// The event, with the title of its most title-like mention; its id starts with `dateSlug`
    /// (``Slug/dateSlug(_:)`` of ``edtf``).
    func event(dateSlug: String) -> Event {
        // Most events are told once: their event is their mention's.
        let best: ExtractedMention
        if mentions.count == 1 {
            best = mentions[0]
        } else {
            // The first of the best (each key made once, not in every comparison: counting characters is not free).
            let keys = mentions.map { a in
                (-a.titleQuality, a.language == "en" ? 0 : 1, a.title.count > 60 ? 1 : 0, a.document, a.textSpan.lowerBound)
            }
            best = mentions[keys.indices.min { keys[$0] < keys[$1] }!]
        }
        var type = best.type
        if type == "event" {
            var counts: [String: Int] = [:]
            for m in mentions where m.type != "event" { counts[m.type, default: 0] += 1 }
            type = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? "event"
        }
        let id = dateSlug + "-" + Slug.make(from: best.title, fallback: ([type] + best.actors).joined(separator: " "))
        return Event(id: id, date: date, title: best.title, type: type,
                     actors: Self.ranked(mentions.map(\.actors)), places: Self.ranked(mentions.map(\.places)),
                     mentions: mentions.count == 1 ? [mentions[0].mention] : mentions.map(\.mention).sorted())
    }

    /// Names ordered by how many mentions give them, then by first appearance.
    static func ranked(_ lists: [[String]]) -> [String] {
        // One list without repeats (the usual case) is its own ranking.
        if lists.count == 1, !Self.repeats(lists[0]) { return lists[0] }
        var count: [String: Int] = [:], first: [String: Int] = [:]
        var i = 0
        for list in lists {
            for name in list {
                count[name, default: 0] += 1
                if first[name] == nil { first[name] = i }
                i += 1
            }
        }
        return count.keys.sorted { (-count[$0]!, first[$0]!) < (-count[$1]!, first[$1]!) }
    }

    /// Whether a name occurs twice in `list` (a few names: compared pairwise).
    private static func repeats(_ list: [String]) -> Bool {
        if list.count < 2 { return false }
        if list.count > 16 { return Set(list).count != list.count }
        for i in list.indices { for j in list.indices where j > i && list[i] == list[j] { return true } }
        return false
    }
}
