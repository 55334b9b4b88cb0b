import TimelineModel

/// One call of ``TemporalTagger/tag(_:dct:language:)`` over the scanned tokens of a text: collects
/// candidate matches, then keeps the longest non-overlapping ones.
struct TaggingRun {
    struct Candidate {
        var start: Int, end: Int  // token indices of the span
        var priority: Int
        var type: TimexType
        var value: String
        var mod: String?
        var edtf: String?
        /// The EDTF is to be derived from value and mod (deferred until the candidate is kept).
        var deriveEDTF = false
    }

    /// How many tokens after a match template functions see (besides every token before it); their tense
    /// heuristic looks 12 ahead plus the length of its phrases: raise this if they look further.
    static let contextAfter = 64

    /// Tokens materialised for template functions: the first `legacy.count` tokens of the text. Matches
    /// come in text order, so this grows along the text, every token is made at most once, and passing the
    /// array to a template context shares it without copying.
    var legacy: [Token] = []

    /// Makes sure tokens `0 ..< hi` are materialised.
    mutating func materialise(upTo hi: Int) {
        while legacy.count < hi { legacy.append(v.token(legacy.count)) }
    }

    let v: TokenView
    let vocab: Vocabulary
    let dct: CalendarDay?
    var candidates: [Candidate] = []
    let ids: SpecialIDs
    let edtfCache: EDTFCache

    /// Ids of the punctuation the boundary checks look at.
    struct SpecialIDs {
        let currency: [Bool], joiner: [Bool]
        let comma, dash, slash, underscore, plus, at, percent, permille: Int32
        init(_ vocab: Vocabulary) {
            func flags(_ keys: Set<String>) -> [Bool] {
                var f = [Bool](repeating: false, count: vocab.count)
                for k in keys where vocab.id(of: k) >= 0 { f[Int(vocab.id(of: k))] = true }
                return f
            }
            currency = flags(TaggingRun.currency)
            joiner = flags(TaggingRun.joiners)
            comma = vocab.id(of: ","); dash = vocab.id(of: "-"); slash = vocab.id(of: "/")
            underscore = vocab.id(of: "_"); plus = vocab.id(of: "+"); at = vocab.id(of: "@")
            percent = vocab.id(of: "%"); permille = vocab.id(of: "‰")
        }
    }

    init(view: TokenView, vocab: Vocabulary, ids: SpecialIDs, edtfCache: EDTFCache, dct: CalendarDay?) {
        self.edtfCache = edtfCache
        self.v = view
        self.vocab = vocab
        self.ids = ids
        self.dct = dct
    }

