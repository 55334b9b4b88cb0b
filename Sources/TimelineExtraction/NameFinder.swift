/// Finds the people, organisations and places an English text names that `entities.json` does not list:
/// runs of capitalised words (`Hanna Kessler`, `University of Geneva`, `Optica Labs`), classified by their own
/// words and their context, then made consistent across the document (`Aubel` is `Marguerite Aubel`, `Norvale`
/// is `Norvale Instruments`). The word lists are data: `name-rules.json` (see its `_comment`).
///
/// It errs on the side of leaving a name out: a capitalised word opening a sentence is taken only when the
/// document names it elsewhere, and a run nothing classifies is no name.
public struct NameFinder: Sendable {
    /// The word lists of `name-rules.json`.
    public struct Rules: Sendable, Decodable {
        public var connectors: [String]
        public var notNames: [String]
        public var personTitles: [String]
        public var personRoles: [String]
        public var personCues: [String]
        public var organisationWords: [String]
        public var placeWords: [String]
        public var placeFirstWords: [String]
        public var placeNouns: [String]
        public var placePrepositions: [String]
        public var placeFollowers: [String]
        public var otherWords: [String]
    }

    /// What a name names.
    public enum Kind: Sendable, Equatable { case person, organisation, place }

    /// A name found in the text: its canonical form (the fullest the document gives), its kind, and where it is.
    public struct Name: Sendable, Equatable {
        public var text: String
        public var kind: Kind
        /// The scalar offsets of this occurrence.
        public var range: Range<Int>
        /// Whether some occurrence in the document gives the kind by a sure clue (a title, a role, an organisation's
        /// word), not only a weak one (two capitalised words, a preposition of place).
        public var isSure: Bool = false
    }

    /// What a word is to the rules: the lists it is on.
    struct WordClass: OptionSet, Sendable {
        let rawValue: UInt32
        static let notName = WordClass(rawValue: 1 << 0), personTitle = WordClass(rawValue: 1 << 1)
        static let organisationWord = WordClass(rawValue: 1 << 2), placeWord = WordClass(rawValue: 1 << 3)
        static let placeFirst = WordClass(rawValue: 1 << 4), otherWord = WordClass(rawValue: 1 << 5)
        static let ofHead = WordClass(rawValue: 1 << 6), connector = WordClass(rawValue: 1 << 7)
        static let placePreposition = WordClass(rawValue: 1 << 8), placeNoun = WordClass(rawValue: 1 << 9)
        static let personRole = WordClass(rawValue: 1 << 10), roleFirst = WordClass(rawValue: 1 << 11)
        static let determiner = WordClass(rawValue: 1 << 12), placeFollower = WordClass(rawValue: 1 << 13)
        static let cueFirst = WordClass(rawValue: 1 << 14)
    }

    /// Every word of every list, with the lists it is on: one lookup per word instead of one per list.
    let classes: [String: WordClass]
    /// Roles of two words (`chief executive`).
    let twoWordRoles: Set<String>
    /// Cues after a person's name, as words (`was born`).
    let personCues: [[String]]

