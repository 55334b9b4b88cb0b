import Foundation

/// The word lists and rules of one language, read from `<folder>/<language>/`:
/// `words/*.txt` (see ``WordList``) and `rules/*.rules` (see ``RuleFile``, applied in file-name order;
/// on equally long matches the earlier rule wins).
struct LanguageRules: Sendable {
    let code: String
    let lists: [String: WordList]
    let rules: [Rule]
    /// Rule indices (sorted) by the token key a rule can start with, through a literal or a word list.
    let byKey: [String: [Int]]
    /// Rule indices (sorted) starting with a built-in recogniser, by the token kind it starts on.
    let byKind: [Token.Kind: [Int]]
    /// The `number` word list, which built-ins need to start on a word or Han token.
    let numbers: WordList?
    /// Rules whose pattern can start anywhere (it may match nothing first); tried at every token.
    let anywhere: [Int]

    init(code: String, folder: URL, firstPriority: Int) throws {
        self.code = code
        let fm = FileManager.default
        var lists: [String: WordList] = [:]
        let wordsDir = folder.appendingPathComponent("words")
        for file in (try? fm.contentsOfDirectory(atPath: wordsDir.path))?.sorted() ?? [] where file.hasSuffix(".txt") {
            let name = String(file.dropLast(4))
            let url = wordsDir.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            lists[name] = try WordList(name: name, text: text, file: "\(code)/words/\(file)")
        }
        var rules: [Rule] = []
        let rulesDir = folder.appendingPathComponent("rules")
        for file in (try? fm.contentsOfDirectory(atPath: rulesDir.path))?.sorted() ?? [] where file.hasSuffix(".rules") {
            let text = try String(contentsOf: rulesDir.appendingPathComponent(file), encoding: .utf8)
            rules += try RuleFile.parse(text, language: code, file: "\(code)/rules/\(file)")
        }
        rules = rules.enumerated().map { $1.with(priority: firstPriority + $0) }
        // Every word list a rule names must exist.
        for r in rules {
            let names = r.pattern.listNames.union(r.notBefore?.listNames ?? []).union(r.notAfter?.listNames ?? [])
                .union(r.near?.listNames ?? [])
            for n in names where lists[n] == nil {
                let parts = r.location.split(separator: ":")
                throw TaggerRulesError.badLine(file: String(parts[0]), line: Int(parts.last ?? "0") ?? 0,
                                               message: "rule '\(r.name)' uses @\(n) but \(code)/words/\(n).txt does not exist")
            }
        }
        self.lists = lists
        self.rules = rules
        var byKey: [String: Set<Int>] = [:], byKind: [Token.Kind: Set<Int>] = [:]
        var anywhere: [Int] = []
        for (i, r) in rules.enumerated() {
            let f = r.pattern.firstSet
            if f.nullable { anywhere.append(i); continue }
            for k in f.keys { byKey[k, default: []].insert(i) }
            for l in f.lists {
                guard let wl = lists[l] else { continue }
                for k in wl.firstKeys { byKey[k, default: []].insert(i) }
            }
            for b in f.builtins {
                for k in b.startKinds { byKind[k, default: []].insert(i) }
            }
        }
        self.byKey = byKey.mapValues { $0.sorted() }
        self.byKind = byKind.mapValues { $0.sorted() }
        self.anywhere = anywhere
        self.numbers = lists["number"]
    }
}

/// A language's rules compiled against the tagger's ``Vocabulary``: patterns as flat node arrays over
/// token ids, word lists indexed by the id of their first token, and for every token id (and kind) the
/// rules worth trying there, so that the scan skips a word no rule can start with in one array load.
final class CompiledLanguage: Sendable {
    struct Node: Sendable {
        /// `literals`: an alternation of literals only (`past|last|previous`), tried in one node.
        enum Op: UInt8, Sendable { case literal, list, builtin, seq, alt, opt, spanStart, spanEnd, literals }
        var op: Op
        var capitalized: Bool
        /// literal: token id; list: list index; builtin: index in `Builtin.allCases`; opt: the child node.
        var a: Int32
        /// list and builtin: the capture name's index.
        var b: Int32
        /// seq, alt and literals: children are `kids[kidStart ..< kidStart + kidCount]`.
        var kidStart: Int32
        var kidCount: Int32
    }

