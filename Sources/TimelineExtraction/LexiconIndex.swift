/// What the extractor looks up in the lexicons many times per document, prepared once per ``Lexicon``: the
/// event-type triggers indexed by their first character, the relation cues as scalars (and in the order of
/// longest first that the relation finders try them), and the title rules' sorted word lists.
///
/// A class, so that reading it from a ``Lexicon`` (itself a large struct) costs one reference count.
final class LexiconIndex: Sendable {
    /// One trigger of an event type.
    struct Trigger: Sendable {
        var type: Int
        /// Lower-cased (ASCII) for an English trigger; as written for a Chinese one.
        var scalars: [Unicode.Scalar]
        /// English: a whole word, case-insensitive, inflections allowed (``TextSearch/firstWord``). Chinese: a
        /// plain substring (``TextSearch/first``).
        var english: Bool
        var firstIsWord: Bool
        var lastIsWord: Bool
    }

    /// A relation cue with its phrase as scalars.
    struct Cue: Sendable {
        var cue: Lexicon.RelationCue
        /// The English phrase, else the Chinese one.
        var scalars: [Unicode.Scalar]
        var english: Bool { cue.en != nil }
    }

    let typeNames: [String]
    let triggers: [Trigger]
    /// Trigger indices by first scalar (lower-cased for English triggers): ASCII in a table, the rest in a
    /// dictionary; those that must start a word (English, beginning with a word character) apart.
    let asciiTriggers: [[Int]]
    let otherTriggers: [Unicode.Scalar: [Int]]
    let asciiWordTriggers: [[Int]]
    let otherWordTriggers: [Unicode.Scalar: [Int]]
    /// `ignoredPhrases.en + ignoredPhrases.zh`, in that order, as scalars.
    let ignored: [[Unicode.Scalar]]
    /// Whether every ignored phrase is ``TextSearch/isSimple(_:)`` text (so the literal fast path applies).
    let ignoredSimple: Bool
    /// One-pass search for the ignored phrases.
    let ignoredFinder: LiteralFinder
    /// The relation cues, in the lexicon's order and sorted longest first (stably, as the finders always did).
    let cues: [Cue]
    let cuesLongestFirst: [Cue]
    /// One-pass search for every cue of `cues` / `cuesLongestFirst`.
    let cueFinder: CueFinder
    let cueFinderLongestFirst: CueFinder
    /// The title rules' leading fillers, longest first, each with a space and with a comma after it.
    let fillersLongestFirst: [(String, String, String)]
    /// The ASCII ones of them as bytes, with a space and with a comma after each (compared with lower-cased text,
    /// so a filler with a capital never matches, as before).
    let asciiFillersLongestFirst: [([UInt8], [UInt8])]
    let datePrepositions: Set<String>
    /// Title-rule cues with the spaces the date filters compare them with.
    let comparisonCues: [String]
    let comparisonCuesSpaced: [String]
    let relativeComparisonCuesSpaced: [String]
    let periodComparisonCuesSpaced: [String]
    /// The spaced cues' bytes when they are ASCII.
    let comparisonCuesSpacedBytes: [[UInt8]?]
    let relativeComparisonCuesSpacedBytes: [[UInt8]?]
    let periodComparisonCuesSpacedBytes: [[UInt8]?]
    let conditionalCuesSpaced: [String]
    let conditionalCuePhrases: TextSearch.PhraseSet
    let stampMarkers: TextSearch.PhraseSet
    let wireDateline: WireDateline
    let weakTitleWords: Set<String>
    let backMatterHeadings: Set<String>
    /// `backgroundOpeners` followed by a space, as bytes.
    let backgroundOpenerBytes: [[UInt8]]
    let clauseSubordinators: Set<String>
    let asPhrases: Set<String>
    /// The first scalars of `backMatterHeadings`.
    let backMatterFirsts: Set<Unicode.Scalar>
    let enablingCues: (en: TextSearch.PhraseSet, zh: TextSearch.PhraseSet)
    /// The English anaphors with a space on each side, as ``EventExtractor/hasAnaphor(_:zh:)`` looks for them.
    let spacedAnaphors: TextSearch.PhraseSet
    /// The definite references' phrases (English, else Chinese; empty when neither), whether each is non-empty
    /// simple text, and a one-pass finder for them.
    let definiteSimple: [Bool]
    let definiteFinder: LiteralFinder

