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
        /// Events of this type belong to their actors (`"ofActors": true`: a company's results, a person's prize).
        public var ofActors: Bool?
    }

    /// The types of events that belong to their actors (``EventType/ofActors``).
    public var typesOfActors: Set<String> { Set(eventTypes.filter { $0.ofActors == true }.map(\.type)) }

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
        /// A country (`"category": "state"` in the file): `the two countries` stands for two of them.
        public var isState: Bool
        /// A person (`"category": "person"`): `He` can stand for one.
        public var isPerson: Bool

        enum CodingKeys: String, CodingKey { case name, kind, category, en, zh, adjectives }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(Kind.self, forKey: .kind)
            en = try c.decodeIfPresent([String].self, forKey: .en) ?? []
            zh = try c.decodeIfPresent([String].self, forKey: .zh) ?? []
            adjectives = try c.decodeIfPresent([String].self, forKey: .adjectives) ?? []
            let category = try c.decodeIfPresent(String.self, forKey: .category)
            isState = category == "state"
            isPerson = category == "person"
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
        /// Like `relativeComparisonCues`, only before a period coarser than a day (`up 3% on last year`, not
        /// `on Friday`). Optional in the file.
        public var periodComparisonCues: [String]?
        public var conditionalCues: [String]
        public var stampMarkers: [String]
        public var presentDeictics: [String]
        /// Credits after the date of a wire story's dateline (`(Reuters)`, `电`); optional in the file.
        public var wireCredits: [String]?
        /// Last characters of the agencies that lead a Chinese dateline (`社` of `新华社`); optional in the file.
        public var wireAgencyEndings: [String]?
        /// Words that end, read backwards, the noun phrase a relative clause refers to; optional in the file.
        public var nounPhraseStops: [String]?
        /// Verbs that attribute a quotation (`said`); optional in the file.
        public var speechVerbs: [String]?
        /// Words that make no title on their own (`most famously`); optional in the file.
        public var weakTitleWords: [String]?
        /// Headings after which a document's text ends (`References`); optional in the file.
        public var backMatterHeadings: [String]?
        /// Openers of a clause of background (`after years of construction`); optional in the file.
        public var backgroundOpeners: [String]?
        /// Openers of the clause inside a clause that a date belongs to (`after`); optional in the file.
        public var clauseSubordinators: [String]?
        /// Words after `as` that make a phrase, not a clause (`as part of`); optional in the file.
        public var asPhrases: [String]?
        /// Irregular past-tense verbs: one after an apposition takes the subject before it (`Its first product, a
        /// handheld spectrometer, sold …`); regular ones end in `-ed`.
        public var pastVerbs: [String]?
    }

    public var eventTypes: [EventType] { didSet { prepared = LexiconIndex(self) } }
    public var ignoredPhrases: IgnoredPhrases { didSet { prepared = LexiconIndex(self) } }
    public var entities: [Entity]
    public var relationCues: [RelationCue] { didSet { prepared = LexiconIndex(self) } }
    /// Phrases that refer back to an earlier event of a type (`in the war`).
    public struct DefiniteReference: Sendable, Decodable {
        public var en: String?
        public var zh: String?
        public var types: [String]
    }

    public var definiteReferences: [DefiniteReference] { didSet { prepared = LexiconIndex(self) } }
    /// Sentence openers that make an event one of a set stated before ("One of the ...").
    public var partitiveOpeners: IgnoredPhrases
    /// Cues whose object names the actors of the event made possible ("an opportunity for X and Y").
    public var enablingCues: IgnoredPhrases { didSet { prepared = LexiconIndex(self) } }
    /// Words that refer back to an earlier event (`this`, `that`, `此`).
    public var anaphors: IgnoredPhrases { didSet { prepared = LexiconIndex(self) } }
    public var titleRules: TitleRules { didSet { prepared = LexiconIndex(self) } }
    /// Finds the names `entities` does not list (`name-rules.json`).
    public var names: NameFinder
    /// Every alias of every entity, indexed by its first character.
    let aliasIndex: AliasIndex
    /// Triggers, cues and word lists prepared for the extractor (rebuilt when one of their lists is set).
    var index: LexiconIndex { prepared }
    private var prepared: LexiconIndex!

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

    /// Loads `event-types.json`, `entities.json`, `relation-cues.json`, `title-rules.json` and `name-rules.json`
    /// from a folder.
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
        names = NameFinder(try load("name-rules.json", NameFinder.Rules.self))
        aliasIndex = AliasIndex(entities)
        prepared = LexiconIndex(self)
    }

    /// The entities named in `text`, in order of first appearance, with that offset (in scalars).
    /// With `nounsOnly`, attributive forms (`Chinese`, `Western`) are not counted.
    ///
    /// One pass over the text: at each word start (English) or character (Chinese) only the aliases beginning
    /// with that character are compared, so the cost does not grow with the size of the lexicon.
    public func entities(in text: String, nounsOnly: Bool = false) -> [(entity: Entity, offset: Int)] {
        entities(inScalars: TextSearch.scalars(text), nounsOnly: nounsOnly)
    }

    /// ``entities(in:nounsOnly:)`` of the text made of `scalars`.
    func entities(inScalars scalars: [Unicode.Scalar], nounsOnly: Bool = false) -> [(entity: Entity, offset: Int)] {
        // Locals, so that the matcher below does not copy the whole lexicon.
        let aliasIndex = self.aliasIndex
        // Every alias occurrence, then the longest wins: 印度尼西亚 is Indonesia, not also India; a compound alias
        // (中俄) names all its entities at once.
        var matches: [(entity: Int, start: Int, end: Int)] = []
        let n = scalars.count
        let flat = aliasIndex.flatScalars
        scalars.withUnsafeBufferPointer { h in
            func check(_ candidates: UnsafeBufferPointer<AliasIndex.FlatAlias>, at i: Int, wordStart: Bool) {
                for a in candidates {
                    if a.isAdjective && nounsOnly { continue }
                    if a.wholeWord && !wordStart && a.firstIsWord { continue }
                    let end = i + a.count
                    guard end <= n else { continue }
                    var k = 1
                    while k < a.count && h[i + k] == flat[a.start + k] { k += 1 }
                    guard k == a.count else { continue }
                    if a.wholeWord, end < n, TextSearch.isWordScalar(h[end]), a.lastIsWord { continue }
                    matches.append((a.entity, i, end))
                }
            }
            let word = aliasIndex.asciiWordStart, any = aliasIndex.asciiAnywhere
            word.items.withUnsafeBufferPointer { wordList in
            any.items.withUnsafeBufferPointer { anyList in
                // The aliases filed under a bucket (see ``AliasIndex/AsciiTable``).
                func checkBucket(_ list: UnsafeBufferPointer<AliasIndex.FlatAlias>, _ bounds: [Int], _ key: Int, at i: Int,
                           wordStart: Bool) {
                    let a = bounds[key], b = bounds[key + 1]
                    if a < b { check(UnsafeBufferPointer(rebasing: list[a..<b]), at: i, wordStart: wordStart) }
                }
                // The same comparisons as trying every alias that starts with the character (in another order, which
                // does not change the result: every occurrence is collected, then the longest win); those that must
                // start a word are only tried where one starts, and those of two or more scalars only where the
                // second scalar is theirs too.
                var i = 0
                while i < n {
                    let c = h[i]
                    let wordStart = i == 0 || !TextSearch.isWordScalar(h[i - 1])
                    if c.value < 128 {
                        let v = Int(c.value)
                        let second = i + 1 < n && h[i + 1].value < 128 ? Int(h[i + 1].value) : -1
                        if wordStart {
                            checkBucket(wordList, word.anyBounds, v, at: i, wordStart: true)
                            if second >= 0 { checkBucket(wordList, word.pairBounds, 128 * v + second, at: i, wordStart: true) }
                        }
                        checkBucket(anyList, any.anyBounds, v, at: i, wordStart: wordStart)
                        if second >= 0 { checkBucket(anyList, any.pairBounds, 128 * v + second, at: i, wordStart: wordStart) }
                    } else if let lists = aliasIndex.otherFlat[c] {
                        if wordStart, !lists.wordStart.isEmpty {
                            lists.wordStart.withUnsafeBufferPointer { check($0, at: i, wordStart: true) }
                        }
                        if !lists.anywhere.isEmpty {
                            lists.anywhere.withUnsafeBufferPointer { check($0, at: i, wordStart: wordStart) }
                        }
                    }
                    i += 1
                }
            }
            }
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
        let entities = self.entities
        return first.map { (entities[$0.key], $0.value) }.sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }
    }

    /// The event type whose triggers occur most often in `text`, or `event` when none does.
    ///
    /// Triggers are English whole words (case-insensitive, inflections allowed) and Chinese substrings, looked up
    /// in one pass over the text (``LexiconIndex/bestType(_:)``).
    public func eventType(of text: String) -> String {
        let lowered = text.lowercased()
        var scalars = Array(lowered.unicodeScalars)
        if index.ignoredSimple && TextSearch.isSimple(scalars) {
            // Literal removal finds exactly what Foundation's search finds on such text. When no phrase occurs,
            // none is removed (and no removal can make another one appear).
            if !index.ignoredFinder.any(in: scalars) { return index.bestType(scalars) }
            for phrase in index.ignored where !phrase.isEmpty {
                scalars = TextSearch.replacingLiteral(phrase, with: [" "], in: scalars)
            }
        } else {
            var replaced = lowered
            for phrase in ignoredPhrases.en + ignoredPhrases.zh {
                replaced = replaced.replacingOccurrences(of: phrase, with: " ")
            }
            scalars = Array(replaced.unicodeScalars)
        }
        return index.bestType(scalars)
    }
}

