/// Runs a ``Pattern`` over tokens by backtracking, collecting every way it can match.
struct PatternMatcher {
    struct State {
        var pos: Int
        var captures: [(String, String)] = []
        var spanStart: Int? = nil
        var spanEnd: Int? = nil
    }

    let tokens: [Token]
    let lists: [String: WordList]
    let numbers: WordList?

    init(tokens: [Token], lists: [String: WordList]) {
        self.tokens = tokens
        self.lists = lists
        self.numbers = lists["number"]
    }

    /// All end states of `pattern` matched from `pos`.
    func run(_ pattern: Pattern, at pos: Int) -> [State] {
        var out: [State] = []
        step(pattern, State(pos: pos), &out)
        return out
    }

    /// Whether `pattern` matches from `pos` (any length).
    func matchesAfter(_ pattern: Pattern, at pos: Int) -> Bool {
        pos < tokens.count && !run(pattern, at: pos).isEmpty
    }

    /// Whether `pattern` matches a stretch ending exactly at `end` (trying up to 4 tokens back).
    func matchesBefore(_ pattern: Pattern, endingAt end: Int) -> Bool {
        var s = end - 1
        while s >= 0, end - s <= 4 {
            if run(pattern, at: s).contains(where: { $0.pos == end }) { return true }
            s -= 1
        }
        return false
    }

    /// Whether `pattern` matches near `[start, end)`: up to 60 tokens before it or 20 after it.
    func matchesNear(_ pattern: Pattern, start: Int, end: Int) -> Bool {
        var i = start - 1
        while i >= 0, start - i <= 60 {
            if matchesAfter(pattern, at: i) { return true }
            i -= 1
        }
        i = end
        while i < tokens.count, i - end < 20 {
            if matchesAfter(pattern, at: i) { return true }
            i += 1
        }
        return false
    }

    static let sentenceEnds: Set<String> = [".", "!", "?", "。", "！", "？", ";"]

    private func step(_ p: Pattern, _ s: State, _ out: inout [State]) {
        switch p {
        case let .literal(key, capitalized):
            guard s.pos < tokens.count, tokens[s.pos].key == key, !capitalized || tokens[s.pos].capitalized else { return }
            var t = s; t.pos += 1; out.append(t)
        case let .list(name, capture, capitalized):
            guard let list = lists[name], !capitalized || (s.pos < tokens.count && tokens[s.pos].capitalized) else { return }
            list.forEachMatch(tokens, at: s.pos) { end, v in
                var t = s; t.pos = end; t.captures.append((capture, v)); out.append(t)
            }
        case let .builtin(b, capture):
            for (end, v) in b.matches(tokens, at: s.pos, numbers: numbers) {
                var t = s; t.pos = end; t.captures.append((capture, v)); out.append(t)
            }
        case .spanStart:
            var t = s; t.spanStart = s.pos; out.append(t)
        case .spanEnd:
            var t = s; t.spanEnd = s.pos; out.append(t)
        case let .opt(q):
            step(q, s, &out)
            out.append(s)
        case let .alt(ps):
            for q in ps { step(q, s, &out) }
        case let .seq(ps):
            var states = [s]
            for q in ps {
                var next: [State] = []
                for st in states { step(q, st, &next) }
                if next.isEmpty { return }
                states = next.count > 64 ? Array(next.prefix(64)) : next
            }
            out += states
        }
    }
}