    struct Entry: Sendable {
        var ids: [Int32]
        var value: Int32  // index in `values`
    }

    struct EntryRange: Sendable { var start: Int32; var count: Int32 }
    struct FlatEntry: Sendable { var idStart: Int32; var idCount: Int32; var value: Int32 }
    /// All lists' entries in flat arrays: `ranges[first id * listCount + list]` (by id first, so that the
    /// lists tried on one token share cache lines).
    struct FlatLists {
        var ranges: UnsafeBufferPointer<EntryRange>; var entries: UnsafeBufferPointer<FlatEntry>; var ids: UnsafeBufferPointer<Int32>
        var listCount: Int
        @inline(__always) func range(_ list: Int32, _ id: Int32) -> EntryRange { ranges[Int(id) * listCount + Int(list)] }
    }
    let flatRanges: [EntryRange]
    let flatEntries: [FlatEntry]
    let flatIDs: [Int32]

    /// Calls `body` with the flat lists' buffers.
    func withFlatLists<R>(_ body: (FlatLists) -> R) -> R {
        flatRanges.withUnsafeBufferPointer { r in
            flatEntries.withUnsafeBufferPointer { e in
                flatIDs.withUnsafeBufferPointer { i in body(FlatLists(ranges: r, entries: e, ids: i, listCount: lists.count)) }
            }
        }
    }

    struct List: Sendable {
        let name: String
        /// Entries by the id of their first token, longest first (as ``WordList``).
        let byFirst: [[Entry]]
        let maxLength: Int
    }

    /// What the `number` word list says of a token id.
    struct NumberInfo: Sendable {
        var present = false
        var isMultiplier = false
        var multiplier: Int? = nil
        var int: Int? = nil
        /// A single digit 0–9 (`〇`, `五`), else -1.
        var digit: Int8 = -1
    }

    struct CRule: Sendable {
        var root: Int32
        var notBefore: Int32
        var notAfter: Int32
        var near: Int32
        /// Whether a template calls a function (which may look at the tokens around the match).
        var needsTokens: Bool
        /// The source rule's priority and type, read here without retaining it.
        var priority: Int32
        var type: TimexType
    }

    let source: LanguageRules
    let nodes: [Node]
    let kids: [Int32]
    let lists: [List]
    let values: [String]
    let captureNames: [String]
    let rules: [CRule]
    /// Per rule, its first atoms with the test on the token after the first (see ``SecondTokenFilter``;
    /// `nil`: always try), and their bits.
    let filters: [[SecondTokenFilter.FirstAtom]?]
    /// The same flat: rule `r`'s atoms are `filterAtoms[filterRanges[r].start ..< +count]`, count -1: always try.
    let filterRanges: [EntryRange]
    let filterAtoms: [SecondTokenFilter.FirstAtom]
    let filterBits: [UInt64]
    let filterWords: Int
    let numbers: [NumberInfo]
    let hasNumbers: Bool
    /// Rule indices to try by `id * 5 + kind`, and for tokens without an id by kind.
    let candidates: [[Int32]]
    let unknownCandidates: [[Int32]]
    /// 1 where `candidates` is not empty: the scan's first test, one byte per id and kind.
    let triggers: [UInt8]
    /// A candidate rule at a token whose first-token test passed: the rule; the index of the set in `nextBits`
    /// of the tokens allowed after it (`bits`: the union over its first atoms that accept the token; a set of
    /// every token and the end of the text when any next token will do); and the set one of the `reach` tokens
    /// from this one must be in (`required`, -1: none; see ``RequiredTokens``).
    struct Cand: Sendable { var rule: Int32; var bits: Int32; var required: Int32 = -1; var reach: Int32 = 0 }
    /// A token's candidates `slotCands[start ..< start + count]`, and the union of their `bits`, which rejects
    /// most tokens in one test (a set of every token when one of them allows any; of none without candidates).
    struct SlotRange: Sendable { var start: Int32; var count: Int32; var union: Int32 }
    /// `candidates` with the first-token tests of ``SecondTokenFilter`` done ahead of time: for a token
    /// with an id, `slotCands[slotRanges[id * kindCount + kind]]`; without one, `unknownRanges[kind]`, or
    /// for numbers `unknownRanges[kindCount + min(digits, 15)]`.
    let slotRanges: [SlotRange]
    let unknownRanges: [SlotRange]
    let slotCands: [Cand]
    /// Per rule, the tokens every match contains (tested before the rule is run).
    let requiredTokens: [RequiredTokens]
    /// The sets of tokens allowed after a first token, transposed so that one token's row holds its bit in
    /// every set: token `u` (its id, or vocabulary count + kind) is in set `k` when bit `k` of
    /// `nextBits[u * nextWords ..< (u + 1) * nextWords]` is set. A token's tests then read one short row.
    let nextBits: [UInt64]
    let nextWords: Int
    /// The row of `nextBits` standing for the end of the text (only the set of every token has it).
    let endRow: Int
    let sinceBefore: Int32, sinceAfter: Int32
    /// By token id: whether the id starts a phrase of the `since-before` or `since-after` list (most dates
    /// have no such token near them, and are not looked at further).
    let startsSince: [Bool]
    /// How far past a match the tense heuristic's word lists can reach.
    let tenseReach: Int
    /// The `future` and `past` lists' indices in `lists` (-1: none), and the kind of every value (``TemplateWords``).
    let futureList: Int32, pastList: Int32
    let valueKinds: [UInt8]
    let isLatin: Bool
    /// Every rule needs a token whose key is not ASCII (`年`, `星期一`): the rules cannot match an ASCII text,
    /// which is then not scanned for them.
    let needsNonASCII: Bool

