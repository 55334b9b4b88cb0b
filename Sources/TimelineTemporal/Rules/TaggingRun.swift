import TimelineModel

/// One call of ``TemporalTagger/tag(_:dct:language:)``: collects candidate matches, then keeps the
/// longest non-overlapping ones.
struct TaggingRun {
    struct Candidate {
        var start: Int, end: Int  // token indices of the span
        var priority: Int
        var type: TimexType
        var value: String
        var mod: String?
        var edtf: String?
    }

    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let dct: CalendarDay?
    var candidates: [Candidate] = []

    init(scalars: [Unicode.Scalar], tokens: [Token], dct: CalendarDay?) {
        self.scalars = scalars
        self.tokens = tokens
        self.dct = dct
    }

    mutating func collect(_ lang: LanguageRules) {
        let matcher = PatternMatcher(tokens: tokens, lists: lang.lists)
        let future = lang.lists["future"], past = lang.lists["past"]
        for pos in tokens.indices {
            let cands = lang.candidates(tokens, at: pos)
            if cands.isEmpty { continue }
            for ri in cands {
                let rule = lang.rules[ri]
                var states = matcher.run(rule.pattern, at: pos)
                if states.isEmpty { continue }
                // Longest span first, then the longest match.
                states.sort {
                    let a = ($0.spanEnd ?? $0.pos) - ($0.spanStart ?? pos), b = ($1.spanEnd ?? $1.pos) - ($1.spanStart ?? pos)
                    return a != b ? a > b : $0.pos > $1.pos
                }
                for st in states {
                    let s = st.spanStart ?? pos, e = st.spanEnd ?? st.pos
                    guard e > s else { continue }
                    if let nb = rule.notBefore, matcher.matchesBefore(nb, endingAt: s) { continue }
                    if let na = rule.notAfter, matcher.matchesAfter(na, at: e) { continue }
                    if let nr = rule.near, !matcher.matchesNear(nr, start: s, end: e) { continue }
                    if !boundaryOK(s, e, language: lang.code) { continue }
                    var ctx = TemplateContext(captures: Dictionary(st.captures, uniquingKeysWith: { a, _ in a }), dct: dct,
                                              tokens: tokens, matchStart: s, matchEnd: e, futureWords: future,
                                              pastWords: past)
                    guard let value = rule.value.evaluate(&ctx), !value.isEmpty else { continue }
                    var mod = rule.mod?.evaluate(&ctx)
                    if mod?.isEmpty == true { mod = nil }
                    var edtf: String? = nil
                    if let t = rule.edtf {
                        if let v = t.evaluate(&ctx), !v.isEmpty, !ctx.unresolved, EDTF(v) != nil { edtf = v }
                    } else if !ctx.unresolved {
                        edtf = TimexEDTF.edtf(value: value, mod: mod)
                    }
                    candidates.append(Candidate(start: s, end: e, priority: rule.priority, type: rule.type, value: value,
                                                mod: mod, edtf: edtf))
                    break
                }
            }
        }
    }

    /// Rejects spans glued to identifiers, amounts, URLs and the like: `$2000`, `2019-nCoV`, `S-400`,
    /// `26%`, digits inside `6459a746-e11e-4340-…` or `https://…/2019/…`.
    func boundaryOK(_ s: Int, _ e: Int, language: String) -> Bool {
        let n = tokens.count
        let latin = language != "zh"
        let first = tokens[s]
        var glued = false
        if s > 0, !first.spaceBefore {
            glued = true
            let prev = tokens[s - 1]
            if prev.isAlphanumeric { return false }
            if latin && prev.kind == .han { return false }
            if TaggingRun.currency.contains(prev.key) { return false }
            // Only ASCII joiners glue: the full-width comma of Chinese text separates.
            if TaggingRun.joiners.contains(prev.key), scalars[prev.start].isASCII, s >= 2, !prev.spaceBefore,
               tokens[s - 2].isAlphanumeric {
                if prev.key != "," || tokens[s - 2].kind == .number { return false }
            }
        }
        if e < n, !tokens[e].spaceBefore {
            glued = true
            let next = tokens[e]
            if next.isAlphanumeric { return false }
            if latin && next.kind == .han { return false }
            if next.key == "%" || next.key == "‰" { return false }
            if TaggingRun.joiners.contains(next.key), scalars[next.start].isASCII, e + 1 < n, !tokens[e + 1].spaceBefore,
               tokens[e + 1].isAlphanumeric {
                let after = tokens[e + 1]
                if next.key == "-" || next.key == "/" || next.key == "_" || next.key == "+" || next.key == "@" { return false }
                if after.kind == .number { return false }  // 2019.5, 2019:12, 2,000
            }
        }
        if glued && inURL(tokens[s].start, tokens[e - 1].end) { return false }
        return true
    }

