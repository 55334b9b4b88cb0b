/// A named word list (HeidelTime's `repattern` + `normalization` in one): phrases mapped to values.
///
/// File format (`<language>/words/<name>.txt`), one entry a line, `#` starts a comment:
/// ```
/// september = 09
/// sept. = 09
/// the end of = END
/// ```
/// A line without `=` maps the phrase to itself. Phrases are tokenised like the tagged text, so
/// `sept.` matches the two tokens `sept` `.`, and matching ignores case.
struct WordList: Sendable {
    struct Entry: Sendable {
        var keys: [String]
        var value: String
    }

    let name: String
    /// Entries by their first token key, longest first.
    private(set) var byFirstKey: [String: [Entry]] = [:]

    init(name: String) { self.name = name }

    init(name: String, text: String, file: String) throws {
        self.init(name: name)
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#"), hash == line.startIndex || line[line.index(before: hash)] == " " {
                line = line[..<hash]
            }
            let trimmed = String(line).trimmingSpaces()
            if trimmed.isEmpty { continue }
            let phrase: String, value: String
            if let eq = trimmed.range(of: " = ") {
                phrase = String(trimmed[..<eq.lowerBound]).trimmingSpaces()
                value = String(trimmed[eq.upperBound...]).trimmingSpaces()
            } else {
                phrase = trimmed
                value = trimmed
            }
            guard !phrase.isEmpty else {
                throw TaggerRulesError.badLine(file: file, line: n + 1, message: "empty phrase before ' = '")
            }
            add(phrase: phrase, value: value)
        }
    }

    mutating func add(phrase: String, value: String) {
        let keys = Tokenizer.keys(phrase)
        guard let first = keys.first else { return }
        var list = byFirstKey[first, default: []]
        list.append(Entry(keys: keys, value: value))
        list.sort { $0.keys.count > $1.keys.count }
        byFirstKey[first] = list
    }

    /// Every entry matching at `pos`, longest first, as (end token index, value).
    func matches(_ tokens: [Token], at pos: Int) -> [(end: Int, value: String)] {
        guard pos < tokens.count, let list = byFirstKey[tokens[pos].key] else { return [] }
        var out: [(Int, String)] = []
        outer: for e in list {
            let end = pos + e.keys.count
            if end > tokens.count { continue }
            var k = 1
            while k < e.keys.count {
                if tokens[pos + k].key != e.keys[k] { continue outer }
                k += 1
            }
            out.append((end, e.value))
        }
        return out
    }

    /// Calls `body` with (end token index, value) for every entry matching at `pos`, longest first.
    @inline(__always)
    func forEachMatch(_ tokens: [Token], at pos: Int, _ body: (Int, String) -> Void) {
        guard pos < tokens.count, let list = byFirstKey[tokens[pos].key] else { return }
        outer: for e in list {
            let end = pos + e.keys.count
            if end > tokens.count { continue }
            var k = 1
            while k < e.keys.count {
                if tokens[pos + k].key != e.keys[k] { continue outer }
                k += 1
            }
            body(end, e.value)
        }
    }

    /// The value of a single-token phrase.
    func value(of key: String) -> String? {
        byFirstKey[key]?.first(where: { $0.keys.count == 1 })?.value
    }

    var isEmpty: Bool { byFirstKey.isEmpty }

    /// The keys entries can start with.
    var firstKeys: Dictionary<String, [Entry]>.Keys { byFirstKey.keys }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