/// Aliases indexed by their first Unicode scalar, for one-pass entity matching.
///
/// A class, so that reading it from a ``Lexicon`` costs one reference count.
final class AliasIndex: Sendable {
    struct Alias: Sendable {
        var entity: Int
        var scalars: [Unicode.Scalar]
        var wholeWord: Bool
        var isAdjective: Bool
    }

    let byFirst: [Unicode.Scalar: [Alias]]

    /// `byFirst` split into the aliases that must start a word (whole-word aliases that begin with a word
    /// character) and the others, each in `byFirst`'s order; ASCII first characters in a table.
    struct Lists: Sendable {
        var wordStart: [Alias] = []
        var anywhere: [Alias] = []
    }
    let ascii: [Lists]
    /// For each ASCII character: 1 when `ascii[c].wordStart` is not empty, 2 when `ascii[c].anywhere` is not.
    let asciiHas: [UInt8]
    let other: [Unicode.Scalar: Lists]

    /// An alias as plain values (its scalars at `flatScalars[start..<start + count]`), so that the matcher reads
    /// the tables without reference counting.
    struct FlatAlias: Sendable {
        var entity: Int
        var start: Int
        var count: Int
        var wholeWord: Bool
        var isAdjective: Bool
        var firstIsWord: Bool
        var lastIsWord: Bool
    }
    let flatScalars: [Unicode.Scalar]
    /// The aliases of one kind (`wordStart` or `anywhere`) with an ASCII first scalar `c`, by their second scalar:
    /// those with an ASCII second scalar `d` at `items[pairBounds[128 * c + d]..<pairBounds[128 * c + d + 1]]`, the
    /// others (one scalar long, or a non-ASCII second one) at `items[anyBounds[c]..<anyBounds[c + 1]]`.
    struct AsciiTable: Sendable {
        var items: [FlatAlias] = []
        var pairBounds: [Int] = []
        var anyBounds: [Int] = []