    public init(_ rules: Rules) {
        var classes: [String: WordClass] = [:]
        func add(_ words: [String], _ c: WordClass, capitalisedToo: Bool = false) {
            for w in words {
                classes[w, default: []].insert(c)
                if capitalisedToo { classes[w.prefix(1).uppercased() + w.dropFirst(), default: []].insert(c) }
            }
        }
        add(rules.notNames, .notName)
        add(rules.personTitles, .personTitle)
        add(rules.organisationWords, .organisationWord)
        add(rules.placeWords, .placeWord)
        add(rules.placeFirstWords, .placeFirst)
        add(rules.otherWords, .otherWord)
        add(rules.connectors, .connector)
        add(rules.placePrepositions, .placePreposition, capitalisedToo: true)
        add(rules.placeNouns, .placeNoun)
        add(rules.placeFollowers, .placeFollower)
        add(["the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "these", "those"], .determiner,
            capitalisedToo: true)
        // After these, `of` continues a name (`University of Geneva`, `Gulf of Mexico`, `Treaty of Aigun`,
        // `Secretary of State`, `City of London`), but not after a person's name (`Leon of Bear Stearns`).
        add(rules.organisationWords + rules.placeWords + rules.otherWords + rules.personTitles
            + rules.placeNouns.map { $0.prefix(1).uppercased() + $0.dropFirst() }, .ofHead)
        let roles = rules.personRoles.map { $0.split(separator: " ").map(String.init) }
        add(roles.filter { $0.count == 1 }.map { $0[0] }, .personRole)
        add(roles.filter { $0.count == 2 }.map { $0[0] }, .roleFirst)
        twoWordRoles = Set(roles.filter { $0.count == 2 }.map { $0.joined(separator: " ") })
        personCues = rules.personCues.map { $0.split(separator: " ").map(String.init) }
        add(personCues.compactMap(\.first), .cueFirst, capitalisedToo: true)
        self.classes = classes
    }

    /// The names of `s`, in text order.
    public func names(in s: [Unicode.Scalar]) -> [Name] {
        let words = self.words(in: s)
        var runs: [Run] = []
        var k = 0
        while k < words.count {
            guard let r = run(at: k, words) else { k += 1; continue }
            runs.append(r)
            k = r.last + 1
        }
        guard !runs.isEmpty else { return [] }
        // Word indices where a run that is no name ends (`Treaty of Friendship`): a run listed after it with a
        // comma or `and` belongs to it (`…, Alliance and Mutual Assistance`).
        var otherEnds = Set<Int>()
        for i in runs.indices where runs[i].kind == nil {
            let r = runs[i]
            if isOther(r, words) || continuesOther(r, words, otherEnds) || followsPossessiveName(r, words) {
                otherEnds.insert(r.last)
                runs[i].excluded = true
                continue
            }
            // A word opening a sentence is capitalised anyway: alone, it is a name only if the document says so
            // elsewhere.
            if r.initial && r.first == r.last { continue }
            if let (kind, weak) = classify(r, words) { runs[i].kind = kind; runs[i].weak = weak }
        }
        runs.removeAll(where: \.excluded)
        // The document's own names: a name classified once is that everywhere; a person's last name and an
        // organisation's first word stand for them.
        var known: [String: Kind] = [:]
        var persons: [(text: String, first: String, last: String)] = [], organisations: [(text: String, first: String)] = []
        for r in runs {
            guard let kind = r.kind else { continue }
            if !r.weak, known[r.text] == nil { known[r.text] = kind }
            // Two capitalised words taken for a person's name (a weak clue) still name the person the last name
            // stands for.
            guard r.first != r.last, !r.weak || kind == .person else { continue }
            if kind == .person { persons.append((r.text, words.text(r.first), words.text(r.last))) }
            if kind == .organisation { organisations.append((r.text, words.text(r.first))) }
        }
        // `James Kopp` is `James Charles Kopp`: a person's name is the longest with the same first and last words.
        var fullest: [String: String] = [:]
        for p in persons {
            let key = p.first + " " + p.last
            if let f = fullest[key], f.unicodeScalars.count >= p.text.unicodeScalars.count { continue }
            fullest[key] = p.text
        }
        // A word two names share stands for neither (nil).
        var lastNames: [String: String?] = [:], firstNames: [String: String?] = [:], firstWords: [String: String?] = [:]
        for p in persons {
            let full = fullest[p.first + " " + p.last] ?? p.text
            lastNames[p.last] = lastNames[p.last].map { $0 == full ? $0 : nil } ?? full
            firstNames[p.first] = firstNames[p.first].map { $0 == full ? $0 : nil } ?? full
        }
        for o in organisations {
            firstWords[o.first] = firstWords[o.first].map { $0 == o.text ? $0 : nil } ?? o.text
        }
        // `Securities and Exchange Commission`: an unclassified run, `and`, and an organisation are one name, unless
        // the first run is a name of its own (`Innopac and Mobil Corp`).
        var merged: [Run] = []
        for r in runs {
            if let p = merged.last, p.kind == nil || p.weak, r.kind == .organisation, words[r.last].cls.contains(.organisationWord),
               r.first == p.last + 2,
               words.is(p.last + 1, "and"), words[p.last + 1].joined, words[r.first].joined,
               !words[p.last].possessive, known[p.text] == nil,
               !(p.first...p.last).contains(where: { firstWords[words.text($0)] != nil || lastNames[words.text($0)] != nil }) {
                merged[merged.count - 1] = Run(first: p.first, last: r.last, text: p.text + " " + words.text(p.last + 1) + " " + r.text,
                                               kind: .organisation, initial: p.initial)
                continue
            }
            merged.append(r)
        }
        var out: [Name] = []
        for r in merged {
            var text = r.text, kind = r.kind
            let open = kind == nil || r.weak
            if kind == .person, r.first != r.last { text = fullest[words.text(r.first) + " " + words.text(r.last)] ?? text }
            if r.first == r.last {
                // A person's last name (the person; the name itself when two share it), an organisation's first
                // word, a person's first name.
                if let full = lastNames[text], open || kind == .person {
                    text = full ?? text; kind = .person
                } else if let full = firstWords[text] ?? nil, open || kind == .organisation {
                    text = full; kind = .organisation
                } else if let full = firstNames[text] ?? nil, open || kind == .person {
                    text = full; kind = .person
                }
            }
            if open, let k = known[text] { kind = k }
            guard let kind else { continue }
            out.append(Name(text: text, kind: kind, range: words[r.first].start..<words[r.last].end, isSure: known[text] == kind))
        }
        return out
    }
}