    mutating func collect(_ L: CompiledLanguage) {
        let lang = L.source
        let future = lang.lists["future"], past = lang.lists["past"]
        let n = v.count
        L.nodes.withUnsafeBufferPointer { nodes in
            L.kids.withUnsafeBufferPointer { kids in
                L.candidates.withUnsafeBufferPointer { cands in
                  Builtin.table.withUnsafeBufferPointer { builtins in
                   L.filterBits.withUnsafeBufferPointer { bits in
                    L.numbers.withUnsafeBufferPointer { numbers in
                     L.triggers.withUnsafeBufferPointer { triggers in
                   L.withFlatLists { flat in
                    var matcher = PatternMatcher(L, v, nodes: nodes, kids: kids, builtins: builtins, flat: flat, vocab: vocab)
                    let unknown = L.unknownCandidates
                    let vocabCount = vocab.count
                    let filterRanges = L.filterRanges, filterAtoms = L.filterAtoms
                    let flatRanges = flat.ranges
                    let kindCount = CompiledLanguage.kindCount
                    for pos in 0..<n {
                        let t = v.toks[pos]
                        let slot = t.id >= 0 ? Int(t.id) * kindCount + Int(t.kind.rawValue) : -1 - Int(t.kind.rawValue)
                        if slot >= 0 ? triggers[slot] == 0 : unknown[-1 - slot].isEmpty { continue }
                        let list = slot >= 0 ? cands[slot] : unknown[-1 - slot]
                        // What the token after this one is, for the rules' second-token filters.
                        let nextBit: Int
                        if pos + 1 < n {
                            let u = v.toks[pos + 1]
                            nextBit = u.id >= 0 ? Int(u.id) : vocabCount + Int(u.kind.rawValue)
                        } else {
                            nextBit = -1
                        }
                        for ri in list {
                            let fr = filterRanges[Int(ri)]
                            if fr.count >= 0,
                               !TaggingRun.passes(filterAtoms, fr, t, nextBit, bits, flatRanges, numbers, vocabCount) { continue }
                            let rule = L.rules[Int(ri)]
                            matcher.reset()
                            matcher.run(rule.root, at: pos)
                            if matcher.out.isEmpty { continue }
                            var states = matcher.out
                            // Longest span first, then the longest match.
                            let p32 = Int32(pos)
                            states.sort {
                                let a = ($0.spanEnd >= 0 ? $0.spanEnd : $0.pos) - ($0.spanStart >= 0 ? $0.spanStart : p32)
                                let b = ($1.spanEnd >= 0 ? $1.spanEnd : $1.pos) - ($1.spanStart >= 0 ? $1.spanStart : p32)
                                return a != b ? a > b : $0.pos > $1.pos
                            }
                            let source = lang.rules[Int(ri)]
                            for st in states {
                                let s = st.spanStart >= 0 ? Int(st.spanStart) : pos
                                let e = st.spanEnd >= 0 ? Int(st.spanEnd) : Int(st.pos)
                                guard e > s else { continue }
                                if rule.notBefore >= 0, matcher.matchesBefore(rule.notBefore, endingAt: s) { continue }
                                if rule.notAfter >= 0, matcher.matchesAfter(rule.notAfter, at: e) { continue }
                                if rule.near >= 0, !matcher.matchesNear(rule.near, start: s, end: e) { continue }
                                if !boundaryOK(s, e, latin: L.isLatin) { continue }
                                // Template functions see the tokens around the match (the tense heuristic
                                // looks 12 back and 8 ahead); a window of them is made only when needed.
                                // Template functions see every token before the match and some after it, as
                                // `Token`s; they are made only for rules whose templates call functions.
                                var window: [Token] = []
                                if rule.needsTokens {
                                    materialise(upTo: Swift.min(n, e + TaggingRun.contextAfter + L.tenseReach))
                                    window = legacy
                                }
                                var ctx = TemplateContext(
                                    captures: Dictionary(matcher.captureValues(st), uniquingKeysWith: { a, _ in a }),
                                    dct: dct, tokens: window, matchStart: s, matchEnd: e,
                                    futureWords: future, pastWords: past)
                                guard let value = source.value.evaluate(&ctx), !value.isEmpty else { continue }
                                var mod = source.mod?.evaluate(&ctx)
                                if mod?.isEmpty == true { mod = nil }
                                var edtf: String? = nil
                                var derive = false
                                if let t = source.edtf {
                                    if let x = t.evaluate(&ctx), !x.isEmpty, !ctx.unresolved, EDTF(x) != nil { edtf = x }
                                } else if !ctx.unresolved {
                                    derive = true  // TimexEDTF.edtf(value:mod:), made in select() for kept candidates
                                }
                                candidates.append(Candidate(start: s, end: e, priority: source.priority, type: source.type,
                                                            value: value, mod: mod, edtf: edtf, deriveEDTF: derive))
                                break
                            }
                        }
                    }
                     }
                    }
                   }
                   }
                  }
                }
            }
        }
    }

