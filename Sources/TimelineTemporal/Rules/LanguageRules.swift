import Foundation

/// The word lists and rules of one language, read from `<folder>/<language>/`:
/// `words/*.txt` (see ``WordList``) and `rules/*.rules` (see ``RuleFile``, applied in file-name order;
/// on equally long matches the earlier rule wins).
struct LanguageRules: Sendable {
    let code: String
    let lists: [String: WordList]
    let rules: [Rule]
    /// Rule indices by the token key, word list, or token kind a rule can start with.
    let byKey: [String: [Int]]
    let byList: [String: [Int]]
    let byKind: [Token.Kind: [Int]]
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
        for (i, _) in rules.enumerated() { rules[i].priority = firstPriority + i }
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
        var byKey: [String: [Int]] = [:], byList: [String: [Int]] = [:], byKind: [Token.Kind: [Int]] = [:]
        var anywhere: [Int] = []
        for (i, r) in rules.enumerated() {
            let f = r.pattern.firstSet
            if f.nullable { anywhere.append(i); continue }
            for k in f.keys { byKey[k, default: []].append(i) }
            for l in f.lists { byList[l, default: []].append(i) }
            var kinds = Set<Token.Kind>()
            for b in f.builtins { kinds.formUnion(b.startKinds) }
            for k in kinds { byKind[k, default: []].append(i) }
        }
        self.byKey = byKey
        self.byList = byList
        self.byKind = byKind
        self.anywhere = anywhere
    }

    /// Indices of the rules worth trying at `tokens[pos]`, in priority order.
    func candidates(_ tokens: [Token], at pos: Int) -> [Int] {
        let tok = tokens[pos]
        var out: [Int] = anywhere
        if let r = byKey[tok.key] { out += r }
        if let r = byKind[tok.kind] { out += r }
        for (name, list) in lists where byList[name] != nil {
            if !list.matches(tokens, at: pos).isEmpty { out += byList[name]! }
        }
        if out.count > 1 {
            out.sort()
            var w = 1
            for i in 1..<out.count where out[i] != out[w - 1] { out[w] = out[i]; w += 1 }
            out.removeLast(out.count - w)
        }
        return out
    }
}