    init(_ lexicon: Lexicon) {
        var triggers = TriggerTables()
        for (t, type) in lexicon.eventTypes.enumerated() {
            for w in type.en { triggers.add(Array(w.unicodeScalars).map(TextSearch.lower), type: t, english: true) }
            for w in type.zh { triggers.add(Array(w.unicodeScalars), type: t, english: false) }
        }
        typeNames = lexicon.eventTypes.map(\.type)
        self.triggers = triggers.triggers
        asciiTriggers = triggers.asciiTriggers
        otherTriggers = triggers.otherTriggers
        asciiWordTriggers = triggers.asciiWordTriggers
        otherWordTriggers = triggers.otherWordTriggers
        flatTriggers = LexiconIndex.flatten(triggers.triggers, ascii: triggers.asciiTriggers, asciiWord: triggers.asciiWordTriggers)
        ignored = (lexicon.ignoredPhrases.en + lexicon.ignoredPhrases.zh).map { Array($0.unicodeScalars) }
        ignoredSimple = ignored.allSatisfy { TextSearch.isSimple($0) }
        ignoredFinder = LiteralFinder(ignored)
        cues = lexicon.relationCues.map { Cue(cue: $0, scalars: Array(($0.en ?? $0.zh ?? "").unicodeScalars)) }
        let sorted = lexicon.relationCues.sorted { ($0.en ?? $0.zh ?? "").count > ($1.en ?? $1.zh ?? "").count }
        cuesLongestFirst = sorted.map { Cue(cue: $0, scalars: Array(($0.en ?? $0.zh ?? "").unicodeScalars)) }
        cueFinder = CueFinder(cues)
        cueFinderLongestFirst = CueFinder(cuesLongestFirst)
        fillersLongestFirst = lexicon.titleRules.leadingFillers.sorted(by: { $0.count > $1.count }).map { ($0, $0 + " ", $0 + ",") }
        asciiFillersLongestFirst = fillersLongestFirst.filter { $0.1.isASCII && $0.2.isASCII }.map {
            (Array($0.1.utf8), Array($0.2.utf8))
        }
        datePrepositions = Set(lexicon.titleRules.datePrepositions)
        let rules = lexicon.titleRules
        comparisonCues = rules.comparisonCues
        comparisonCuesSpaced = rules.comparisonCues.map { " " + $0 }
        relativeComparisonCuesSpaced = rules.relativeComparisonCues.map { " " + $0 }
        periodComparisonCuesSpaced = (rules.periodComparisonCues ?? []).map { " " + $0 }
        // (Not starting with a line feed, so that a byte suffix never splits a CR LF character.)
        func bytes(_ cue: String) -> [UInt8]? { cue.isASCII && cue.utf8.first != 0x0A ? Array(cue.utf8) : nil }
        comparisonCuesSpacedBytes = comparisonCuesSpaced.map(bytes)
        relativeComparisonCuesSpacedBytes = relativeComparisonCuesSpaced.map(bytes)
        periodComparisonCuesSpacedBytes = periodComparisonCuesSpaced.map(bytes)
        conditionalCuesSpaced = rules.conditionalCues.map { " " + $0 + " " }
        conditionalCuePhrases = TextSearch.PhraseSet(conditionalCuesSpaced)
        stampMarkers = TextSearch.PhraseSet(rules.stampMarkers)
        weakTitleWords = Set(rules.weakTitleWords ?? [])
        backMatterHeadings = Set((rules.backMatterHeadings ?? []).map { $0.lowercased() })
        backgroundOpenerBytes = (rules.backgroundOpeners ?? []).map { Array(($0.lowercased() + " ").utf8) }
        clauseSubordinators = Set(rules.clauseSubordinators ?? [])
        asPhrases = Set(rules.asPhrases ?? [])
        backMatterFirsts = Set(backMatterHeadings.compactMap(\.unicodeScalars.first))
        wireDateline = WireDateline(credits: rules.wireCredits ?? [], agencyEndings: rules.wireAgencyEndings ?? [])
        enablingCues = (TextSearch.PhraseSet(lexicon.enablingCues.en), TextSearch.PhraseSet(lexicon.enablingCues.zh))
        spacedAnaphors = TextSearch.PhraseSet(lexicon.anaphors.en.map { " " + $0 + " " })
        let definite = lexicon.definiteReferences.map { Array(($0.en ?? $0.zh ?? "").unicodeScalars) }
        definiteSimple = definite.map { !$0.isEmpty && TextSearch.isSimple($0) }
        definiteFinder = LiteralFinder(definite)
    }