    /// Whether some first atom of a rule matches token `t` and allows the token after it (`nextBit`, -1 at the end).
    @inline(__always)
    private static func passes(_ atoms: [SecondTokenFilter.FirstAtom], _ r: CompiledLanguage.EntryRange, _ t: STok,
                               _ nextBit: Int, _ bits: UnsafeBufferPointer<UInt64>,
                               _ ranges: UnsafeBufferPointer<CompiledLanguage.EntryRange>,
                               _ numbers: UnsafeBufferPointer<CompiledLanguage.NumberInfo>, _ vocabCount: Int) -> Bool {
        atoms.withUnsafeBufferPointer { atoms in
            for i in Int(r.start)..<Int(r.start + r.count) {
                let a = atoms[i]
                switch a.kind {
                case .literal: if t.id != a.a { continue }
                case .list: if t.id < 0 || ranges[Int(a.a) * vocabCount + Int(t.id)].count == 0 { continue }
                case .builtin:
                    if t.kind == .number {
                        if !Builtin.canStart(UInt8(a.a), digits: Int(t.kLen)) { continue }
                    } else {
                        let present = t.id >= 0 && numbers[Int(t.id)].present
                        if !Builtin.canStart(UInt8(a.a), t.kind, present) { continue }
                    }
                }
                if a.always { return true }
                if nextBit >= 0, bits[a.offset + nextBit >> 6] & (1 << UInt64(nextBit & 63)) != 0 { return true }
            }
            return false
        }
    }

    /// Rejects spans glued to identifiers, amounts, URLs and the like: `$2000`, `2019-nCoV`, `S-400`,
    /// `26%`, digits inside `6459a746-e11e-4340-…` or `https://…/2019/…`.
    func boundaryOK(_ s: Int, _ e: Int, latin: Bool) -> Bool {
        let n = v.count
        let first = v.toks[s]
        var glued = false
        func isCurrency(_ id: Int32) -> Bool { id >= 0 && ids.currency[Int(id)] }
        func isJoiner(_ id: Int32) -> Bool { id >= 0 && ids.joiner[Int(id)] }
        if s > 0, !first.spaceBefore {
            glued = true
            let prev = v.toks[s - 1]
            if prev.isAlphanumeric { return false }
            if latin && prev.kind == .han { return false }
            if isCurrency(prev.id) { return false }
            // Only ASCII joiners glue: the full-width comma of Chinese text separates.
            if isJoiner(prev.id), v.startsASCII(s - 1), s >= 2, !prev.spaceBefore, v.toks[s - 2].isAlphanumeric {
                if prev.id != ids.comma || v.toks[s - 2].kind == .number { return false }
            }
        }
        if e < n, !v.toks[e].spaceBefore {
            glued = true
            let next = v.toks[e]
            if next.isAlphanumeric { return false }
            if latin && next.kind == .han { return false }
            if next.id >= 0 && (next.id == ids.percent || next.id == ids.permille) { return false }
            if isJoiner(next.id), v.startsASCII(e), e + 1 < n, !v.toks[e + 1].spaceBefore, v.toks[e + 1].isAlphanumeric {
                let after = v.toks[e + 1]
                let k = next.id
                if k == ids.dash || k == ids.slash || k == ids.underscore || k == ids.plus || k == ids.at { return false }
                if after.kind == .number { return false }  // 2019.5, 2019:12, 2,000
            }
        }
        if glued && inURL(Int(v.toks[s].bStart), Int(v.toks[e - 1].bEnd)) { return false }
        return true
    }

    static let currency: Set<String> = ["$", "€", "£", "¥", "#", "№", "₹", "₽", "₩", "￥"]
    static let joiners: Set<String> = ["-", "/", ".", ":", "_", "+", "@", ","]

    /// Whether the whitespace-delimited chunk around bytes `[a, b)` looks like a URL or an e-mail address
    /// (looking at most 400 scalars either side).
    private func inURL(_ a: Int, _ b: Int) -> Bool {
        let p = v.text
        // Back to the chunk's start.
        var lo = a, steps = 0
        while lo > 0, steps < 400 {
            var j = lo - 1
            while j > 0, p[j] & 0xC0 == 0x80 { j -= 1 }
            if Tokenizer.isSpace(ByteScanner.decode(p, j).0) { break }
            lo = j
            steps += 1
        }
        var scalars: [Unicode.Scalar] = []
        var i = lo
        while i < b {
            let (c, l) = ByteScanner.decode(p, i)
            scalars.append(c)
            i += l
        }
        steps = 0
        while i < p.count, steps < 400 {
            let (c, l) = ByteScanner.decode(p, i)
            if Tokenizer.isSpace(c) { break }
            scalars.append(c)
            i += l
            steps += 1
        }
        var prev2: Unicode.Scalar = " ", prev1: Unicode.Scalar = " "
        for (k, c) in scalars.enumerated() {
            if c == "@" { return true }
            if c == "/" && prev1 == "/" && prev2 == ":" { return true }
            if c == "." && k == 3 && prev1 == "w" && prev2 == "w" { return true }
            prev2 = prev1; prev1 = c
        }
        return false
    }

