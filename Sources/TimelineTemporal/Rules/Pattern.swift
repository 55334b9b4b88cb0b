/// A rule pattern: a sequence of token matchers.
///
/// Syntax (elements separated by spaces):
/// - `june`, `a.m.`  a literal, tokenised like the text and matched ignoring case;
///   `=May` matches only when written with a capital (so the verb "may" is not a month);
///   `=@month` likewise for a word list;
/// - `@month`        any phrase of the word list `words/month.txt`; captures its value as `{month}`;
/// - `#year`         a built-in recogniser (see ``Builtin``); captures as `{year}`;
/// - `@month/m`      the same, captured as `{m}` (a second unnamed `#year` is `{year2}`);
/// - `a|b|@c`        one of several atoms;  `( ... | ... )` one of several sequences;
/// - `x?`, `( ... )?` optional;
/// - `[` `]`         the expression's span when the pattern also matches context around it.
indirect enum Pattern: Sendable {
    case literal(String, capitalized: Bool)
    case list(String, capture: String, capitalized: Bool = false)
    case builtin(Builtin, capture: String)
    case seq([Pattern])
    case alt([Pattern])
    case opt(Pattern)
    case spanStart
    case spanEnd

    /// What a pattern can start with, for indexing rules by their first token.
    struct FirstSet {
        var keys: Set<String> = []
        var lists: Set<String> = []
        var builtins: Set<Builtin> = []
        var nullable = false
    }

    var firstSet: FirstSet {
        switch self {
        case let .literal(k, _): return FirstSet(keys: [k])
        case let .list(n, _, _): return FirstSet(lists: [n])
        case let .builtin(b, _): return FirstSet(builtins: [b])
        case .spanStart, .spanEnd: return FirstSet(nullable: true)
        case let .opt(p):
            var f = p.firstSet
            f.nullable = true
            return f
        case let .alt(ps):
            var f = FirstSet()
            for p in ps {
                let g = p.firstSet
                f.keys.formUnion(g.keys); f.lists.formUnion(g.lists); f.builtins.formUnion(g.builtins)
                f.nullable = f.nullable || g.nullable
            }
            return f
        case let .seq(ps):
            var f = FirstSet(nullable: true)
            for p in ps {
                let g = p.firstSet
                f.keys.formUnion(g.keys); f.lists.formUnion(g.lists); f.builtins.formUnion(g.builtins)
                if !g.nullable { f.nullable = false; return f }
            }
            return f
        }
    }

    /// The capture names of the pattern's built-in recognisers (`#year/year2` → `year2`).
    var builtinCaptureNames: Set<String> {
        switch self {
        case let .builtin(_, name): return [name]
        case let .opt(p): return p.builtinCaptureNames
        case let .alt(ps), let .seq(ps): return ps.reduce(into: Set<String>()) { $0.formUnion($1.builtinCaptureNames) }
        default: return []
        }
    }

    /// Word lists the pattern refers to.
    var listNames: Set<String> {
        switch self {
        case let .list(n, _, _): return [n]
        case let .opt(p): return p.listNames
        case let .alt(ps), let .seq(ps): return ps.reduce(into: Set<String>()) { $0.formUnion($1.listNames) }
        default: return []
        }
    }
}

/// Parses the pattern syntax described on ``Pattern``.
struct PatternParser {
    enum ParseError: Error { case message(String) }

    private var words: [String]
    private var i = 0
    private var captureCounts: [String: Int] = [:]

    static func parse(_ text: String) throws -> Pattern {
        // Parentheses may touch their contents: `(of)?` reads as `( of )?`.
        var words: [String] = []
        for raw in text.split(separator: " ") {
            var w = Substring(raw)
            while w.count > 1, w.hasPrefix("(") { words.append("("); w = w.dropFirst() }
            var tail: [String] = []
            while w.count > 1 {
                if w.hasSuffix(")?"), w.count > 2 { tail.insert(")?", at: 0); w = w.dropLast(2) }
                else if w.hasSuffix(")") { tail.insert(")", at: 0); w = w.dropLast() }
                else { break }
            }
            words.append(String(w))
            words += tail
        }
        var p = PatternParser(words: words)
        let node = try p.alternatives()
        if p.i < p.words.count { throw ParseError.message("unexpected '\(p.words[p.i])'") }
        return node
    }

