/// What every match of a compiled pattern contains: a token whose id is in `ids`, within the `reach` tokens
/// from where the match starts.
///
/// The tagger tests it before it runs a rule. The first-token index and ``SecondTokenFilter`` only see a
/// rule's first two tokens, so `a year` is tried against `@approxmod? #num @unit ago|earlier` wherever it
/// occurs; with `ago` or `earlier` nowhere in the next dozen tokens, the rule cannot match and is not run.
struct RequiredTokens: Equatable {
    /// The most tokens a match can span.
    var reach: Int
    /// Token ids of which every match contains at least one; nil when no such set is known.
    var ids: Set<Int32>?
    /// Whether the pattern can match no token at all.
    var nullable: Bool

    /// The requirement of the pattern rooted at node `n`.
    /// - Parameters:
    ///   - listTokens: a word list's longest phrase (in tokens) and the ids of its phrases' last tokens (nil
    ///     when a phrase has a token outside the vocabulary).
    ///   - keyLength: the length in bytes of a vocabulary key, to prefer sets of longer (rarer) words.
    static func of(_ n: Int32, nodes: [CompiledLanguage.Node], kids: [Int32],
                   listTokens: (Int32) -> (maxLength: Int, lastIDs: Set<Int32>?),
                   keyLength: (Int32) -> Int) -> RequiredTokens {
        let node = nodes[Int(n)]
        func children() -> [RequiredTokens] {
            (0..<Int(node.kidCount)).map {
                of(kids[Int(node.kidStart) + $0], nodes: nodes, kids: kids, listTokens: listTokens, keyLength: keyLength)
            }
        }
        switch node.op {
        case .literal:
            return RequiredTokens(reach: 1, ids: node.a >= 0 ? [node.a] : nil, nullable: false)
        case .literals:
            let ids = (0..<Int(node.kidCount)).map { nodes[Int(kids[Int(node.kidStart) + $0])].a }
            return RequiredTokens(reach: 1, ids: ids.contains { $0 < 0 } ? nil : Set(ids), nullable: false)
        case .list:
            guard node.a >= 0 else { return RequiredTokens(reach: 0, ids: nil, nullable: false) }
            let (length, last) = listTokens(node.a)
            return RequiredTokens(reach: length, ids: last, nullable: false)
        case .builtin:
            return RequiredTokens(reach: Builtin.table[Int(node.a)].maxTokens, ids: nil, nullable: false)
        case .spanStart, .spanEnd:
            return RequiredTokens(reach: 0, ids: nil, nullable: true)
        case .opt:
            let child = of(node.a, nodes: nodes, kids: kids, listTokens: listTokens, keyLength: keyLength)
            return RequiredTokens(reach: child.reach, ids: nil, nullable: true)
        case .alt:
            let parts = children()
            var ids: Set<Int32>? = []
            for p in parts {
                guard let s = p.ids, let u = ids else { ids = nil; break }
                ids = u.union(s)
            }
            return RequiredTokens(reach: parts.map(\.reach).max() ?? 0, ids: parts.isEmpty ? nil : ids,
                                  nullable: parts.isEmpty || parts.contains(where: \.nullable))
        case .seq:
            let parts = children()
            // Any part's set would do; the first part that must match is where the rule was found, so a later
            // part's set is the useful one: longer words first (they are rarer), then fewer of them.
            let first = parts.firstIndex { !$0.nullable }
            var best: Set<Int32>? = nil
            func score(_ s: Set<Int32>) -> (Int, Int) { (s.map(keyLength).min() ?? 0, -s.count) }
            for (i, p) in parts.enumerated() where i != first {
                guard let s = p.ids, !s.isEmpty else { continue }
                if let b = best, score(b) >= score(s) { continue }
                best = s
            }
            if best == nil, let first { best = parts[first].ids }
            return RequiredTokens(reach: parts.reduce(0) { $0 + $1.reach }, ids: best,
                                  nullable: parts.allSatisfy(\.nullable))
        }
    }
}
