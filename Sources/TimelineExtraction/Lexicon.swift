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
    }

    /// The entities named in `text`, in order of first appearance, with that offset (in scalars).
    /// With `nounsOnly`, attributive forms (`Chinese`, `Western`) are not counted.
    public func entities(in text: String, nounsOnly: Bool = false) -> [(entity: Entity, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        var found: [(Entity, Int)] = []
        for entity in entities {
            var best = Int.max
            for alias in entity.en + (nounsOnly ? [] : entity.adjectives) {
                if let i = TextSearch.firstWord(Array(alias.unicodeScalars), in: scalars, caseInsensitive: false) {
                    best = min(best, i)
                }
            }
            for alias in entity.zh {
                if let i = TextSearch.first(Array(alias.unicodeScalars), in: scalars) { best = min(best, i) }
            }
            if best != .max { found.append((entity, best)) }
        }
        return found.sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }
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