    /// The trigger lists being built.
    private struct TriggerTables {
        var triggers: [Trigger] = []
        var asciiTriggers: [[Int]] = Array(repeating: [], count: 128)
        var otherTriggers: [Unicode.Scalar: [Int]] = [:]
        var asciiWordTriggers: [[Int]] = Array(repeating: [], count: 128)
        var otherWordTriggers: [Unicode.Scalar: [Int]] = [:]

    mutating func add(_ scalars: [Unicode.Scalar], type: Int, english: Bool) {
        guard let first = scalars.first else { return }   // an empty trigger never matches
        let i = triggers.count
        triggers.append(Trigger(type: type, scalars: scalars, english: english,
                                firstIsWord: TextSearch.isWordScalar(first),
                                lastIsWord: TextSearch.isWordScalar(scalars[scalars.count - 1])))
        if english && triggers[i].firstIsWord {
            if first.value < 128 { asciiWordTriggers[Int(first.value)].append(i) } else { otherWordTriggers[first, default: []].append(i) }
        } else {
            if first.value < 128 { asciiTriggers[Int(first.value)].append(i) } else { otherTriggers[first, default: []].append(i) }
        }
    }
    }

    /// The event type whose triggers occur in `hay` (already lower-cased, ignored phrases removed) most often:
    /// each trigger counts once, the first type with the most wins, `event` when none occurs. One pass over
    /// `hay`, comparing at each position only the triggers that start with its character.
    func bestType(_ hay: [Unicode.Scalar]) -> String {
        let n = hay.count
        let tables = flatTriggers
        var found = [Bool](repeating: false, count: triggers.count)
        var hits = [Int](repeating: 0, count: typeNames.count)
        hay.withUnsafeBufferPointer { h in
        tables.flat.withUnsafeBufferPointer { flat in
        tables.items.withUnsafeBufferPointer { items in
        tables.triggers.withUnsafeBufferPointer { triggers in
            /// Counts trigger `ti` when it occurs at `i` (once per trigger).
            func tryTrigger(_ ti: Int, at i: Int) {
                if found[ti] { return }
                let t = triggers[ti]
                let count = t.count
                guard i + count <= n else { return }
                var k = 0
                if t.english {
                    while k < count, TextSearch.lower(h[i + k]) == flat[t.start + k] { k += 1 }
                    guard k == count else { return }
                    if t.firstIsWord, i > 0, TextSearch.isWordScalar(h[i - 1]) { return }
                    var after = i + count
                    after += TextSearch.inflection(in: hay, at: after, end: n)
                    if t.lastIsWord, after < n, TextSearch.isWordScalar(h[after]) { return }
                } else {
                    while k < count, h[i + k] == flat[t.start + k] { k += 1 }
                    guard k == count else { return }
                }
                found[ti] = true
                hits[t.type] += 1
            }
            func check(_ from: Int, _ to: Int, at i: Int) {
                for p in from..<to { tryTrigger(items[p], at: i) }
            }
            func checkList(_ list: [Int], at i: Int) {
                for ti in list { tryTrigger(ti, at: i) }
            }
            let bounds = tables.asciiBounds, wordBounds = tables.asciiWordBounds
            let pairBounds = tables.pairBounds, wordPairBounds = tables.wordPairBounds
            for i in 0..<n {
                let c = h[i]
                let l = TextSearch.lower(c)
                let wordStart = i == 0 || !TextSearch.isWordScalar(h[i - 1])
                if l.value < 128 {
                    let v = Int(l.value)
                    // English triggers of two or more scalars are only tried where the second scalar is theirs (the
                    // order of the tries does not matter: each trigger found counts once).
                    let second = i + 1 < n ? TextSearch.lower(h[i + 1]).value : 0x80
                    let key = 128 * v + Int(second)
                    if bounds[v] < bounds[v + 1] { check(bounds[v], bounds[v + 1], at: i) }
                    if second < 128, pairBounds[key] < pairBounds[key + 1] { check(pairBounds[key], pairBounds[key + 1], at: i) }
                    if wordStart {
                        if wordBounds[v] < wordBounds[v + 1] { check(wordBounds[v], wordBounds[v + 1], at: i) }
                        if second < 128, wordPairBounds[key] < wordPairBounds[key + 1] {
                            check(wordPairBounds[key], wordPairBounds[key + 1], at: i)
                        }
                    }
                } else {
                    if let list = otherTriggers[l] { checkList(list, at: i) }
                    if wordStart, let words = otherWordTriggers[l] { checkList(words, at: i) }
                }
                // A Chinese trigger written with a capital ASCII letter compares exactly (English triggers are
                // indexed lower-cased, so only Chinese ones are filed under a capital).
                if l != c {
                    let v = Int(c.value)
                    if bounds[v] < bounds[v + 1] { check(bounds[v], bounds[v + 1], at: i) }
                }
            }
        }
        }
        }
        }
        var best = ("event", 0)
        for (t, name) in typeNames.enumerated() where hits[t] > best.1 { best = (name, hits[t]) }
        return best.0
    }