    static let kindCount = 5

    init(_ lang: LanguageRules, vocab: Vocabulary) {
        source = lang
        isLatin = lang.code != "zh"
        // A match needs a non-ASCII token when a part every match goes through does: a literal with a
        // non-ASCII key, or a word list each of whose phrases has one. (An ASCII text has ASCII keys only.)
        func nonASCII(_ k: String) -> Bool { k.utf8.contains { $0 >= 0x80 } }
        func needs(_ p: Pattern) -> Bool {
            switch p {
            case let .literal(k, _): return nonASCII(k)
            case let .list(n, _, _):
                guard let wl = lang.lists[n] else { return false }
                return wl.firstKeys.allSatisfy { k in wl.byFirstKey[k]!.allSatisfy { $0.keys.contains(where: nonASCII) } }
            case .builtin, .spanStart, .spanEnd, .opt: return false
            case let .seq(ps): return ps.contains(where: needs)
            case let .alt(ps): return !ps.isEmpty && ps.allSatisfy(needs)
            }
        }
        needsNonASCII = !lang.rules.isEmpty && lang.rules.allSatisfy { needs($0.pattern) }
        var values: [String] = []
        var valueIndex: [String: Int32] = [:]
        func value(_ v: String) -> Int32 {
            if let i = valueIndex[v] { return i }
            values.append(v)
            valueIndex[v] = Int32(values.count - 1)
            return Int32(values.count - 1)
        }
        // Word lists.
        var lists: [List] = []
        var listIndex: [String: Int32] = [:]
        for name in lang.lists.keys.sorted() {
            let wl = lang.lists[name]!
            var byFirst = [[Entry]](repeating: [], count: vocab.count)
            var maxLength = 0
            for k in wl.firstKeys {
                let id = vocab.id(of: k)
                guard id >= 0 else { continue }
                byFirst[Int(id)] = wl.byFirstKey[k]!.map { e in
                    maxLength = max(maxLength, e.keys.count)
                    return Entry(ids: e.keys.map { vocab.id(of: $0) }, value: value(e.value))
                }
            }
            listIndex[name] = Int32(lists.count)
            lists.append(List(name: name, byFirst: byFirst, maxLength: maxLength))
        }
        var flatRanges = [EntryRange](repeating: EntryRange(start: 0, count: 0), count: lists.count * vocab.count)
        var flatEntries: [FlatEntry] = [], flatIDs: [Int32] = []
        for (li, l) in lists.enumerated() {
            for (id, es) in l.byFirst.enumerated() {
                flatRanges[id * lists.count + li] = EntryRange(start: Int32(flatEntries.count), count: Int32(es.count))
                for e in es {
                    flatEntries.append(FlatEntry(idStart: Int32(flatIDs.count), idCount: Int32(e.ids.count), value: e.value))
                    flatIDs += e.ids
                }
            }
        }
        self.flatRanges = flatRanges
        self.flatEntries = flatEntries
        self.flatIDs = flatIDs
        // Number words.
        var numbers = [NumberInfo](repeating: NumberInfo(), count: vocab.count)
        if let nl = lang.numbers {
            for k in nl.firstKeys {
                let id = vocab.id(of: k)
                guard id >= 0, let raw = nl.value(of: k) else { continue }
                var info = NumberInfo(present: true)
                if raw.hasPrefix("*") {
                    info.isMultiplier = true
                    info.multiplier = Int(raw.dropFirst())
                } else {
                    info.int = Int(raw)
                }
                if raw.utf8.count == 1, let v = Int(raw), v < 10 { info.digit = Int8(v) }
                numbers[Int(id)] = info
            }
        }
        self.numbers = numbers
        hasNumbers = lang.numbers != nil
        // Patterns.
        var nodes: [Node] = []
        var kids: [Int32] = []
        var captureNames: [String] = []
        var captureIndex: [String: Int32] = [:]
        func capture(_ n: String) -> Int32 {
            if let i = captureIndex[n] { return i }
            captureNames.append(n)
            captureIndex[n] = Int32(captureNames.count - 1)
            return Int32(captureNames.count - 1)
        }
        func compile(_ p: Pattern) -> Int32 {
            var node = Node(op: .spanStart, capitalized: false, a: -1, b: -1, kidStart: 0, kidCount: 0)
            switch p {
            case let .literal(k, cap):
                node.op = .literal; node.capitalized = cap; node.a = vocab.id(of: k)
            case let .list(n, c, cap):
                node.op = .list; node.capitalized = cap; node.a = listIndex[n] ?? -1; node.b = capture(c)
            case let .builtin(bi, c):
                node.op = .builtin; node.a = Int32(Builtin.allCases.firstIndex(of: bi)!); node.b = capture(c)
            case .spanStart: node.op = .spanStart
            case .spanEnd: node.op = .spanEnd
            case let .opt(q):
                node.op = .opt; node.a = compile(q)
            case let .seq(ps), let .alt(ps):
                if case .seq = p { node.op = .seq } else { node.op = .alt }
                if node.op == .alt, !ps.isEmpty,
                   ps.allSatisfy({ if case .literal = $0 { return true } else { return false } }) { node.op = .literals }
                let ks = ps.map(compile)
                node.kidStart = Int32(kids.count); node.kidCount = Int32(ks.count)
                kids += ks
            }
            nodes.append(node)
            return Int32(nodes.count - 1)
        }
        func needsTokens(_ t: Template?) -> Bool {
            t?.parts.contains { if case .call = $0 { return true } else { return false } } ?? false
        }
        rules = lang.rules.map { r in
            CRule(root: compile(r.pattern), notBefore: r.notBefore.map(compile) ?? -1,
                  notAfter: r.notAfter.map(compile) ?? -1, near: r.near.map(compile) ?? -1,
                  needsTokens: needsTokens(r.value) || needsTokens(r.mod) || needsTokens(r.edtf),
                  priority: Int32(r.priority), type: r.type)
        }
        // The kind of token each vocabulary key is (nil when it is not one token).
        let keyKinds: [Token.Kind?] = vocab.keys.map { k in
            let t = Tokenizer.tokenize(Array(k.unicodeScalars))
            return t.count == 1 && t[0].key == k ? t[0].kind : nil
        }
        var bits: [UInt64] = []
        filters = lang.rules.map { SecondTokenFilter.build($0.pattern, lang: lang, vocab: vocab, keyKinds: keyKinds, listIndex: listIndex, bits: &bits) }
        filterBits = bits
        var fr: [EntryRange] = [], fa: [SecondTokenFilter.FirstAtom] = []
        for f in filters {
            if let f { fr.append(EntryRange(start: Int32(fa.count), count: Int32(f.count))); fa += f } else {
                fr.append(EntryRange(start: 0, count: -1))
            }
        }
        filterRanges = fr
        filterAtoms = fa
        filterWords = (vocab.count + CompiledLanguage.kindCount + 63) / 64
        self.nodes = nodes
        self.kids = kids
        self.lists = lists
        self.values = values
        self.captureNames = captureNames
        sinceBefore = listIndex["since-before"] ?? -1
        sinceAfter = listIndex["since-after"] ?? -1
        var startsSince = [Bool](repeating: false, count: vocab.count)
        for li in [sinceBefore, sinceAfter] where li >= 0 {
            for (id, entries) in lists[Int(li)].byFirst.enumerated() where !entries.isEmpty { startsSince[id] = true }
        }
        self.startsSince = startsSince
        futureList = listIndex["future"] ?? -1
        pastList = listIndex["past"] ?? -1
        valueKinds = values.map(TemplateWords.valueKind)
        tenseReach = max(lists.first { $0.name == "future" }?.maxLength ?? 1, lists.first { $0.name == "past" }?.maxLength ?? 1)
        // Candidate rules, exactly as the first-token index of LanguageRules gives them: the union of three
        // sorted lists. Most keys start no rule and are no number word; their lists depend on the kind alone.
        func union(_ lists: [[Int]]) -> [Int32] {
            var out: [Int32] = []
            var heads = [Int](repeating: 0, count: lists.count)
            while true {
                var next = Int.max
                for (i, l) in lists.enumerated() where heads[i] < l.count { next = Swift.min(next, l[heads[i]]) }
                if next == Int.max { return out }
                out.append(Int32(next))
                for (i, l) in lists.enumerated() where heads[i] < l.count && l[heads[i]] == next { heads[i] += 1 }
            }
        }
        func merge(_ key: String?, _ kind: Token.Kind) -> [Int32] {
            let keyed = key.flatMap { lang.byKey[$0] } ?? []
            var kinded: [Int] = []
            switch kind {
            case .number, .mixed: kinded = lang.byKind[kind] ?? []
            case .word, .han: if let key, lang.numbers?.value(of: key) != nil { kinded = lang.byKind[kind] ?? [] }
            case .punct: break
            }
            return union([lang.anywhere, keyed, kinded])
        }
        let kinds: [Token.Kind] = [.word, .number, .mixed, .han, .punct]
        var cands = [[Int32]](repeating: [], count: vocab.count * CompiledLanguage.kindCount)
        let plain = kinds.map { merge(nil, $0) }
        for (id, k) in vocab.keys.enumerated() {
            let starts = lang.byKey[k] != nil || lang.numbers?.value(of: k) != nil
            for kind in kinds {
                cands[id * CompiledLanguage.kindCount + Int(kind.rawValue)] = starts ? merge(k, kind) : plain[Int(kind.rawValue)]
            }
        }
        candidates = cands
        triggers = cands.map { $0.isEmpty ? 0 : 1 }
        var unknown = [[Int32]](repeating: [], count: CompiledLanguage.kindCount)
        for kind in kinds { unknown[Int(kind.rawValue)] = merge(nil, kind) }
        unknownCandidates = unknown
        // First-token tests ahead of time, as `TaggingRun.passes` did them at every token.
        var slotCands: [Cand] = [], slotBits: [UInt64] = []
        var pool: [[UInt64]: Int32] = [:]
        let words = filterWords
        func setIndex(_ u: [UInt64]) -> Int32 {
            if let known = pool[u] { return known }
            let o = Int32(slotBits.count / words)
            slotBits += u
            pool[u] = o
            return o
        }
        // Each rule's required tokens, as one more set of the same table.
        let needs = rules.map { r in
            RequiredTokens.of(r.root, nodes: nodes, kids: kids, listTokens: { li in
                let l = lists[Int(li)]
                var last = Set<Int32>()
                for es in l.byFirst {
                    for e in es {
                        guard let id = e.ids.last, id >= 0 else { return (l.maxLength, nil) }
                        last.insert(id)
                    }
                }
                return (l.maxLength, last)
            }, keyLength: { vocab.keys[Int($0)].utf8.count })
        }
        requiredTokens = needs
        let required: [(set: Int32, reach: Int32)] = needs.map { need in
            guard let ids = need.ids, !ids.isEmpty else { return (-1, 0) }
            var u = [UInt64](repeating: 0, count: words)
            for id in ids { u[Int(id) >> 6] |= 1 << UInt64(Int(id) & 63) }
            return (setIndex(u), Int32(need.reach))
        }
        // Scratch sets, reused for every token and rule (the pool copies a set only when it is new).
        var union = [UInt64](repeating: 0, count: words), u = [UInt64](repeating: 0, count: words)
        func firstPass(_ list: [Int32], id: Int32, kind: Token.Kind, digits: Int) -> SlotRange {
            let start = slotCands.count
            for w in 0..<words { union[w] = 0 }
            var anyAlways = false
            rules: for ri in list {
                let r = fr[Int(ri)]
                if r.count < 0 { slotCands.append(Cand(rule: ri, bits: -1, required: required[Int(ri)].set, reach: required[Int(ri)].reach)); anyAlways = true; continue }
                for w in 0..<words { u[w] = 0 }
                var matched = false
                for i in Int(r.start)..<Int(r.start + r.count) {
                    let a = fa[i]
                    // Whether the atom can end after this first token (then its follow set applies).
                    var ends = true
                    switch a.kind {
                    case .literal: if id != a.a { continue }
                    case .list:
                        guard id >= 0 else { continue }
                        let er = flatRanges[Int(id) * lists.count + Int(a.a)]
                        if er.count == 0 { continue }
                        // The phrases starting with this token: one-token ones end here, longer ones go on
                        // with their second token.
                        ends = false
                        for ei in Int(er.start)..<Int(er.start + er.count) {
                            let e = flatEntries[ei]
                            if e.idCount == 1 { ends = true; continue }
                            let second = flatIDs[Int(e.idStart) + 1]
                            if second < 0 { slotCands.append(Cand(rule: ri, bits: -1, required: required[Int(ri)].set, reach: required[Int(ri)].reach)); anyAlways = true; continue rules }
                            u[Int(second) >> 6] |= 1 << UInt64(Int(second) & 63)
                        }
                    case .builtin:
                        if kind == .number {
                            if !Builtin.canStart(UInt8(a.a), digits: digits) { continue }
                        } else {
                            let present = id >= 0 && numbers[Int(id)].present
                            if !Builtin.canStart(UInt8(a.a), kind, present) { continue }
                        }
                        if kind == .number && a.apostrophe >= 0 {
                            // `decade` on digits: only as `1990 's`.
                            ends = false
                            u[Int(a.apostrophe) >> 6] |= 1 << UInt64(Int(a.apostrophe) & 63)
                        } else if a.goesOn >= 0 && kind != .number && kind != .mixed {
                            for w in 0..<words { u[w] |= bits[a.goesOn + w] }
                        }
                    }
                    matched = true
                    if ends {
                        if a.always { slotCands.append(Cand(rule: ri, bits: -1, required: required[Int(ri)].set, reach: required[Int(ri)].reach)); anyAlways = true; continue rules }
                        for w in 0..<words { u[w] |= bits[a.offset + w] }
                    }
                }
                // No token may follow: the rule cannot match here.
                if !matched || !u.contains(where: { $0 != 0 }) { continue }
                for w in 0..<words { union[w] |= u[w] }
                slotCands.append(Cand(rule: ri, bits: setIndex(u), required: required[Int(ri)].set, reach: required[Int(ri)].reach))
            }
            let count = slotCands.count - start
            return SlotRange(start: Int32(start), count: Int32(count), union: count == 0 || anyAlways ? -1 : setIndex(union))
        }
        var slotRanges = [SlotRange](repeating: SlotRange(start: 0, count: 0, union: -1), count: cands.count)
        for (id, k) in vocab.keys.enumerated() {
            // A token with this key is always of the key's own kind (`june` is never a number): the other slots
            // are never read. A key that is not one token keeps them all.
            for kind in kinds where !cands[id * CompiledLanguage.kindCount + Int(kind.rawValue)].isEmpty
                && (keyKinds[id] == nil || keyKinds[id] == kind) {
                slotRanges[id * CompiledLanguage.kindCount + Int(kind.rawValue)] =
                    firstPass(cands[id * CompiledLanguage.kindCount + Int(kind.rawValue)], id: Int32(id), kind: kind,
                          digits: k.utf8.count)
            }
        }
        var unknownRanges: [SlotRange] = []
        for kind in kinds { unknownRanges.append(firstPass(unknown[Int(kind.rawValue)], id: -1, kind: kind, digits: 0)) }
        for digits in 0...15 { unknownRanges.append(firstPass(unknown[Int(Token.Kind.number.rawValue)], id: -1, kind: .number, digits: digits)) }
        // Two more sets for a branch-free scan: one holding every token (and the end of the text), one none.
        let allSet = setIndex([UInt64](repeating: ~0, count: words))
        let noneSet = setIndex([UInt64](repeating: 0, count: words))
        func fixed(_ r: SlotRange) -> SlotRange {
            var r = r
            r.union = r.count == 0 ? noneSet : r.union < 0 ? allSet : r.union
            return r
        }
        self.slotRanges = slotRanges.map(fixed)
        self.unknownRanges = unknownRanges.map(fixed)
        for i in slotCands.indices where slotCands[i].bits < 0 { slotCands[i].bits = allSet }
        self.slotCands = slotCands
        let sets = slotBits.count / max(words, 1)
        let nextWords = max(1, (sets + 63) / 64)
        let rows = vocab.count + CompiledLanguage.kindCount
        var nextBits = [UInt64](repeating: 0, count: (rows + 1) * nextWords)
        for k in 0..<sets {
            for u in 0..<rows where slotBits[k * words + u >> 6] & (1 << UInt64(u & 63)) != 0 {
                nextBits[u * nextWords + k >> 6] |= 1 << UInt64(k & 63)
            }
        }
        // The row after the last token: only the set of every token.
        nextBits[rows * nextWords + Int(allSet) >> 6] |= 1 << UInt64(Int(allSet) & 63)
        self.endRow = rows
        self.nextBits = nextBits
        self.nextWords = nextWords
    }
}