    static let currency: Set<String> = ["$", "€", "£", "¥", "#", "№", "₹", "₽", "₩", "￥"]
    static let joiners: Set<String> = ["-", "/", ".", ":", "_", "+", "@", ","]

    /// Whether the whitespace-delimited chunk around `[a, b)` looks like a URL or an e-mail address.
    private func inURL(_ a: Int, _ b: Int) -> Bool {
        var lo = a, hi = b
        while lo > 0, a - lo < 400, !Tokenizer.isSpace(scalars[lo - 1]) { lo -= 1 }
        while hi < scalars.count, hi - b < 400, !Tokenizer.isSpace(scalars[hi]) { hi += 1 }
        var prev2: Unicode.Scalar = " ", prev1: Unicode.Scalar = " "
        for i in lo..<hi {
            let c = scalars[i]
            if c == "@" { return true }
            if c == "/" && prev1 == "/" && prev2 == ":" { return true }
            if c == "." && i - lo == 3 && prev1 == "w" && prev2 == "w" { return true }
            prev2 = prev1; prev1 = c
        }
        return false
    }

    /// Keeps the longest non-overlapping candidates (ties: the earlier rule), applies signals like
    /// `since` to their EDTF, and builds the expressions in text order.
    func select(signalLanguages: [LanguageRules]) -> [TimeExpression] {
        guard !candidates.isEmpty else { return [] }
        func len(_ c: Candidate) -> Int { tokens[c.end - 1].end - tokens[c.start].start }
        let order = candidates.indices.sorted { a, b in
            let ca = candidates[a], cb = candidates[b]
            if len(ca) != len(cb) { return len(ca) > len(cb) }
            if ca.priority != cb.priority { return ca.priority < cb.priority }
            return ca.start < cb.start
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var kept: [Candidate] = []
        for i in order {
            let c = candidates[i]
            if (c.start..<c.end).contains(where: { taken[$0] }) { continue }
            for k in c.start..<c.end { taken[k] = true }
            kept.append(c)
        }
        kept.sort { $0.start < $1.start }
        return kept.map { c in
            var edtf = c.edtf
            if let e = edtf, c.type == .date, !e.contains("/"), opensInterval(c, signalLanguages) {
                edtf = e.hasSuffix("~") ? String(e.dropLast()) + "/..~" : e + "/.."
                if EDTF(edtf!) == nil { edtf = e }
            }
            let a = tokens[c.start].start, b = tokens[c.end - 1].end
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[a..<b])
            return TimeExpression(start: a, end: b, text: String(view), type: c.type, value: c.value, mod: c.mod,
                                  edtf: edtf)
        }
    }

    /// `since 2000`, `2000年以来`: the date starts an interval open to the present.
    private func opensInterval(_ c: Candidate, _ langs: [LanguageRules]) -> Bool {
        let matcher = { (l: LanguageRules) in PatternMatcher(tokens: tokens, lists: l.lists) }
        for l in langs {
            if let before = l.lists["since-before"] {
                let m = matcher(l)
                if m.matchesBefore(.list(before.name, capture: "s", capitalized: false), endingAt: c.start) { return true }
            }
            if let after = l.lists["since-after"], c.end < tokens.count, !after.matches(tokens, at: c.end).isEmpty {
                return true
            }
        }
        return false
    }
}