    /// The trigger tables as plain values: each trigger's scalars at `flat[start..<start + count]`, and the
    /// triggers filed under ASCII scalar `c` as `items[asciiBounds[c]..<asciiBounds[c + 1]]` (those that must start
    /// a word: `items[asciiWordBounds[c]..<asciiWordBounds[c + 1]]`), in the lists' order.
    struct FlatTriggers: Sendable {
        struct Trigger: Sendable {
            var type: Int
            var start: Int
            var count: Int
            var english: Bool
            var firstIsWord: Bool
            var lastIsWord: Bool
        }
        var flat: [Unicode.Scalar] = []
        var triggers: [Trigger] = []
        var items: [Int] = []
        var asciiBounds: [Int] = []
        var asciiWordBounds: [Int] = []
        /// English triggers of two or more scalars whose second one is ASCII are filed by their first two scalars
        /// instead: `items[pairBounds[128 * c + d]..<pairBounds[128 * c + d + 1]]`, and likewise `wordPairBounds`.
        var pairBounds: [Int] = []
        var wordPairBounds: [Int] = []
    }
    let flatTriggers: FlatTriggers

    static func flatten(_ triggers: [Trigger], ascii: [[Int]], asciiWord: [[Int]]) -> FlatTriggers {
        var f = FlatTriggers()
        for t in triggers {
            f.triggers.append(.init(type: t.type, start: f.flat.count, count: t.scalars.count, english: t.english,
                                    firstIsWord: t.firstIsWord, lastIsWord: t.lastIsWord))
            f.flat += t.scalars
        }
        func paired(_ ti: Int) -> Int? {
            let t = triggers[ti]
            guard t.english, t.scalars.count >= 2, t.scalars[1].value < 128 else { return nil }
            return 128 * Int(t.scalars[0].value) + Int(t.scalars[1].value)
        }
        var items: [Int] = []
        func file(_ lists: [[Int]], single: inout [Int], pairs: inout [Int]) {
            var singles = [[Int]](repeating: [], count: 128)
            var byPair = [[Int]](repeating: [], count: 128 * 128)
            for (c, list) in lists.enumerated() {
                for ti in list {
                    if let key = paired(ti) { byPair[key].append(ti) } else { singles[c].append(ti) }
                }
            }
            for list in singles { single.append(items.count); items += list }
            single.append(items.count)
            for list in byPair { pairs.append(items.count); items += list }
            pairs.append(items.count)
        }
        var asciiBounds: [Int] = [], pairBounds: [Int] = [], asciiWordBounds: [Int] = [], wordPairBounds: [Int] = []
        file(ascii, single: &asciiBounds, pairs: &pairBounds)
        file(asciiWord, single: &asciiWordBounds, pairs: &wordPairBounds)
        f.items = items
        f.asciiBounds = asciiBounds
        f.pairBounds = pairBounds
        f.asciiWordBounds = asciiWordBounds
        f.wordPairBounds = wordPairBounds
        return f
    }
}

