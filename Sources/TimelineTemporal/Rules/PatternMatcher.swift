/// The scanned tokens of one text with access to their keys, valid during one tagging call.
struct TokenView {
    let toks: UnsafeBufferPointer<STok>
    let text: UnsafeBufferPointer<UInt8>
    let arena: UnsafeBufferPointer<UInt8>

    var count: Int { toks.count }

    /// Byte `k` of token `i`'s key.
    @inline(__always) func keyByte(_ i: Int, _ k: Int) -> UInt8 {
        let t = toks[i]
        if t.flags & STok.arena != 0 { return arena[Int(t.kStart) + k] }
        let b = text[Int(t.kStart) + k]
        return b &- 0x41 < 26 ? b | 0x20 : b
    }

    /// The key as ``Tokenizer`` would have made it.
    func key(_ i: Int) -> String {
        let t = toks[i]
        let n = Int(t.kLen)
        return String(unsafeUninitializedCapacity: n) { buf in
            for k in 0..<n { buf[k] = keyByte(i, k) }
            return n
        }
    }

    /// Whether token `i`'s key is exactly the bytes `w`.
    @inline(__always) func keyEquals(_ i: Int, _ w: [UInt8]) -> Bool {
        guard Int(toks[i].kLen) == w.count else { return false }
        for k in 0..<w.count where keyByte(i, k) != w[k] { return false }
        return true
    }

    /// Whether a blank line (two line feeds) separates token `k` from the token before it.
    @inline(__always) func blankLineBefore(_ k: Int) -> Bool {
        guard k > 0, toks[k].spaceBefore else { return false }
        let a = Int(toks[k - 1].bEnd), b = Int(toks[k].bStart)
        guard b - a >= 2 else { return false }
        var feeds = 0
        for j in a..<b where text[j] == 0x0A {
            feeds += 1
            if feeds == 2 { return true }
        }
        return false
    }

