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
    private let classes: [String: WordClass]
    /// Roles of two words (`chief executive`).
    private let twoWordRoles: Set<String>
    /// Cues after a person's name, as words (`was born`).
    private let personCues: [[String]]

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

    /// One word of the text.
    private struct Word {
        var start: Int, end: Int
        /// The lists a capitalised word is on (a lower-case word's are looked up when asked: ``Words/cls(_:)``).
        var cls: WordClass
        /// Starts with a capital letter.
        var capitalised: Bool
        /// Ends in a possessive `'s`.
        var possessive: Bool
        /// Only spaces separate it from the word before (same clause, no punctuation).
        var joined: Bool
        /// Opens a sentence, a line or a list item.
        var initial: Bool
        /// Followed directly by a full stop (`Dr.`, `W.`).
        var dotted: Bool
    }

    /// The words of a text, with the text of the capitalised ones made once (the others' on demand: most words
    /// are never looked at again).
    private final class Words {
        let items: [Word]
        let texts: [String]
        let s: [Unicode.Scalar]
        let classes: [String: WordClass]
        init(s: [Unicode.Scalar], items: [Word], texts: [String], classes: [String: WordClass]) {
            self.s = s; self.items = items; self.texts = texts; self.classes = classes
        }

        /// The lists word `i` is on.
        func cls(_ i: Int) -> WordClass {
            let w = items[i]
            return w.capitalised ? w.cls : classes[text(i)] ?? []
        }
        var count: Int { items.count }
        subscript(i: Int) -> Word { items[i] }
        /// The word's text (without a possessive `'s`).
        func text(_ i: Int) -> String {
            let t = texts[i]
            return t.isEmpty ? Words.string(s, items[i].start..<items[i].end) : t
        }

        /// Whether word `i` is `literal` (ASCII), compared without making a string.
        func `is`(_ i: Int, _ literal: StaticString) -> Bool {
            let w = items[i]
            guard w.end - w.start == literal.utf8CodeUnitCount else { return false }
            let p = literal.utf8Start
            for k in 0..<(w.end - w.start) where s[w.start + k].value != UInt32(p[k]) { return false }
            return true
        }

        /// The text of a range of scalars: from bytes when it is ASCII (most words), a small string needing no
        /// allocation.
        static func string(_ s: [Unicode.Scalar], _ r: Range<Int>) -> String {
            if r.count <= 32, s[r].allSatisfy({ $0.value < 128 }) {
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: r.count) { b in
                    for k in 0..<r.count { b[k] = UInt8(s[r.lowerBound + k].value) }
                    return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
                }
            }
            return String(String.UnicodeScalarView(s[r]))
        }
    }

    /// A run of capitalised words, before classification.
    private struct Run {
        var first: Int, last: Int   // word indices
        var text: String
        var kind: Kind?
        /// Whether the kind comes from a clue that the document's other occurrences of the name overrule (a
        /// preposition of place, two capitalised words).
        var weak = false
        /// Opens a sentence.
        var initial: Bool
        /// Part of something that is no name (`Treaty of Friendship, Alliance and Mutual Assistance`).
        var excluded = false
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

    // MARK: - Words

    private func words(in text: [Unicode.Scalar]) -> Words {
        var items: [Word] = [], texts: [String] = []
        items.reserveCapacity(text.count / 5)
        texts.reserveCapacity(text.count / 5)
        text.withUnsafeBufferPointer { s in
            var i = 0
            let n = s.count
            var gapStart = 0
            while i < n {
                guard Self.isLetter(s[i]) else { i += 1; continue }
                let start = i
                while i < n, Self.isLetter(s[i]) || Self.isDigit(s[i])
                        || ((s[i] == "'" || s[i] == "’" || s[i] == "-") && i + 1 < n && Self.isLetter(s[i + 1])) {
                    i += 1
                }
                var end = i
                var possessive = false
                if end - start > 2, s[end - 1] == "s" || s[end - 1] == "S", s[end - 2] == "'" || s[end - 2] == "’" {
                    end -= 2
                    possessive = true
                }
                let first = s[start]
                var capitalised = Self.isUppercase(first)
                if capitalised {
                    // Words with digits (`F-16`) are no part of a name, nor a letter of an abbreviation (`U.S.`), nor
                    // an adjective made from a name (`Atlanta-based`).
                    if s[start..<end].contains(where: Self.isDigit) { capitalised = false }
                    if end - start == 1, (start > 0 && s[start - 1] == ".") || (end + 1 < n && s[end] == "." && Self.isLetter(s[end + 1])) {
                        capitalised = false
                    }
                    if let h = s[start..<end].lastIndex(of: "-"), s[h + 1].properties.isLowercase { capitalised = false }
                }
                let previous = items.last
                var joined = false
                if previous != nil, gapStart < start {
                    joined = true
                    for k in gapStart..<start where s[k] != " " && s[k] != "\u{A0}" { joined = false; break }
                    if !joined, previous!.dotted, start - gapStart == 2, s[start - 1] == " " { joined = true }
                }
                let dotted = i < n && s[i] == "."
                let initial = capitalised && isInitial(s, before: start, previous: previous)
                let word = capitalised ? Words.string(text, start..<end) : ""
                items.append(Word(start: start, end: end, cls: capitalised ? classes[word] ?? [] : [], capitalised: capitalised,
                                  possessive: possessive, joined: joined, initial: initial, dotted: dotted))
                texts.append(word)
                gapStart = i
            }
        }
        return Words(s: text, items: items, texts: texts, classes: classes)
    }

    /// Whether the word at `start` opens a sentence, line or list item: only spaces, quotes, brackets, dashes and
    /// Markdown marks lie between it and a sentence end, a line break or the start of the text.
    private func isInitial(_ s: UnsafeBufferPointer<Unicode.Scalar>, before start: Int, previous: Word?) -> Bool {
        var j = start - 1
        while j >= 0 {
            switch s[j] {
            case " ", "\t", "\u{A0}", "*", "_", "#", ">", "\"", "“", "”", "‘", "'", "(", "[", "-", "–", "—": j -= 1
            case "\n", "\r", "!", "?", ":", ";", "|": return true
            case ".":
                // `Dr. Kessler`, `George W. Bush`: an abbreviation's full stop ends no sentence.
                if let p = previous, p.end == j, p.capitalised, p.end - p.start == 1 || p.cls.contains(.personTitle) {
                    return false
                }
                return true
            default:
                // A numbered list item (`1. Name`) or a closing bracket of a list marker.
                return false
            }
        }
        return true
    }

    @inline(__always) private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A : c.properties.isAlphabetic && !TextSearch.isHan(c)
    }

    @inline(__always) private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// Whether the line holding offset `i` is a Markdown heading (`# …`), whose words are capitalised anyway.
    private func isInHeading(_ i: Int, _ s: [Unicode.Scalar]) -> Bool {
        var j = i
        while j > 0, s[j - 1] != "\n" { j -= 1 }
        while j < i, s[j] == " " { j += 1 }
        return j < i && s[j] == "#"
    }

    @inline(__always) private static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase
    }

    @inline(__always) private static func isLowercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 0x61 && c.value <= 0x7A : c.properties.isLowercase
    }

    // MARK: - Runs

    /// Whether a word may be part of a name: capitalised, with a lower-case letter or all capitals (`NATO`), or
    /// an initial (`W.`).
    private func isNameWord(_ i: Int, _ words: Words) -> Bool {
        words[i].capitalised && !words[i].cls.contains(.notName)
    }

    /// The run of name words starting at word `k` (after any words of `notNames` and person titles), or nil.
    private func run(at k: Int, _ words: Words) -> Run? {
        guard words[k].capitalised else { return nil }
        var first = k
        var titled = false
        // Person titles and words that are no names lead into a run: `President Joe Biden`, `In Leiden`.
        while first < words.count, words[first].capitalised, first == k || words[first].joined {
            let c = words[first].cls
            if c.contains(.personTitle) && first + 1 < words.count && words[first + 1].joined && words[first + 1].capitalised
                && !words[first].possessive {
                titled = true
            } else if c.contains(.notName) && !words[first].possessive {
                titled = false
            } else {
                break
            }
            first += 1
        }
        guard first < words.count, words[first].capitalised, first == k || words[first].joined,
              isNameWord(first, words) else { return nil }
        // A sentence opened by a verb or an adverb (`Acquired Widgets Ltd`): the verb is no part of the name.
        if first == k, words[k].initial, first + 1 < words.count, words[first + 1].joined, isNameWord(first + 1, words),
           words.text(first).hasSuffix("ed") || words.text(first).hasSuffix("ing") || words.text(first).hasSuffix("ly") {
            first += 1
        }
        let afterTitles = first
        var last = first
        while !words[last].possessive {
            let j = last + 1
            guard j < words.count, words[j].joined else { break }
            if isNameWord(j, words) {
                last = j
            } else if words.cls(j).contains(.connector), j + 1 < words.count, words[j + 1].joined, isNameWord(j + 1, words),
                      !words.is(j, "of") || words[last].cls.contains(.ofHead) {
                last = j + 1
            } else {
                break
            }
        }
        // A title inside the run (`Finance Minister Anton Siluanov`, `Secretary of State Antony Blinken`) leads into
        // the name after it.
        if let p = (first..<last).last(where: { words[$0].cls.contains(.personTitle) && !words[$0].possessive }) {
            var q = p + 1
            if words.cls(q).contains(.connector) { q += 2 }
            if q <= last { first = q; titled = true }
        }
        // `Justice Department`: a title before an organisation's word is part of its name.
        if titled, words[last].cls.contains(.organisationWord) {
            first = k
            while first < afterTitles, !words[first].cls.contains(.personTitle) { first += 1 }
            titled = false
        }
        // A title with no name after it (`Czech Foreign Minister`) is a role.
        if words[last].cls.contains(.personTitle) { return nil }
        // Initials alone (`A.`) are no name.
        if first == last, words[first].end - words[first].start == 1 { return nil }
        let text = first == last ? words.text(first) : (first...last).map(words.text).joined(separator: " ")
        let initial = first == k && words[k].initial
        return Run(first: first, last: last, text: text, kind: titled ? .person : nil, initial: initial)
    }

    /// Whether a word of the run makes it no name (`First World War`, `Prix Lacaze`).
    private func isOther(_ r: Run, _ words: Words) -> Bool {
        (r.first...r.last).contains { words[$0].cls.contains(.otherWord) }
    }

    /// Whether the run is listed, after a comma or `and`, with a run that is no name.
    private func continuesOther(_ r: Run, _ words: Words, _ otherEnds: Set<Int>) -> Bool {
        var i = r.first - 1
        if i >= 0, words.is(i, "and") {
            guard words[i + 1].joined else { return false }
            i -= 1
        }
        return i >= 0 && otherEnds.contains(i)
    }

    /// Whether the run follows a capitalised possessive (`People's Liberation Army`): part of a longer name.
    private func followsPossessiveName(_ r: Run, _ words: Words) -> Bool {
        let i = r.first - 1
        return i >= 0 && words[r.first].joined && words[i].possessive && words[i].capitalised
    }

    /// The kind a run's own words and its context give, or nil.
    private func classify(_ r: Run, _ words: Words) -> (Kind, weak: Bool)? {
        let count = r.last - r.first + 1
        let lastClass = words[r.last].cls
        // `Optica Labs`, `University of Geneva`: an organisation's word ends the name or its part before `of`;
        // alone (`the Commission`), it is a common noun.
        if lastClass.contains(.organisationWord) { return count > 1 ? (.organisation, false) : nil }
        if let of = (r.first...r.last).first(where: { !words[$0].capitalised && words.cls($0).contains(.connector) }),
           of > r.first, words[of - 1].cls.contains(.organisationWord) {
            return (.organisation, false)
        }
        let allCapitals = words.s[words[r.last].start..<words[r.last].end].allSatisfy(Self.isUppercase)
        if count == 1, words[r.last].end - words[r.last].start >= 3, allCapitals { return (.organisation, false) }
        if count > 1, lastClass.contains(.placeWord) || words[r.first].cls.contains(.placeFirst) { return (.place, false) }
        // Context before: up to two words of the same clause.
        func before(_ d: Int) -> Int? {
            let i = r.first - d
            guard i >= 0, words[i + 1].joined else { return nil }
            return i
        }
        let b1 = before(1), b2 = before(2)
        let c1 = b1.map(words.cls) ?? [], c2 = b2.map(words.cls) ?? []
        if let b1, words.is(b1, "of"), c2.contains(.placeNoun) { return (.place, false) }
        if c1.contains(.personRole) { return (.person, false) }
        if let b1, let b2, c2.contains(.roleFirst), twoWordRoles.contains(words.text(b2) + " " + words.text(b1)) {
            return (.person, false)
        }
        // After a preposition of place (`in Leiden`), unless a noun follows (`in Catholic schools`).
        let after = r.last + 1
        if c1.contains(.placePreposition), !words[r.last].possessive, !allCapitals,
           after >= words.count || !words[after].joined || words[after].capitalised || words.cls(after).contains(.placeFollower) {
            return (.place, true)
        }
        // A lifespan after it: `Marguerite Aubel (1871–1949)`, `(born 1950)`, `(c. 1603 – 1671)`.
        var j = words[r.last].end
        while j < words.s.count, words.s[j] == " " { j += 1 }
        if j + 1 < words.s.count, words.s[j] == "(", count > 1,
           Self.isDigit(words.s[j + 1]) || words.s[j + 1] == "b" || words.s[j + 1] == "c" {
            return (.person, false)
        }
        // Context after: a cue of a person (`Kessler said`, `Kessler, who`).
        if after < words.count, words.cls(after).contains(.cueFirst) {
            for cue in personCues where cue.count <= words.count - after {
                if (0..<cue.count).allSatisfy({ words.text(after + $0).lowercased() == cue[$0] }) { return (.person, false) }
            }
        }
        // Followed by a place noun (`the Big Bend region`).
        if after < words.count, words[after].joined, !words[after].capitalised,
           words.cls(after).contains(.placeNoun) { return (.place, true) }
        // Two or three capitalised words, none all capitals, not after an article (`the Great Hall`) nor in a heading
        // (`## March 2020: Product Launch`): a person's name.
        if (2...3).contains(count), (r.first...r.last).allSatisfy({ words[$0].capitalised }), !c1.contains(.determiner),
           !isInHeading(words[r.first].start, words.s),
           (r.first...r.last).allSatisfy({ i in words.s[(words[i].start + 1)..<words[i].end].contains(where: Self.isLowercase) }) {
            return (.person, true)
        }
        return nil
    }
}