    /// Keeps the longest non-overlapping candidates (ties: the earlier rule), applies signals like
    /// `since` to their EDTF, and builds the expressions in text order.
    func select(signalLanguages: [CompiledLanguage]) -> [TimeExpression] {
        guard !candidates.isEmpty else { return [] }
        func len(_ c: Candidate) -> UInt32 { v.toks[c.end - 1].end - v.toks[c.start].start }
        let order = candidates.indices.sorted { a, b in
            let ca = candidates[a], cb = candidates[b]
            if len(ca) != len(cb) { return len(ca) > len(cb) }
            if ca.priority != cb.priority { return ca.priority < cb.priority }
            return ca.start < cb.start
        }
        var taken = [Bool](repeating: false, count: v.count)
        var kept: [Candidate] = []
        for i in order {
            let c = candidates[i]
            if (c.start..<c.end).contains(where: { taken[$0] }) { continue }
            for k in c.start..<c.end { taken[k] = true }
            kept.append(c)
        }
        kept.sort { $0.start < $1.start }
        return kept.map { c in
            var edtf = c.deriveEDTF ? edtfCache.edtf(value: c.value, mod: c.mod) : c.edtf
            if let e = edtf, c.type == .date, !e.contains("/"), opensInterval(c, signalLanguages) {
                edtf = e.hasSuffix("~") ? String(e.dropLast()) + "/..~" : e + "/.."
                if EDTF(edtf!) == nil { edtf = e }
            }
            let a = v.toks[c.start], b = v.toks[c.end - 1]
            let text = String(decoding: UnsafeBufferPointer(rebasing: v.text[Int(a.bStart)..<Int(b.bEnd)]), as: UTF8.self)
            return TimeExpression(start: Int(a.start), end: Int(b.end), text: text, type: c.type, value: c.value,
                                  mod: c.mod, edtf: edtf)
        }
    }

    /// `since 2000`, `2000年以来`: the date starts an interval open to the present.
    private func opensInterval(_ c: Candidate, _ langs: [CompiledLanguage]) -> Bool {
        for L in langs {
            if L.sinceBefore >= 0 {
                let list = L.lists[Int(L.sinceBefore)]
                var s = c.start - 1
                while s >= 0, c.start - s <= 4 {
                    if endsAt(list, s, c.start) { return true }
                    s -= 1
                }
            }
            if L.sinceAfter >= 0, c.end < v.count, matchesList(L.lists[Int(L.sinceAfter)], at: c.end) { return true }
        }
        return false
    }

    private func matchesList(_ list: CompiledLanguage.List, at pos: Int) -> Bool {
        entryEnds(list, pos).contains { _ in true }
    }

    private func endsAt(_ list: CompiledLanguage.List, _ pos: Int, _ end: Int) -> Bool {
        entryEnds(list, pos).contains(end)
    }

    private func entryEnds(_ list: CompiledLanguage.List, _ pos: Int) -> [Int] {
        guard pos < v.count, v.toks[pos].id >= 0 else { return [] }
        var out: [Int] = []
        outer: for e in list.byFirst[Int(v.toks[pos].id)] {
            let end = pos + e.ids.count
            if end > v.count { continue }
            for j in 1..<max(e.ids.count, 1) where v.toks[pos + j].id != e.ids[j] { continue outer }
            out.append(end)
        }
        return out
    }
}