    private init(words: [String]) { self.words = words }

    /// `a b | c d`: capture names restart in each alternative, so `#year` is `{year}` in all of them.
    private mutating func alternatives() throws -> Pattern {
        let saved = captureCounts
        var merged = saved
        var alts: [Pattern] = []
        repeat {
            if !alts.isEmpty { i += 1 }
            captureCounts = saved
            alts.append(try sequence())
            merged.merge(captureCounts) { max($0, $1) }
        } while i < words.count && words[i] == "|"
        captureCounts = merged
        return alts.count == 1 ? alts[0] : .alt(alts)
    }

    private mutating func sequence() throws -> Pattern {
        var items: [Pattern] = []
        while i < words.count {
            let w = words[i]
            if w == "|" || w == ")" || w == ")?" { break }
            i += 1
            if w == "(" {
                let node = try alternatives()
                guard i < words.count, words[i] == ")" || words[i] == ")?" else { throw ParseError.message("missing ')'") }
                let optional = words[i] == ")?"
                i += 1
                items.append(optional ? .opt(node) : node)
            } else if w == "[" {
                items.append(.spanStart)
            } else if w == "]" {
                items.append(.spanEnd)
            } else {
                items.append(try element(w))
            }
        }
        if items.isEmpty { throw ParseError.message("empty pattern or alternative") }
        return items.count == 1 ? items[0] : .seq(items)
    }

    private mutating func element(_ w: String) throws -> Pattern {
        var w = Substring(w)
        var optional = false
        if w.count > 1, w.hasSuffix("?"), !w.hasSuffix("\\?") { optional = true; w = w.dropLast() }
        let parts = w.count > 1 ? w.split(separator: "|").map(String.init) : [String(w)]
        let saved = captureCounts
        var merged = saved
        var atoms: [Pattern] = []
        for part in parts {
            captureCounts = saved
            atoms.append(try atom(part))
            merged.merge(captureCounts) { max($0, $1) }
        }
        captureCounts = merged
        let node = atoms.count == 1 ? atoms[0] : .alt(atoms)
        return optional ? .opt(node) : node
    }

    private mutating func atom(_ a: String) throws -> Pattern {
        if a.hasPrefix("=@"), a.count > 2, case let .list(n, c, _) = try atom(String(a.dropFirst())) {
            return .list(n, capture: c, capitalized: true)
        }
        if a.count > 1, a.hasPrefix("@") || a.hasPrefix("#") {
            let body = a.dropFirst()
            let name: String, capture: String?
            if let slash = body.firstIndex(of: "/") {
                name = String(body[..<slash]); capture = String(body[body.index(after: slash)...])
            } else {
                name = String(body); capture = nil
            }
            let cap = capture ?? autoName(name)
            if a.hasPrefix("@") { return .list(name, capture: cap) }
            guard let b = Builtin(rawValue: name) else {
                throw ParseError.message("unknown built-in '#\(name)' (known: \(Builtin.allCases.map { "#" + $0.rawValue }.joined(separator: " ")))")
            }
            return .builtin(b, capture: cap)
        }
        var lit = a
        if lit.hasPrefix("\\") { lit.removeFirst() }
        var capital = false
        if lit.count > 1, lit.hasPrefix("=") { capital = true; lit.removeFirst() }
        let keys = Tokenizer.keys(lit)
        guard !keys.isEmpty else { throw ParseError.message("empty literal '\(a)'") }
        if keys.count == 1 { return .literal(keys[0], capitalized: capital) }
        return .seq(keys.enumerated().map { .literal($1, capitalized: capital && $0 == 0) })
    }

    private mutating func autoName(_ name: String) -> String {
        let n = captureCounts[name, default: 0] + 1
        captureCounts[name] = n
        return n == 1 ? name : name + String(n)
    }
}
