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

    /// Indices of the rules worth trying at `tokens[pos]`, in priority order.
    /// One dictionary lookup for most tokens: an ordinary word that starts no rule costs nothing more.
    func candidates(_ tokens: [Token], at pos: Int) -> [Int] {
        let tok = tokens[pos]
        let keyed = byKey[tok.key]
        var kinded: [Int]? = nil
        switch tok.kind {
        case .number, .mixed: kinded = byKind[tok.kind]
        case .word, .han: if numbers?.value(of: tok.key) != nil { kinded = byKind[tok.kind] }
        case .punct: break
        }
        if anywhere.isEmpty {
            if kinded == nil { return keyed ?? [] }
            if keyed == nil { return kinded! }
        }
        var out: [Int] = anywhere + (keyed ?? []) + (kinded ?? [])
        if out.count > 1 {
            out.sort()
            var w = 1
            for i in 1..<out.count where out[i] != out[w - 1] { out[w] = out[i]; w += 1 }
            out.removeLast(out.count - w)
        }
        return out
    }
}
