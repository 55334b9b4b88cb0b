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
    private var words: Set<String> = []
    private var types: Set<String> = []
    private var entities: Set<String> = []

    /// One sentence of one document.
    private struct SentenceKey: Hashable {
        var document: String
        var sentence: Int
    }

    init(edtf: String, date: EventDate, first: ExtractedMention) {
        self.edtf = edtf
        self.date = date
        self.isDay = date.precision == .day
        self.mentions = []
        add(first)
    }

    mutating func add(_ m: ExtractedMention, words titleWords: Set<String>? = nil) {
        mentions.append(m)
        sentences.insert(SentenceKey(document: m.document, sentence: m.sentence))
        words.formUnion(titleWords ?? Set(Slug.contentWords(m.title)))
        if m.type != "event" { types.insert(m.type) }
        entities.formUnion(m.actors)
        entities.formUnion(m.places)
    }

    var firstKey: String {
        let m = mentions[0]
        return "\(m.document)\u{0}\(String(repeating: "0", count: max(0, 12 - String(m.textSpan.lowerBound).count)))\(m.textSpan.lowerBound)"
    }

    /// Event types that can describe one event from different angles (a treaty signed at a summit).
    static let families: [String: String] = [
        "diplomacy": "diplomacy", "agreement": "diplomacy", "statement": "diplomacy",
        "war": "war", "conflict": "war",
    ]

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
    func accepts(_ c: Candidate) -> Bool {
        let m = c.mention
        guard c.edtf == self.edtf else { return false }
        // Two dates of one sentence are two events unless the same expression is repeated.
        if sentences.contains(SentenceKey(document: m.document, sentence: m.sentence)) { return false }
        let sharedWords = c.words.intersection(words).count
        let mine = c.entities
        let shared = entities.intersection(mine)
        let sameDay = isDay
        if m.type == "event" || types.isEmpty { return sharedWords >= 2 || (sameDay && (!shared.isEmpty || sharedWords >= 1)) }
        guard types.contains(where: { Cluster.compatible($0, m.type) }) else { return false }
        if sameDay { return true }
        if shared.count >= 2 || (shared.count == 1 && (entities.count == 1 || mine.count == 1)) { return true }
        return sharedWords >= 1
    }

    /// The event, with the title of its most title-like mention.
    func event() -> Event {
        // The first of the best (each key made once, not in every comparison: counting characters is not free).
        let keys = mentions.map { a in
            (-a.titleQuality, a.language == "en" ? 0 : 1, a.title.count > 60 ? 1 : 0, a.document, a.textSpan.lowerBound)
        }
        let best = mentions[keys.indices.min { keys[$0] < keys[$1] }!]
        var counts: [String: Int] = [:]
        for m in mentions where m.type != "event" { counts[m.type, default: 0] += 1 }
        let type = best.type != "event" ? best.type
            : counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? "event"
        let id = Slug.dateSlug(edtf) + "-" + Slug.make(from: best.title, fallback: ([type] + best.actors).joined(separator: " "))
        return Event(id: id, date: date, title: best.title, type: type,
                     actors: ranked(mentions.map(\.actors)), places: ranked(mentions.map(\.places)),
                     mentions: mentions.map(\.mention).sorted())
    }

    /// Names ordered by how many mentions give them, then by first appearance.
    private func ranked(_ lists: [[String]]) -> [String] {
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
}