/// Finds the first occurrence of each of a list of relation cues in one pass over a text: an English cue as
/// ``TextSearch/firstWord(_:in:caseInsensitive:allowInflection:from:to:)`` finds it (a whole word, ASCII case
/// ignored), a Chinese one as ``TextSearch/first(_:in:from:to:)`` does (exactly).
struct CueFinder: Sendable {
    var needles: [[Unicode.Scalar]] = []
    var english: [Bool] = []
    /// Cue indices by first scalar (lower-cased for English cues).
    var byFirst: [Unicode.Scalar: [Int]] = [:]
    /// The same tables flat, for the scan: needles concatenated (`flat[bounds[k]..<bounds[k + 1]]`), and the cues
    /// with an ASCII first scalar `c` as `asciiItems[asciiStart[c]..<asciiStart[c + 1]]`, in index order.
    var flat: [Unicode.Scalar] = []
    var bounds: [Int] = [0]
    var asciiStart: [Int] = []
    var asciiItems: [Int] = []

    init(_ cues: [LexiconIndex.Cue]) {
        var ascii = [[Int]](repeating: [], count: 128)
        for (i, c) in cues.enumerated() {
            let en = c.english
            let needle = en ? c.scalars.map(TextSearch.lower) : c.scalars
            needles.append(needle)
            english.append(en)
            flat += needle
            bounds.append(flat.count)
            if let first = needle.first {
                byFirst[first, default: []].append(i)
                if first.value < 128 { ascii[Int(first.value)].append(i) }
            }
        }
        asciiStart = [0]
        for list in ascii { asciiStart.append(asciiStart[asciiStart.count - 1] + list.count) }
        asciiItems = ascii.flatMap { $0 }
        // English cues that start with a word scalar can only match where a word starts; filed apart, by their
        // first two scalars when the second is ASCII.
        var plain = [[Int]](repeating: [], count: 128)
        var words = [[Int]](repeating: [], count: 128)
        var pairs = [[Int]](repeating: [], count: 128 * 128)
        for (c, list) in ascii.enumerated() {
            for ci in list {
                let n = needles[ci]
                if english[ci], TextSearch.isWordScalar(n[0]) {
                    if n.count >= 2, n[1].value < 128 { pairs[128 * c + Int(n[1].value)].append(ci) } else { words[c].append(ci) }
                } else {
                    plain[c].append(ci)
                }
            }
        }
        for (k, table) in [plain, words, pairs].enumerated() {
            var bounds: [Int] = []
            for list in table { bounds.append(tableItems.count); tableItems += list }
            bounds.append(tableItems.count)
            switch k {
            case 0: plainBounds = bounds
            case 1: wordBounds = bounds
            default: pairBounds = bounds
            }
        }
    }