extension LanguageRules {
    /// Every token key the rules and word lists mention, for the ``Vocabulary``.
    var vocabularyKeys: Set<String> {
        var keys = Set<String>()
        func walk(_ p: Pattern?) {
            switch p {
            case let .literal(k, _)?: keys.insert(k)
            case let .opt(q)?: walk(q)
            case let .seq(ps)?, let .alt(ps)?: ps.forEach(walk)
            default: break
            }
        }
        for r in rules { walk(r.pattern); walk(r.notBefore); walk(r.notAfter); walk(r.near) }
        for wl in lists.values {
            for k in wl.firstKeys { for e in wl.byFirstKey[k]! { keys.formUnion(e.keys) } }
        }
        return keys
    }
}

/// A conservative test of whether a rule can match at a token, given the token after it. For each atom
/// (literal, list, built-in) that can match the first token, the tokens that can come second: the first
/// tokens of the atoms that can follow it in the pattern (its Glushkov automaton), plus, for a built-in that
/// can span several tokens, the tokens it can continue with. Kept as bitsets over token ids (and, for
/// tokens without one, their kind). For a word list, what follows depends on the first token (`the` goes on
/// with `future` in `the future`, and the atom ends there only if `the` alone is a phrase):
/// ``CompiledLanguage`` combines these bits with the list's phrases per token. Most attempts of a rule
/// starting with `the` end here (`the company`) without running the matcher.
struct SecondTokenFilter: Sendable {
    struct FirstAtom: Sendable {
        enum Kind: UInt8, Sendable { case literal, list, builtin }
        var kind: Kind
        /// literal: token id; list: list index; builtin: index in ``Builtin/table``.
        var a: Int32
        /// The pattern may end after this atom (for a list, when the phrase is one token): no test on the next one.
        var always: Bool
        /// Bits of the possible second tokens in `bits[offset ..< offset + words]`.
        var offset: Int
        /// A built-in that goes on past a first word or Han token (number words, Han numerals): the bits of
        /// the tokens it may go on with, in `bits[goesOn ..< goesOn + words]`; -1 for none. A digit or mixed
        /// first token is matched alone, except by `decade` (`1990 's`, whose next token is `apostrophe`).
        var goesOn: Int = -1
        /// The `'` token's id, for `decade`.
        var apostrophe: Int32 = -1
    }

