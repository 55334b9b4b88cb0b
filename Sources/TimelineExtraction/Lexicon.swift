import Foundation

/// The editable lexicons behind event extraction: event types and their triggers, actors and places with
/// aliases in English and Chinese, relation cues, and the title maker's word lists.
///
/// They are JSON resource files (`Resources/*.json`); ``Lexicon/shared`` loads the bundled ones and
/// ``init(directory:)`` loads a user's copy, so that a phrasing or an alias can be added without Swift code.
public struct Lexicon: Sendable {
    public struct EventType: Sendable, Decodable {
        public var type: String
        public var en: [String]
        public var zh: [String]
    }

    /// Phrases removed before triggers are counted.
    public struct IgnoredPhrases: Sendable, Decodable {
        public var en: [String]
        public var zh: [String]
    }

    public struct Entity: Sendable, Decodable {
        public enum Kind: String, Sendable, Decodable { case actor, place }
        public var name: String
        public var kind: Kind
        public var en: [String]
        public var zh: [String]
        /// Attributive forms (`Chinese`, `Western`).
        public var adjectives: [String]

        enum CodingKeys: String, CodingKey { case name, kind, en, zh, adjectives }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(Kind.self, forKey: .kind)
            en = try c.decodeIfPresent([String].self, forKey: .en) ?? []
            zh = try c.decodeIfPresent([String].self, forKey: .zh) ?? []
            adjectives = try c.decodeIfPresent([String].self, forKey: .adjectives) ?? []
        }
    }

    public struct RelationCue: Sendable, Decodable {
        public enum Direction: String, Sendable, Decodable {
            /// `A cue B`: A relates to B.
            case forward
            /// `A cue B`: B relates to A.
            case backward
            /// `cue A, B` (由于 A，B): A relates to B.
            case forwardFromCue = "forward-from-cue"
        }
        public var en: String?
        public var zh: String?
        public var type: String
        public var direction: Direction
        /// "following": a response when the responding event is a reaction, otherwise plain order.
        public var ambiguous: Bool?
    }

    public struct TitleRules: Sendable, Decodable {
        public var leadingFillers: [String]
        public var eventClauseOpeners: [String]
        public var datePrepositions: [String]
        public var comparisonCues: [String]
        public var relativeComparisonCues: [String]
        public var conditionalCues: [String]
        public var stampMarkers: [String]
        public var presentDeictics: [String]
    }

    public var eventTypes: [EventType]
    public var ignoredPhrases: IgnoredPhrases
    public var entities: [Entity]
    public var relationCues: [RelationCue]
    /// Phrases that refer back to an earlier event of a type (`in the war`).
    public struct DefiniteReference: Sendable, Decodable {
        public var en: String?
        public var zh: String?
        public var types: [String]
    }

    public var definiteReferences: [DefiniteReference]
    /// Sentence openers that make an event one of a set stated before ("One of the ...").
    public var partitiveOpeners: IgnoredPhrases
    /// Cues whose object names the actors of the event made possible ("an opportunity for X and Y").
    public var enablingCues: IgnoredPhrases
    /// Words that refer back to an earlier event (`this`, `that`, `此`).
    public var anaphors: IgnoredPhrases
    public var titleRules: TitleRules
    /// Every alias of every entity, indexed by its first character.
    let aliasIndex: AliasIndex

    /// The lexicons bundled with the tool.
    public static let shared: Lexicon = {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            fatalError("TimelineExtraction: the bundled Resources folder is missing from the build")
        }
        do {
            return try Lexicon(directory: url)
        } catch {
            fatalError("TimelineExtraction: the bundled lexicons are invalid: \(error)")
        }
    }()

    /// Loads `event-types.json`, `entities.json`, `relation-cues.json` and `title-rules.json` from a folder.
    public init(directory: URL) throws {
        func load<T: Decodable>(_ name: String, _ type: T.Type) throws -> T {
            let url = directory.appendingPathComponent(name)
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        }
        struct Types: Decodable { var types: [EventType]; var ignore: IgnoredPhrases? }
        struct Entities: Decodable { var entities: [Entity] }
        struct Cues: Decodable {
            var cues: [RelationCue]
            var anaphors: IgnoredPhrases?
            var definiteReferences: [DefiniteReference]?
            var partitiveOpeners: IgnoredPhrases?
            var enablingCues: IgnoredPhrases?
        }
        let types = try load("event-types.json", Types.self)
        eventTypes = types.types
        ignoredPhrases = types.ignore ?? IgnoredPhrases(en: [], zh: [])
        entities = try load("entities.json", Entities.self).entities
        let cues = try load("relation-cues.json", Cues.self)
        relationCues = cues.cues
        anaphors = cues.anaphors ?? IgnoredPhrases(en: [], zh: [])
        definiteReferences = cues.definiteReferences ?? []
        partitiveOpeners = cues.partitiveOpeners ?? IgnoredPhrases(en: [], zh: [])
        enablingCues = cues.enablingCues ?? IgnoredPhrases(en: [], zh: [])
        titleRules = try load("title-rules.json", TitleRules.self)
        aliasIndex = AliasIndex(entities)
    }

    /// The entities named in `text`, in order of first appearance, with that offset (in scalars).
    /// With `nounsOnly`, attributive forms (`Chinese`, `Western`) are not counted.
    ///
    /// One pass over the text: at each word start (English) or character (Chinese) only the aliases beginning
    /// with that character are compared, so the cost does not grow with the size of the lexicon.
    public func entities(in text: String, nounsOnly: Bool = false) -> [(entity: Entity, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        // Every alias occurrence, then the longest wins: 印度尼西亚 is Indonesia, not also India; a compound alias
        // (中俄) names all its entities at once.
        var matches: [(entity: Int, start: Int, end: Int)] = []
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if let candidates = aliasIndex.byFirst[c] {
                let wordStart = i == 0 || !TextSearch.isWordScalar(scalars[i - 1])
                for a in candidates {
                    if a.isAdjective && nounsOnly { continue }
                    if a.wholeWord && !wordStart && TextSearch.isWordScalar(a.scalars[0]) { continue }
                    let end = i + a.scalars.count
                    guard end <= n else { continue }
                    var k = 1
                    while k < a.scalars.count && scalars[i + k] == a.scalars[k] { k += 1 }
                    guard k == a.scalars.count else { continue }
                    if a.wholeWord, end < n, TextSearch.isWordScalar(scalars[end]),
                       TextSearch.isWordScalar(a.scalars[a.scalars.count - 1]) { continue }
                    matches.append((a.entity, i, end))
                }
            }
            i += 1
        }
        var first: [Int: Int] = [:]   // entity index -> first offset
        for m in matches {
            let inside = matches.contains { o in
                o.entity != m.entity && o.start <= m.start && m.end <= o.end && (o.end - o.start) > (m.end - m.start)
                    && !matches.contains { $0.entity == m.entity && $0.start == o.start && $0.end == o.end }
            }
            if inside { continue }
            if first[m.entity].map({ m.start < $0 }) ?? true { first[m.entity] = m.start }
        }
        return first.map { (entities[$0.key], $0.value) }.sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }
    }

    /// The event type whose triggers occur most often in `text`, or `event` when none does.
    public func eventType(of text: String) -> String {
        var lowered = text.lowercased()
        for phrase in ignoredPhrases.en + ignoredPhrases.zh {
            lowered = lowered.replacingOccurrences(of: phrase, with: " ")
        }
        let scalars = Array(lowered.unicodeScalars)
        var best = ("event", 0)
        for t in eventTypes {
            var hits = 0
            for w in t.en where TextSearch.firstWord(Array(w.unicodeScalars), in: scalars, caseInsensitive: true,
                                                      allowInflection: true) != nil { hits += 1 }
            for w in t.zh where TextSearch.first(Array(w.unicodeScalars), in: scalars) != nil { hits += 1 }
            if hits > best.1 { best = (t.type, hits) }
        }
        return best.0
    }
}

/// Aliases indexed by their first Unicode scalar, for one-pass entity matching.
struct AliasIndex: Sendable {
    struct Alias: Sendable {
        var entity: Int
        var scalars: [Unicode.Scalar]
        var wholeWord: Bool
        var isAdjective: Bool
    }

    var byFirst: [Unicode.Scalar: [Alias]] = [:]

    init(_ entities: [Lexicon.Entity]) {
        for (i, e) in entities.enumerated() {
            func add(_ text: String, wholeWord: Bool, adjective: Bool) {
                let u = Array(text.unicodeScalars)
                guard let c = u.first else { return }
                byFirst[c, default: []].append(Alias(entity: i, scalars: u, wholeWord: wholeWord, isAdjective: adjective))
            }
            for a in e.en { add(a, wholeWord: true, adjective: false) }
            for a in e.adjectives { add(a, wholeWord: true, adjective: true) }
            for a in e.zh { add(a, wholeWord: false, adjective: false) }
        }
        // Longer aliases first, so the comparison order is deterministic.
        for key in byFirst.keys { byFirst[key]!.sort { ($0.scalars.count, $0.entity) > ($1.scalars.count, $1.entity) } }
    }
}