    /// The scan's tables: cues by ASCII first scalar (`tableItems[plainBounds[c]..<plainBounds[c + 1]]`), those
    /// that must start a word apart (`wordBounds`), and those of these with an ASCII second scalar `d` by both
    /// (`pairBounds[128 * c + d]`).
    var tableItems: [Int] = []
    var plainBounds: [Int] = []
    var wordBounds: [Int] = []
    var pairBounds: [Int] = []

    /// For each cue, the offset of its first occurrence in `hay[from..<to]`, or -1.
    func firstOffsets(in hay: [Unicode.Scalar], from: Int = 0, to: Int? = nil) -> [Int] {
        let end = to ?? hay.count
        var out = [Int](repeating: -1, count: needles.count)
        guard from < end else { return out }
        var left = needles.count
        let flat = self.flat, bounds = self.bounds, english = self.english
        let asciiStart = self.asciiStart, asciiItems = self.asciiItems
        let items = tableItems, plainBounds = self.plainBounds, wordBounds = self.wordBounds, pairBounds = self.pairBounds
        hay.withUnsafeBufferPointer { hay in
            func check(_ ci: Int, at i: Int) {
                guard out[ci] < 0 else { return }
                let lo = bounds[ci], count = bounds[ci + 1] - lo
                guard i + count <= end else { return }
                var k = 0
                if english[ci] {
                    while k < count, TextSearch.lower(hay[i + k]) == flat[lo + k] { k += 1 }
                    guard k == count else { return }
                    if i > 0, TextSearch.isWordScalar(flat[lo]), TextSearch.isWordScalar(hay[i - 1]) { return }
                    let after = i + count
                    if after < end, TextSearch.isWordScalar(flat[lo + count - 1]), TextSearch.isWordScalar(hay[after]) { return }
                } else {
                    while k < count, hay[i + k] == flat[lo + k] { k += 1 }
                    guard k == count else { return }
                }
                out[ci] = i
                left -= 1
            }
            var i = from
            while i < end, left > 0 {
                let c = hay[i]
                let l = TextSearch.lower(c)
                if l.value < 128 {
                    // (The cues are tried in another order than `asciiItems`', which does not change the first
                    // offset of any.)
                    let v = Int(l.value)
                    var p = plainBounds[v]
                    var q = plainBounds[v + 1]
                    while p < q { check(items[p], at: i); p += 1 }
                    if i == 0 || !TextSearch.isWordScalar(hay[i - 1]) {
                        p = wordBounds[v]
                        q = wordBounds[v + 1]
                        while p < q { check(items[p], at: i); p += 1 }
                        if i + 1 < end {
                            let second = TextSearch.lower(hay[i + 1]).value
                            if second < 128 {
                                p = pairBounds[128 * v + Int(second)]
                                q = pairBounds[128 * v + Int(second) + 1]
                                while p < q { check(items[p], at: i); p += 1 }
                            }
                        }
                    }
                    // Chinese cues are filed under their exact first scalar, which may be a capital.
                    if l != c {
                        var p = asciiStart[Int(c.value)]
                        let q = asciiStart[Int(c.value) + 1]
                        while p < q { check(asciiItems[p], at: i); p += 1 }
                    }
                } else if let list = byFirst[l] {
                    for ci in list { check(ci, at: i) }
                }
                i += 1
            }
        }
        return out
    }
}

/// Finds which of a list of needles occur literally (scalar for scalar) in a text, in one pass: at each position
/// only the needles starting with its scalar are compared. An empty needle never occurs.
///
/// The tables are flat arrays (needles concatenated, needle numbers by ASCII first scalar), so the scan reads
/// them without reference counting.
struct LiteralFinder: Sendable {
    let count: Int
    /// The needles concatenated; needle `k` is `flat[bounds[k]..<bounds[k + 1]]`.
    let flat: [Unicode.Scalar]
    let bounds: [Int]
    /// The needles whose first scalar is the ASCII scalar `c` are `asciiItems[asciiStart[c]..<asciiStart[c + 1]]`.
    let asciiStart: [Int]
    let asciiItems: [Int]
    let other: [Unicode.Scalar: [Int]]