    /// The value of a number token of at most 9 digits (``Token/intValue``).
    @inline(__always) func intValue(_ i: Int) -> Int? {
        let t = toks[i]
        guard t.kind == .number, t.kLen <= 9 else { return nil }
        var v = 0
        for k in 0..<Int(t.kLen) {
            let d = keyByte(i, k) &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// The token as a ``Token`` (for template functions).
    func token(_ i: Int) -> Token {
        let t = toks[i]
        return Token(start: Int(t.start), end: Int(t.end), kind: t.kind, spaceBefore: t.spaceBefore,
                     capitalized: t.capitalized, key: key(i))
    }

    /// Whether the first byte of token `i` as written is ASCII.
    @inline(__always) func startsASCII(_ i: Int) -> Bool { text[Int(toks[i].bStart)] < 0x80 }
}

/// Runs a compiled pattern over tokens by backtracking, depth first, collecting every way it can match in
/// the order the breadth-first ``Pattern`` semantics list them (earlier alternatives first; an optional
/// part taken before skipped). Captures are a linked list in an arena and their values are made only when
/// a rule's template needs them, so a failing attempt allocates nothing.
struct PatternMatcher {
    /// A way a pattern matched: the end token, the `[ ]` span marks (-1 when absent) and the captures.
    struct State {
        var pos: Int32
        var spanStart: Int32 = -1
        var spanEnd: Int32 = -1
        var cap: Int32 = -1
    }

    /// One capture: a list value (`builtin` = -1, `payload` = value index) or a built-in's value at `pos`.
    struct Capture {
        var name: Int32
        var builtin: Int32
        var payload: Int
        var pos: Int32
        var prev: Int32
    }

    private struct Frame { var node: Int32; var index: Int32; var parent: Int32 }

    static let sentenceEnds: Set<String> = [".", "!", "?", "。", "！", "？", ";"]

    let L: CompiledLanguage
    let v: TokenView
    private let nodes: UnsafeBufferPointer<CompiledLanguage.Node>
    private let kids: UnsafeBufferPointer<Int32>
    private let builtins: UnsafeBufferPointer<Builtin>
    private let flat: CompiledLanguage.FlatLists
    private let entries: UnsafeBufferPointer<CompiledLanguage.FlatEntry>
    private let entryIDs: UnsafeBufferPointer<Int32>
    private let vocabCount: Int
    private var frames: [Frame] = []
    private var frameCount = 0
    var captures: [Capture] = []
    var out: [State] = []
    let ids: IDs

    /// Token ids the built-ins look at.
    struct IDs: Sendable { var dash: Int32, apostrophe: Int32, s: Int32 }

    init(_ L: CompiledLanguage, _ v: TokenView, nodes: UnsafeBufferPointer<CompiledLanguage.Node>,
         kids: UnsafeBufferPointer<Int32>, builtins: UnsafeBufferPointer<Builtin>,
         flat: CompiledLanguage.FlatLists, vocab: Vocabulary, ids: IDs) {
        self.builtins = builtins
        self.flat = flat
        entries = flat.entries
        entryIDs = flat.ids
        vocabCount = vocab.count
        self.L = L
        self.v = v
        self.nodes = nodes
        self.kids = kids
        self.ids = ids
        frames.reserveCapacity(64)
        captures.reserveCapacity(64)
        out.reserveCapacity(16)
    }

    /// Clears the arenas (before trying a rule).
    mutating func reset() {
        frameCount = 0
        // `removeAll(keepingCapacity:)` is a call even on an empty array; most tries capture nothing.
        if !captures.isEmpty { captures.removeAll(keepingCapacity: true) }
        if !out.isEmpty { out.removeAll(keepingCapacity: true) }
    }

    @inline(__always) private static func truncate<T>(_ a: inout [T], to count: Int) {
        if a.count > count { a.removeLast(a.count - count) }
    }

    /// Appends to `out` every end state of `root` matched from `pos`.
    mutating func run(_ root: Int32, at pos: Int) {
        match(root, State(pos: Int32(pos)), -1)
    }

    /// Whether `root` matches from `pos` (any length). Leaves `out` as it was.
    mutating func matchesAfter(_ root: Int32, at pos: Int) -> Bool {
        guard pos < v.count else { return false }
        let mark = out.count, cmark = captures.count
        run(root, at: pos)
        let found = out.count > mark
        PatternMatcher.truncate(&out, to: mark)
        PatternMatcher.truncate(&captures, to: cmark)
        return found
    }

    /// Whether `root` matches a stretch ending exactly at `end` (trying up to 4 tokens back).
    mutating func matchesBefore(_ root: Int32, endingAt end: Int) -> Bool {
        var s = end - 1
        while s >= 0, end - s <= 4 {
            let mark = out.count, cmark = captures.count
            run(root, at: s)
            var found = false
            for i in mark..<out.count where out[i].pos == Int32(end) { found = true; break }
            PatternMatcher.truncate(&out, to: mark)
            PatternMatcher.truncate(&captures, to: cmark)
            if found { return true }
            s -= 1
        }
        return false
    }

    /// Whether `root` matches near `[start, end)`: up to 60 tokens before it or 20 after it.
    mutating func matchesNear(_ root: Int32, start: Int, end: Int) -> Bool {
        var i = start - 1
        while i >= 0, start - i <= 60 {
            if matchesAfter(root, at: i) { return true }
            i -= 1
        }
        i = end
        while i < v.count, i - end < 20 {
            if matchesAfter(root, at: i) { return true }
            i += 1
        }
        return false
    }

    /// The captures of `s` in the order they were made, with their values.
    func captureValues(_ s: State) -> [(String, String)] {
        var list: [(String, String)] = []
        var c = s.cap
        while c >= 0 {
            let cap = captures[Int(c)]
            list.append((L.captureNames[Int(cap.name)], value(of: cap)))
            c = cap.prev
        }
        return list.reversed()
    }

    private func value(of c: Capture) -> String { PatternMatcher.value(of: c, L, v) }

    /// The token ranges of the built-in captures named `names` in the match `s`, in that order; nil when one
    /// is missing. (A capture records where it starts; its end is found by matching its recogniser again.)
    func tokenRanges(_ s: State, of names: [String]) -> [Range<Int>]? {
        var list: [Capture] = []
        appendCaptures(s, to: &list)
        return PatternMatcher.tokenRanges(list, of: names, L, v, ids: ids)
    }

    /// ``tokenRanges(_:of:)`` over captures already taken from a match.
    static func tokenRanges<C: Collection<Capture>>(_ captures: C, of names: [String], _ L: CompiledLanguage,
                                                     _ v: TokenView, ids: IDs) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        for name in names {
            guard let c = captures.first(where: { L.captureNames[Int($0.name)] == name }), c.builtin >= 0,
                  let (end, _) = Builtin.table[Int(c.builtin)].match(v, at: Int(c.pos), language: L, ids: ids),
                  end > Int(c.pos) else { return nil }
            ranges.append(Int(c.pos)..<end)
        }
        return ranges
    }

    /// The value of capture `c`, made by language `L`'s matcher over `v`.
    static func value(of c: Capture, _ L: CompiledLanguage, _ v: TokenView) -> String {
        if c.builtin < 0 { return L.values[c.payload] }
        return Builtin.table[Int(c.builtin)].format(c.payload, at: Int(c.pos), v)
    }

    /// Appends the captures of `s` to `list` in the order they were made (their `prev` links are not kept).
    func appendCaptures(_ s: State, to list: inout [Capture]) {
        let mark = list.count
        var c = s.cap
        while c >= 0 {
            list.append(captures[Int(c)])
            c = captures[Int(c)].prev
        }
        list[mark...].reverse()
    }

    // MARK: - Depth-first matching with continuation frames

    private mutating func match(_ n: Int32, _ s: State, _ k: Int32) {
        let node = nodes[Int(n)]
        let pos = Int(s.pos)
        switch node.op {
        case .literal:
            guard pos < v.count else { return }
            let t = v.toks[pos]
            guard t.id == node.a, !node.capitalized || t.capitalized else { return }
            var t2 = s; t2.pos += 1
            next(t2, k)
        case .list:
            guard node.a >= 0, pos < v.count else { return }
            let t = v.toks[pos]
            guard !node.capitalized || t.capitalized, t.id >= 0 else { return }
            let r = flat.range(node.a, t.id)
            if r.count == 0 { return }
            outer: for ei in Int(r.start)..<Int(r.start + r.count) {
                let e = entries[ei]
                let len = Int(e.idCount)
                let end = pos + len
                if end > v.count { continue }
                var j = 1
                while j < len {
                    if v.toks[pos + j].id != entryIDs[Int(e.idStart) + j] { continue outer }
                    j += 1
                }
                var t2 = s
                t2.pos = Int32(end)
                t2.cap = pushCapture(Capture(name: node.b, builtin: -1, payload: Int(e.value), pos: s.pos, prev: s.cap))
                next(t2, k)
            }
        case .builtin:
            guard pos < v.count,
                  let (end, payload) = builtins[Int(node.a)].match(v, at: pos, language: L, ids: ids)
            else { return }
            var t2 = s
            t2.pos = Int32(end)
            t2.cap = pushCapture(Capture(name: node.b, builtin: node.a, payload: payload, pos: s.pos, prev: s.cap))
            next(t2, k)
        case .spanStart:
            var t2 = s; t2.spanStart = s.pos
            next(t2, k)
        case .spanEnd:
            var t2 = s; t2.spanEnd = s.pos
            next(t2, k)
        case .opt:
            match(node.a, s, k)
            next(s, k)
        case .literals:
            // As `.alt` over literal children, without a call for each.
            guard pos < v.count else { return }
            let t = v.toks[pos]
            for i in 0..<Int(node.kidCount) {
                let lit = nodes[Int(kids[Int(node.kidStart) + i])]
                guard t.id == lit.a, !lit.capitalized || t.capitalized else { continue }
                var t2 = s; t2.pos += 1
                next(t2, k)
            }
        case .alt:
            for i in 0..<Int(node.kidCount) { match(kids[Int(node.kidStart) + i], s, k) }
        case .seq:
            if node.kidCount == 0 { next(s, k); return }
            let mark = pushFrame(Frame(node: n, index: 1, parent: k))
            match(kids[Int(node.kidStart)], s, Int32(mark))
            frameCount = mark
        }
    }

    @inline(__always) private mutating func next(_ s: State, _ k: Int32) {
        if k < 0 { out.append(s); return }
        let f = frames[Int(k)]
        let node = nodes[Int(f.node)]
        if f.index < node.kidCount {
            let mark = pushFrame(Frame(node: f.node, index: f.index + 1, parent: f.parent))
            match(kids[Int(node.kidStart + f.index)], s, Int32(mark))
            frameCount = mark
        } else {
            next(s, f.parent)
        }
    }

    @inline(__always) private mutating func pushFrame(_ f: Frame) -> Int {
        if frameCount == frames.count { frames.append(f) } else { frames[frameCount] = f }
        frameCount += 1
        return frameCount - 1
    }

    @inline(__always) private mutating func pushCapture(_ c: Capture) -> Int32 {
        captures.append(c)
        return Int32(captures.count - 1)
    }
}
