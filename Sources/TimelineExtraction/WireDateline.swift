/// The dateline that opens a wire story's lead: `MOSCOW, May 16 (Reuters) -`, `新华社北京5月16日电`. It says
/// where and when the story was filed, so its date anchors no event and its words belong in no title.
///
/// A dateline is a date followed by a credit (`wireCredits` in title-rules.json: `(Reuters)`, `电`, `讯`,
/// `报道`) with only a place before it on its line: capitals and commas (`NEW YORK,`), or Han characters led by
/// an agency's name (one ending in a `wireAgencyEndings` character: `新华社北京`, `中新网`, `本报`), since `电`
/// alone also starts words (`16日电话会谈`). An attribution, which a comma follows (`据新华社4日报道，`), is none.
struct WireDateline: Sendable {
    /// Lower-cased credits.
    let credits: [[Unicode.Scalar]]
    let agencyEndings: Set<Unicode.Scalar>

    /// The longest place before a date, in scalars.
    static let placeLimit = 40

    init(credits: [String], agencyEndings: [String]) {
        self.credits = credits.map { Array($0.lowercased().unicodeScalars) }.filter { !$0.isEmpty }
        self.agencyEndings = Set(agencyEndings.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil })
    }

    /// Whether the date `[start, end)` of `s` is a wire dateline's.
    func isDateline(_ start: Int, _ end: Int, in s: [Unicode.Scalar]) -> Bool {
        guard !credits.isEmpty else { return false }
        var i = end
        while i < s.count, s[i] == " " { i += 1 }
        guard let credit = credit(at: i, in: s) else { return false }
        // An attribution goes on after a comma (`据俄罗斯卫星通讯社4日报道，…`); a dateline never does.
        var after = i + credit.count
        while after < s.count, s[after] == " " { after += 1 }
        if after < s.count, s[after] == "," || s[after] == "，" { return false }
        var lineStart = start
        while lineStart > 0, s[lineStart - 1] != "\n", start - lineStart <= WireDateline.placeLimit { lineStart -= 1 }
        guard lineStart == 0 || s[lineStart - 1] == "\n" else { return false }
        return isPlace(s[lineStart..<start], hanCredit: credit.allSatisfy(TextSearch.isHan))
    }

    /// The offset just after a Chinese wire dateline that opens `q` (`新华社北京5月16日电`, `参考消息网11月5日报道`,
    /// and the spaces after it), if one does.
    func end(in q: [Unicode.Scalar]) -> Int? {
        guard !credits.isEmpty else { return nil }
        var i = 0
        while i < q.count, SentenceSplitter.isSpace(q[i]) { i += 1 }
        let first = i
        while i < q.count, i - first <= WireDateline.placeLimit {
            if let credit = credit(at: i, in: q), credit.allSatisfy(TextSearch.isHan), i > first {
                // The date before the credit ends with a digit, 日 or 号 (`16日电`, `May 16 (Reuters)`).
                var d = i
                while d > first, q[d - 1] == " " { d -= 1 }
                let last = q[d - 1]
                guard ("0"..."9").contains(last) || last == "日" || last == "号" else { return nil }
                guard isPlace(q[first..<d], hanCredit: true, withDate: true) else { return nil }
                var e = i + credit.count
                while e < q.count, SentenceSplitter.isSpace(q[e]) { e += 1 }
                return e
            }
            i += 1
        }
        return nil
    }

    /// The credit at offset `i` of `s`, if one starts there.
    private func credit(at i: Int, in s: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        for c in credits where i + c.count <= s.count {
            var same = true
            for (k, x) in c.enumerated() where TextSearch.lower(s[i + k]) != x { same = false; break }
            if same { return c }
        }
        return nil
    }

    /// Whether `text` (what precedes the date on its line; with `withDate`, the date too) names only a place:
    /// Han characters led by an agency for a Han credit, else no lower-case letter.
    private func isPlace(_ text: ArraySlice<Unicode.Scalar>, hanCredit: Bool, withDate: Bool = false) -> Bool {
        if hanCredit {
            guard let agency = text.firstIndex(where: { agencyEndings.contains($0) }) else { return false }
            return text.allSatisfy { TextSearch.isHan($0) || SentenceSplitter.isSpace($0) || withDate && ("0"..."9").contains($0) }
                && agency > text.startIndex
        }
        return text.count <= WireDateline.placeLimit
            && !text.contains { $0.properties.isLowercase }
            && !text.contains { $0 == "." || $0 == "!" || $0 == "?" || TextSearch.isHan($0) }
    }

}