        init(_ lists: [[FlatAlias]], scalars: [Unicode.Scalar]) {
            var pairs = [[FlatAlias]](repeating: [], count: 128 * 128)
            var others = [[FlatAlias]](repeating: [], count: 128)
            for (c, list) in lists.enumerated() {
                for a in list {
                    let second = a.count >= 2 ? scalars[a.start + 1].value : 0x80
                    if second < 128 { pairs[128 * c + Int(second)].append(a) } else { others[c].append(a) }
                }
            }
            for list in pairs { pairBounds.append(items.count); items += list }
            pairBounds.append(items.count)
            for list in others { anyBounds.append(items.count); items += list }
            anyBounds.append(items.count)
        }
    }
    let asciiWordStart: AsciiTable
    let asciiAnywhere: AsciiTable
    /// `other`, flat.
    let otherFlat: [Unicode.Scalar: (wordStart: [FlatAlias], anywhere: [FlatAlias])]

    init(_ entities: [Lexicon.Entity]) {
        var byFirst: [Unicode.Scalar: [Alias]] = [:]
        var ascii = [Lists](repeating: Lists(), count: 128)
        var asciiHas = [UInt8](repeating: 0, count: 128)
        var other: [Unicode.Scalar: Lists] = [:]
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
        for (key, aliases) in byFirst {
            var lists = Lists()
            for a in aliases {
                if a.wholeWord && TextSearch.isWordScalar(a.scalars[0]) { lists.wordStart.append(a) } else { lists.anywhere.append(a) }
            }
            if key.value < 128 {
                ascii[Int(key.value)] = lists
                asciiHas[Int(key.value)] = (lists.wordStart.isEmpty ? 0 : 1) | (lists.anywhere.isEmpty ? 0 : 2)
            } else {
                other[key] = lists
            }
        }
        self.byFirst = byFirst
        self.ascii = ascii
        self.asciiHas = asciiHas
        self.other = other
        // The flat tables, in the same orders.
        var flat: [Unicode.Scalar] = []
        func flatten(_ aliases: [Alias]) -> [FlatAlias] {
            aliases.map { a in
                defer { flat += a.scalars }
                return FlatAlias(entity: a.entity, start: flat.count, count: a.scalars.count, wholeWord: a.wholeWord,
                                 isAdjective: a.isAdjective, firstIsWord: TextSearch.isWordScalar(a.scalars[0]),
                                 lastIsWord: TextSearch.isWordScalar(a.scalars[a.scalars.count - 1]))
            }
        }
        let wordStart = ascii.map { flatten($0.wordStart) }, anywhere = ascii.map { flatten($0.anywhere) }
        var otherFlat: [Unicode.Scalar: (wordStart: [FlatAlias], anywhere: [FlatAlias])] = [:]
        for (key, lists) in other { otherFlat[key] = (flatten(lists.wordStart), flatten(lists.anywhere)) }
        asciiWordStart = AsciiTable(wordStart, scalars: flat)
        asciiAnywhere = AsciiTable(anywhere, scalars: flat)
        self.otherFlat = otherFlat
        flatScalars = flat
    }
}
