import TimelineModel

/// One call of ``TemporalTagger/tag(_:dct:language:)`` over the scanned tokens of a text: collects
/// candidate matches, then keeps the longest non-overlapping ones.
struct TaggingRun {
    /// A match that may become an expression. It holds no string, so the many that lose to a longer span are
    /// copied and freed without reference counting: its value lives in ``values`` once made.
    struct Candidate {
        var start: Int, end: Int  // token indices of the span
        var priority: Int
        var type: TimexType
        /// Index in `values` once the value is made (-1: not yet).
        var made: Int32 = -1
        /// Index in `pending` while the value is still to be made (-1: made).
        var pending: Int32 = -1
    }

    /// A candidate's TIMEX3 value, mod and EDTF.
    struct Value {
        var value: String
        var mod: String?
        var edtf: String?
        /// The EDTF is to be derived from value and mod (deferred until the candidate is kept).
        var deriveEDTF = false
    }

    /// A match whose value, mod and EDTF are made only if selection reaches it: most candidates lose to a
    /// longer span, and the templates are the costliest part of a candidate. Only a match with one way of
    /// matching is deferred (a rejected value then just drops it, as if it had never been a candidate).
    struct Pending {
        var language: Int32
        var rule: Int32
        /// Its captures are `pendingCaptures[captureStart ..< captureStart + captureCount]`, in the order made.
        var captureStart: Int32
        var captureCount: Int32
    }

    let v: TokenView
    let vocab: Vocabulary
    let dct: CalendarDay?
    var candidates: [Candidate] = []
    /// The values of the candidates whose value is made (``Candidate/made``).
    var values: [Value] = []
    /// The token ranges of the ``Rule/parts`` of candidates whose rule has them, by index in `candidates` (kept
    /// apart: a field of every candidate would be copied with each of them, for a handful of rules).
    var candidateParts: [Int: [Range<Int>]] = [:]
    var pending: [Pending] = []
    var pendingCaptures: [PatternMatcher.Capture] = []
    /// The languages collected, in order (`Pending.language` indexes it).
    var languages: [CompiledLanguage] = []
    let ids: SpecialIDs
    let edtfCache: EDTFCache
    /// The years that headings give the text's sections, found when a template first asks.
    let sections = SectionYears()