    init(_ needles: [[Unicode.Scalar]]) {
        count = needles.count
        flat = needles.flatMap { $0 }
        var bounds = [0]
        for n in needles { bounds.append(bounds[bounds.count - 1] + n.count) }
        self.bounds = bounds
        var ascii = [[Int]](repeating: [], count: 128)
        var pairs = [[Int]](repeating: [], count: 128 * 128)
        var other: [Unicode.Scalar: [Int]] = [:]
        for (i, n) in needles.enumerated() {
            guard let first = n.first else { continue }
            if first.value < 128 {
                if n.count >= 2, n[1].value < 128 {
                    pairs[128 * Int(first.value) + Int(n[1].value)].append(i)
                } else {
                    ascii[Int(first.value)].append(i)
                }
            } else {
                other[first, default: []].append(i)
            }
        }
        var start = [0]
        for list in ascii { start.append(start[start.count - 1] + list.count) }
        asciiStart = start
        asciiItems = ascii.flatMap { $0 }
        var pairStart = [0]
        for list in pairs { pairStart.append(pairStart[pairStart.count - 1] + list.count) }
        self.pairStart = pairStart
        pairItems = pairs.flatMap { $0 }
        self.other = other
    }

    /// The needles of two or more scalars with an ASCII first scalar `c` and second `d`:
    /// `pairItems[pairStart[128 * c + d]..<pairStart[128 * c + d + 1]]` (not in `asciiItems`).
    let pairStart: [Int]
    let pairItems: [Int]

    /// For each needle, whether it occurs in `hay`; with `stopAtFirst`, only until one is found.
    func found(in hay: [Unicode.Scalar], stopAtFirst: Bool = false) -> [Bool] {
        var out = [Bool](repeating: false, count: count)
        scan(hay) { k in
            out[k] = true
            return stopAtFirst
        }
        return out
    }

    /// Whether any needle occurs in `hay`.
    func any(in hay: [Unicode.Scalar]) -> Bool {
        var any = false
        scan(hay) { _ in
            any = true
            return true
        }
        return any
    }

    /// Calls `hit` once for each needle that occurs (at its first occurrence), until it returns true.
    @inline(__always) private func scan(_ hay: [Unicode.Scalar], _ hit: (Int) -> Bool) {
        guard count > 0 else { return }
        var done = [Bool](repeating: false, count: count)
        var left = count
        let flat = self.flat, bounds = self.bounds, asciiStart = self.asciiStart, asciiItems = self.asciiItems
        let pairStart = self.pairStart, pairItems = self.pairItems
        hay.withUnsafeBufferPointer { h in
            let n = h.count
            func compare(_ k: Int, at i: Int) -> Bool {
                if done[k] { return false }
                let lo = bounds[k], len = bounds[k + 1] - lo
                guard i + len <= n else { return false }
                var m = 1
                while m < len && h[i + m] == flat[lo + m] { m += 1 }
                guard m == len else { return false }
                done[k] = true
                left -= 1
                return hit(k)
            }
            var i = 0
            while i < n, left > 0 {
                let v = h[i].value
                if v < 128 {
                    let a = asciiStart[Int(v)], b = asciiStart[Int(v) + 1]
                    var p = a
                    while p < b {
                        if compare(asciiItems[p], at: i) { return }
                        p += 1
                    }
                    if i + 1 < n, h[i + 1].value < 128 {
                        let key = 128 * Int(v) + Int(h[i + 1].value)
                        p = pairStart[key]
                        let e = pairStart[key + 1]
                        while p < e {
                            if compare(pairItems[p], at: i) { return }
                            p += 1
                        }
                    }
                } else if let list = other[h[i]] {
                    for k in list where compare(k, at: i) { return }
                }
                i += 1
            }
        }
    }
}