    enum Atom { case literal(String), list(String), builtin(Builtin) }

    /// The first atoms of `pattern`, their bits appended to `bits`; `nil` when the pattern can match nothing.
    static func build(_ pattern: Pattern, lang: LanguageRules, vocab: Vocabulary, keyKinds: [Token.Kind?],
                      listIndex: [String: Int32], bits: inout [UInt64]) -> [FirstAtom]? {
        var atoms: [Atom] = []
        var follow: [Set<Int>] = []
        func walk(_ p: Pattern) -> (first: Set<Int>, last: Set<Int>, nullable: Bool) {
            switch p {
            case let .literal(k, _): atoms.append(.literal(k)); follow.append([]); return ([atoms.count - 1], [atoms.count - 1], false)
            case let .list(n, _, _): atoms.append(.list(n)); follow.append([]); return ([atoms.count - 1], [atoms.count - 1], false)
            case let .builtin(b, _): atoms.append(.builtin(b)); follow.append([]); return ([atoms.count - 1], [atoms.count - 1], false)
            case .spanStart, .spanEnd: return ([], [], true)
            case let .opt(q):
                let r = walk(q)
                return (r.first, r.last, true)
            case let .alt(ps):
                var f = Set<Int>(), l = Set<Int>(), nl = false
                for q in ps { let r = walk(q); f.formUnion(r.first); l.formUnion(r.last); nl = nl || r.nullable }
                return (f, l, nl)
            case let .seq(ps):
                var f = Set<Int>(), l = Set<Int>(), nl = true
                for q in ps {
                    let r = walk(q)
                    for x in l { follow[x].formUnion(r.first) }
                    if nl { f.formUnion(r.first) }
                    l = r.nullable ? l.union(r.last) : r.last
                    nl = nl && r.nullable
                }
                return (f, l, nl)
            }
        }
        let root = walk(pattern)
        if root.nullable { return nil }
        let words = (vocab.count + CompiledLanguage.kindCount + 63) / 64
        let numberIDs: [Int32] = lang.numbers.map { nl in nl.firstKeys.filter { nl.value(of: $0) != nil }.map { vocab.id(of: $0) } } ?? []
        var out: [FirstAtom] = []
        for a in root.first.sorted() {
            let offset = bits.count
            bits += [UInt64](repeating: 0, count: words)
            func set(_ i: Int) { if i >= 0 { bits[offset + i / 64] |= 1 << UInt64(i % 64) } }
            func setFirst(_ atom: Atom) {
                switch atom {
                case let .literal(k): set(Int(vocab.id(of: k)))
                case let .list(n):
                    for k in lang.lists[n]?.firstKeys ?? [String: [WordList.Entry]]().keys { set(Int(vocab.id(of: k))) }
                case let .builtin(b):
                    // Any token of a kind the recogniser starts on; of a kind it starts on only for number
                    // words, just the `number` list's tokens.
                    let bi = UInt8(Builtin.table.firstIndex(of: b)!)
                    for kind in Token.Kind.allKinds where Builtin.canStart(bi, kind, false) {
                        set(vocab.count + Int(kind.rawValue))
                        for (id, kk) in keyKinds.enumerated() where kk == nil || kk == kind { set(id) }
                    }
                    for id in numberIDs where id >= 0 {
                        let kk = keyKinds[Int(id)]
                        if kk == nil || Builtin.canStart(bi, kk!, true) { set(Int(id)) }
                    }
                }
            }
            for x in follow[a] { setFirst(atoms[x]) }
            var fa = FirstAtom(kind: .literal, a: -1, always: root.last.contains(a), offset: offset)
            switch atoms[a] {
            case let .literal(k): fa.a = vocab.id(of: k)
            case let .list(n):
                // Phrases of several tokens continue inside the list: that depends on the first token, and
                // `CompiledLanguage` adds it per token (the bits here are the tokens after the whole atom).
                fa.kind = .list; fa.a = listIndex[n] ?? -1
            case let .builtin(b):
                fa.kind = .builtin; fa.a = Int32(Builtin.table.firstIndex(of: b)!)
                switch b {
                case .num, .month, .day, .year:  // number words and Han numerals go on (`twenty - four`, `二〇一九`)
                    fa.goesOn = bits.count
                    bits += [UInt64](repeating: 0, count: words)
                    for id in numberIDs where id >= 0 { bits[fa.goesOn + Int(id) / 64] |= 1 << UInt64(Int(id) % 64) }
                    let dash = Int(vocab.id(of: "-"))
                    if dash >= 0 { bits[fa.goesOn + dash / 64] |= 1 << UInt64(dash % 64) }
                case .decade: fa.apostrophe = vocab.id(of: "'")  // 1990 's
                default: break
                }
            }
            out.append(fa)
        }
        return out
    }
}