    /// Ids of the punctuation the boundary checks look at (a class: runs share it without copying its arrays).
    final class SpecialIDs: Sendable {
        let currency: [Bool], joiner: [Bool]
        let comma, dash, slash, underscore, plus, at, percent, permille: Int32
        /// ``TemplateWords`` flags by id, and the ids it needs.
        let templateFlags: [UInt8]
        let dot, apostrophe, backtick: Int32
        /// The ids the matcher's built-ins look at.
        let matcher: PatternMatcher.IDs
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
            templateFlags = TemplateWords.flags(vocab)
            dot = vocab.id(of: "."); apostrophe = vocab.id(of: "'"); backtick = vocab.id(of: "`")
            matcher = PatternMatcher.IDs(dash: dash, apostrophe: apostrophe, s: vocab.id(of: "s"))
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
        let n = v.count
        guard n > 0 else { return }
        let languageIndex = Int32(languages.count)
        languages.append(L)
        L.nodes.withUnsafeBufferPointer { nodes in
            L.kids.withUnsafeBufferPointer { kids in
                L.slotCands.withUnsafeBufferPointer { slotCands in
                  Builtin.table.withUnsafeBufferPointer { builtins in
                   L.nextBits.withUnsafeBufferPointer { bits in
                    L.slotRanges.withUnsafeBufferPointer { slotRanges in
                     L.unknownRanges.withUnsafeBufferPointer { unknownRanges in
                   L.withFlatLists { flat in
                    L.withTemplateWords(ids, vocabCount: vocab.count) { words in
                    let boundary = SpanBoundary(v: v, ids: ids)
                    var matcher = PatternMatcher(L, v, nodes: nodes, kids: kids, builtins: builtins, flat: flat, vocab: vocab, ids: ids.matcher)
                    let vocabCount = vocab.count
                    let kindCount = CompiledLanguage.kindCount
                    let nextWords = L.nextWords
                    let toks = v.toks
                    // Read once: reading a class's array property in the loop retains and releases it each time.
                    let crules = L.rules
                    let endRow = L.endRow * nextWords
                    @inline(__always) func slot(_ t: STok) -> CompiledLanguage.SlotRange {
                        if t.id >= 0 { return slotRanges[Int(t.id) * kindCount + Int(t.kind.rawValue)] }
                        if t.kind == .number { return unknownRanges[kindCount + Swift.min(Int(t.kLen), 15)] }
                        return unknownRanges[Int(t.kind.rawValue)]
                    }
                    @inline(__always) func row(_ t: STok) -> Int {
                        (t.id >= 0 ? Int(t.id) : vocabCount &+ Int(t.kind.rawValue)) &* nextWords
                    }
                    @inline(__always) func has(_ row: Int, _ set: Int32) -> Int {
                        Int(truncatingIfNeeded: (bits[row &+ Int(set) >> 6] >> UInt64(set & 63)) & 1)
                    }
                    // First, without branches on the outcome, the positions where some rule passes the union test
                    // of its token and the next; then the rules at those positions, in order.
                    // Each token's row of `bits` is kept (the end of the text's too) for the tests below.
                    let hits = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * n + 1)
                    defer { hits.deallocate() }
                    let rows = hits + n
                    rows[0] = Int32(truncatingIfNeeded: row(toks[0]))
                    rows[n] = Int32(truncatingIfNeeded: endRow)
                    var hitCount = 0
                    var previous = slot(toks[0]).union
                    for pos in 1..<Swift.max(n, 1) {
                        let t = toks[pos]
                        let r = row(t)
                        rows[pos] = Int32(truncatingIfNeeded: r)
                        hits[hitCount] = Int32(pos - 1)
                        hitCount &+= has(r, previous)
                        previous = slot(t).union
                    }
                    hits[hitCount] = Int32(n - 1)
                    hitCount &+= has(endRow, previous)
                    for h in 0..<hitCount {
                        let pos = Int(hits[h])
                        let r = slot(toks[pos])
                        let next = Int(rows[pos + 1])
                        for ci in Int(r.start)..<Int(r.start + r.count) {
                            let c = slotCands[ci]
                            if has(next, c.bits) == 0 { continue }
                            if c.required >= 0 {
                                // A token the rule cannot match without must be within its reach.
                                let end = Swift.min(n, pos + Int(c.reach))
                                var j = pos
                                while j < end, has(Int(rows[j]), c.required) == 0 { j &+= 1 }
                                if j == end { continue }
                            }
                            let ri = c.rule
                            let rule = crules[Int(ri)]
                            matcher.reset()
                            matcher.run(rule.root, at: pos)
                            if matcher.out.isEmpty { continue }
                            // Longest span first, then the longest match (sorted in place: no copy).
                            if matcher.out.count > 1 {
                                let p32 = Int32(pos)
                                matcher.out.sort {
                                    let a = ($0.spanEnd >= 0 ? $0.spanEnd : $0.pos) - ($0.spanStart >= 0 ? $0.spanStart : p32)
                                    let b = ($1.spanEnd >= 0 ? $1.spanEnd : $1.pos) - ($1.spanStart >= 0 ? $1.spanStart : p32)
                                    return a != b ? a > b : $0.pos > $1.pos
                                }
                            }
                            let stateCount = matcher.out.count
                            for si in 0..<stateCount {
                                // The look-around tests below push to `out` and take it back to this count.
                                let st = matcher.out[si]
                                let s = st.spanStart >= 0 ? Int(st.spanStart) : pos
                                let e = st.spanEnd >= 0 ? Int(st.spanEnd) : Int(st.pos)
                                guard e > s else { continue }
                                if rule.notBefore >= 0, matcher.matchesBefore(rule.notBefore, endingAt: s) { continue }
                                if rule.notAfter >= 0, matcher.matchesAfter(rule.notAfter, at: e) { continue }
                                if rule.near >= 0, !matcher.matchesNear(rule.near, start: s, end: e) { continue }
                                if !boundary.accepts(s, e, latin: L.isLatin) { continue }
                                if stateCount == 1 {
                                    let start = pendingCaptures.count
                                    matcher.appendCaptures(st, to: &pendingCaptures)
                                    pending.append(Pending(language: languageIndex, rule: ri, captureStart: Int32(start),
                                                           captureCount: Int32(pendingCaptures.count - start)))
                                    candidates.append(Candidate(start: s, end: e, priority: Int(rule.priority), type: rule.type,
                                                                pending: Int32(pending.count - 1)))
                                    break
                                }
                                let source = lang.rules[Int(ri)]
                                guard let made = TaggingRun.make(source, captures: matcher.captureValues(st), s, e, words: words,
                                                                 dct: dct, v: v, sections: sections, edtfCache: edtfCache) else { continue }
                                if !source.parts.isEmpty, let ranges = matcher.tokenRanges(st, of: source.parts) {
                                    candidateParts[candidates.count] = ranges
                                }
                                values.append(made)
                                candidates.append(Candidate(start: s, end: e, priority: Int(rule.priority), type: rule.type,
                                                            made: Int32(values.count - 1)))
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
    }

    static let currency: Set<String> = ["$", "€", "£", "¥", "#", "№", "₹", "₽", "₩", "￥"]
    static let joiners: Set<String> = ["-", "/", ".", ":", "_", "+", "@", ","]

    /// The value `source` makes of the match `[s, e)`, or nil when its value template rejects it.
    static func make(_ source: Rule, captures: [(String, String)], _ s: Int, _ e: Int, words: TemplateWords,
                     dct: CalendarDay?, v: TokenView, sections: SectionYears, edtfCache: EDTFCache) -> Value? {
        var ctx = TemplateContext(captures: captures, dct: dct, v: v, words: words, matchStart: s, matchEnd: e,
                                  sections: sections)
        guard let value = source.value.evaluate(&ctx), !value.isEmpty else { return nil }
        var mod = source.mod?.evaluate(&ctx)
        if mod?.isEmpty == true { mod = nil }
        var edtf: String? = nil
        var derive = false
        if let t = source.edtf {
            if let x = t.evaluate(&ctx), !x.isEmpty, !ctx.unresolved, edtfCache.isValid(x) { edtf = x }
        } else if !ctx.unresolved {
            derive = true  // TimexEDTF.edtf(value:mod:), made in select() for kept candidates
        }
        return Value(value: value, mod: mod, edtf: edtf, deriveEDTF: derive)
    }

    /// Makes the value of the pending candidate `c`, with the token ranges of its rule's parts if it has
    /// them; nil when its template rejects it.
    private func resolve(_ c: Candidate) -> (Value, [Range<Int>]?)? {
        let p = pending[Int(c.pending)]
        let L = languages[Int(p.language)]
        let start = Int(p.captureStart)
        let taken = pendingCaptures[start..<start + Int(p.captureCount)]
        let captures = taken.map { (L.captureNames[Int($0.name)], PatternMatcher.value(of: $0, L, v)) }
        let source = L.source.rules[Int(p.rule)]
        let made = L.withTemplateWords(ids, vocabCount: vocab.count) { words in
            TaggingRun.make(source, captures: captures, c.start, c.end, words: words, dct: dct, v: v, sections: sections,
                            edtfCache: edtfCache)
        }
        guard let made else { return nil }
        return (made, source.parts.isEmpty ? nil : PatternMatcher.tokenRanges(taken, of: source.parts, L, v, ids: ids.matcher))
    }

    /// Keeps the longest non-overlapping candidates (ties: the earlier rule), applies signals like
    /// `since` to their EDTF, and builds the expressions in text order.
    mutating func select(signalLanguages: [CompiledLanguage]) -> [TimeExpression] {
        // Taken, not copied: a copy would be made again at the first candidate resolved below.
        var candidates: [Candidate] = []
        swap(&candidates, &self.candidates)
        var partRanges: [Int: [Range<Int>]] = [:]
        swap(&partRanges, &candidateParts)
        var values: [Value] = []
        swap(&values, &self.values)
        return choose(&candidates, &values, &partRanges, signalLanguages: signalLanguages)
    }

    /// ``select(signalLanguages:)`` once the candidates are taken out of the run. It does not mutate the run:
    /// called from a method that does, each of the run's methods below got a copy of the whole run.
    private func choose(_ candidates: inout [Candidate], _ values: inout [Value], _ partRanges: inout [Int: [Range<Int>]],
                        signalLanguages: [CompiledLanguage]) -> [TimeExpression] {
        let v = self.v
        guard !candidates.isEmpty else { return [] }
        // The order of preference: longer spans (in scalars) first, then the earlier rule, then the earlier start.
        // Sorted by precomputed keys, so the comparisons copy no candidate.
        var order: [(key: UInt64, start: Int, index: Int)] = []
        order.reserveCapacity(candidates.count)
        for (i, c) in candidates.enumerated() {
            let len = UInt64(v.toks[c.end - 1].end - v.toks[c.start].start)
            order.append((key: (UInt64(UInt32.max) - len) << 32 | UInt64(UInt32(truncatingIfNeeded: c.priority)), start: c.start, index: i))
        }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.start < $1.start }
        var taken = [Bool](repeating: false, count: v.count)
        var kept: [(start: Int, index: Int)] = []
        for o in order {
            let span = candidates[o.index].start..<candidates[o.index].end
            if span.contains(where: { taken[$0] }) { continue }
            // No expression spans a blank line (`2015年` heading, then `6月5日` below it).
            if span.count > 1, span.dropFirst().contains(where: { v.blankLineBefore($0) }) { continue }
            if candidates[o.index].pending >= 0 {
                guard let (made, parts) = resolve(candidates[o.index]) else { continue }
                values.append(made)
                candidates[o.index].made = Int32(values.count - 1)
                candidates[o.index].pending = -1
                if let parts { partRanges[o.index] = parts }
            }
            for k in span { taken[k] = true }
            kept.append((start: o.start, index: o.index))
        }
        // Kept spans do not overlap: their starts differ.
        kept.sort { $0.start < $1.start }
        var found: [TimeExpression] = []
        found.reserveCapacity(kept.count)
        for k in kept {
            let c = candidates[k.index], m = values[Int(c.made)]
            var edtf = m.deriveEDTF ? edtfCache.edtf(value: m.value, mod: m.mod) : m.edtf
            if let e = edtf, c.type == .date, !e.utf8.contains(UInt8(ascii: "/")), opensInterval(c, signalLanguages) {
                edtf = e.hasSuffix("~") ? String(e.dropLast()) + "/..~" : e + "/.."
                if EDTF(edtf!) == nil { edtf = e }
            }
            found.append(expression(c.start..<c.end, type: c.type, value: m.value, mod: m.mod, edtf: edtf,
                                    parts: partRanges.isEmpty ? [] : parts(partRanges[k.index], edtf: edtf)))
        }
        // A marked value (`{prev}`) starts with P, as durations and references do: the first byte says most.
        if found.contains(where: { $0.value.utf8.first == UInt8(ascii: "P") && $0.value.hasPrefix(AnaphoricValue.marker) }) {
            return AnaphoricValue.resolve(found, edtfCache: edtfCache)
        }
        return found
    }

    /// The expression over the tokens `range`.
    private func expression(_ range: Range<Int>, type: TimexType, value: String, mod: String?, edtf: String?,
                            parts: [TimeExpression] = []) -> TimeExpression {
        let a = v.toks[range.lowerBound], b = v.toks[range.upperBound - 1]
        let text = String(decoding: UnsafeBufferPointer(rebasing: v.text[Int(a.bStart)..<Int(b.bEnd)]), as: UTF8.self)
        return TimeExpression(start: Int(a.start), end: Int(b.end), text: text, type: type, value: value, mod: mod,
                              edtf: edtf, parts: parts)
    }

    /// The TimeML parts of a kept range (``TimeExpression/parts``): its two ends, each valued by its end of the
    /// EDTF interval when that is a plain date (a year, month or day). None when the interval is open, uncertain
    /// or unresolved.
    private func parts(_ ranges: [Range<Int>]?, edtf: String?) -> [TimeExpression] {
        guard let ranges, ranges.count == 2, let edtf else { return [] }
        let ends = edtf.split(separator: "/", omittingEmptySubsequences: false)
        guard ends.count == 2,
              ends.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D } })
        else { return [] }
        return zip(ranges, ends).map { expression($0, type: .date, value: String($1), mod: nil, edtf: String($1)) }
    }

    /// `since 2000`, `2000年以来`: the date starts an interval open to the present.
    private func opensInterval(_ c: Candidate, _ langs: [CompiledLanguage]) -> Bool {
        for L in langs {
            // A phrase must start within four tokens before the date, or just after it.
            var near = c.end < v.count && v.toks[c.end].id >= 0 && L.startsSince[Int(v.toks[c.end].id)]
            var s = c.start - 1
            while !near, s >= 0, c.start - s <= 4 {
                near = v.toks[s].id >= 0 && L.startsSince[Int(v.toks[s].id)]
                s -= 1
            }
            if !near { continue }
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
        firstEntryEnd(list, at: pos, where: { _ in true })
    }

    private func endsAt(_ list: CompiledLanguage.List, _ pos: Int, _ end: Int) -> Bool {
        firstEntryEnd(list, at: pos, where: { $0 == end })
    }

    /// Whether an entry of `list` matches the tokens from `pos` and ends where `accept` says.
    @inline(__always)
    private func firstEntryEnd(_ list: CompiledLanguage.List, at pos: Int, where accept: (Int) -> Bool) -> Bool {
        guard pos < v.count, v.toks[pos].id >= 0 else { return false }
        outer: for e in list.byFirst[Int(v.toks[pos].id)] {
            let end = pos + e.ids.count
            if end > v.count { continue }
            for j in 1..<max(e.ids.count, 1) where v.toks[pos + j].id != e.ids[j] { continue outer }
            if accept(end) { return true }
        }
        return false
    }
}
