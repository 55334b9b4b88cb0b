import Foundation
import TimelineModel

/// Makes a short event title (at most ``Event/maxTitleLength`` characters) from the quote that states it.
///
/// In order of preference: the noun phrase the date modifies (`the 2008 Georgian War` → "Georgian War",
/// `its 2022 invasion of Ukraine` → "Russia's invasion of Ukraine"), the `when` clause the date introduces,
/// and otherwise the main clause of the quote with the date phrase and discourse fillers removed.
public struct TitleMaker: Sendable {
    public let lexicon: Lexicon

    /// The types of events that belong to their actors: their words include things (`factory`, `doctorate`).
    let typesOfActors: Set<String>

    public init(lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
        typesOfActors = lexicon.typesOfActors
    }

    static let determiners: Set<String> = ["the", "its", "their", "his", "her", "this", "that", "a", "an", "our", "whose"]
    static let possessives: Set<String> = ["its", "their", "his", "her", "whose"]
    static let phraseStops: Set<String> = [
        "that", "which", "who", "whom", "when", "where", "while", "was", "were", "is", "are", "has", "have", "had",
        "will", "would", "and", "but", "or", "to", "with", "as", "after", "before", "following", "led", "left",
        "presented", "gave", "marked", "began", "ended", "brought", "did", "could", "can", "may",
    ]
    static let elaborations: Set<String> = ["involving", "including", "sending", "making", "leaving", "giving", "which",
                                             "who", "whose", "while", "amid", "despite", "usually", "although"]
    static let trailingJunk: Set<String> = ["and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "by", "for",
                                             "with", "from", "that", "which", "its", "their", "as", "but", "than",
                                             "over", "along", "into", "about", "against", "after", "before", "under",
                                             "more", "most", "was", "were", "is", "are", "has", "have", "had"]

    /// A title and its quality (3: noun phrase, 2: when-clause, 1: trimmed clause, 0: fallback).
    public func title(quote text: [Unicode.Scalar], date: Range<Int>, language: String) -> (String, Int) {
        // A line break inside a sentence (text wrapped by hand) is a space: `2017,⏎finding` ends a clause as
        // `2017, finding` does.
        let q = text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
            ? text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 } : text
        if language == "zh" { return (chineseTitle(q, date: date), 1) }
        let words = Words(q)
        if let name = quotedName(q) { return (finish(name), 3) }
        if let speech = speechTitle(q, date: date) { return (finish(speech), 2) }
        if let np = nounPhrase(words, q: q, date: date) { return (finish(np), 3) }
        if let np = nounPhraseBefore(words, q: q, date: date) { return (finish(np), 3) }
        if let wc = whenClause(words, q: q, date: date) { return (finish(wc), 2) }
        let clause = finish(mainClause(words, q: q, date: date))
        if clause.spaceWordCount() >= 2 { return (clause, 1) }
        // Nothing better: the quote itself, trimmed to a title.
        let whole = finish(q.string(0..<q.count))
        return (whole.isEmpty ? q.string(date) : whole, 0)
    }

    // MARK: English

    /// Word tokens of a quote: alphanumeric runs (with inner apostrophes and hyphens) and their ranges.
    struct Words {
        var ranges: [Range<Int>] = []
        var lower: [String] = []
        init(_ q: [Unicode.Scalar]) {
            var i = 0
            while i < q.count {
                if TextSearch.isWordScalar(q[i]) {
                    var j = i + 1
                    while j < q.count, TextSearch.isWordScalar(q[j])
                        || ((q[j] == "'" || q[j] == "’" || q[j] == "-" || q[j] == ".") && j + 1 < q.count && TextSearch.isWordScalar(q[j + 1])) {
                        j += 1
                    }
                    ranges.append(i..<j)
                    lower.append(Words.lowered(q, i..<j))
                    i = j
                } else {
                    i += 1
                }
            }
        }
        /// `q.string(r).lowercased()`, made directly for an ASCII word.
        static func lowered(_ q: [Unicode.Scalar], _ r: Range<Int>) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(r.count)
            for k in r {
                let v = q[k].value
                guard v < 0x80 else { return q.string(r).lowercased() }
                bytes.append(TitleMaker.asciiLower(UInt8(v)))
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        func index(before offset: Int) -> Int? { ranges.lastIndex { $0.upperBound <= offset } }
        func index(after offset: Int) -> Int? { ranges.firstIndex { $0.lowerBound >= offset } }
    }

    func nounPhrase(_ w: Words, q: [Unicode.Scalar], date: Range<Int>) -> String? {
        guard let b = w.index(before: date.lowerBound), TitleMaker.determiners.contains(w.lower[b]),
              q[w.ranges[b].upperBound..<date.lowerBound].allSatisfy({ $0 == " " }),
              let a = w.index(after: date.upperBound),
              q[date.upperBound..<w.ranges[a].lowerBound].allSatisfy({ $0 == " " }) else { return nil }
        var end = a
        var k = a
        while k < w.ranges.count, k - a < 8 {
            if TitleMaker.phraseStops.contains(w.lower[k]) { break }
            // Stop at punctuation between words.
            if k > a, q[w.ranges[k - 1].upperBound..<w.ranges[k].lowerBound].contains(where: { $0 != " " }) { break }
            end = k
            k += 1
        }
        while end > a, TitleMaker.trailingJunk.contains(w.lower[end]) { end -= 1 }
        let first = w.lower[a]
        if first.first?.isNumber == true || TitleMaker.trailingJunk.contains(first) { return nil }
        // A lone common noun ("the 2001 treaty") is too vague to be a title on its own.
        if end == a, q[w.ranges[a].lowerBound].properties.isLowercase { return nil }
        var phrase = q.string(w.ranges[a].lowerBound..<w.ranges[end].upperBound)
        if TitleMaker.possessives.contains(w.lower[b]) {
            let before = q.string(0..<w.ranges[b].lowerBound)
            if let owner = lexicon.entities(in: before, nounsOnly: true).last(where: { $0.entity.kind == .actor })?.entity.name {
                phrase = "\(owner)'s \(phrase)"
            }
        }
        return phrase
    }

    /// A proper name the sentence gives in quotes after a naming verb: `was named the "New Era ... Partnership"`.
    /// A quotation and who said it, when the date is not inside the quotation: `"We will respond," Finance Minister
    /// Anton Siluanov said on Monday` → `Finance Minister Anton Siluanov: We will respond`. Not for a pronoun
    /// (`he said`).
    func speechTitle(_ q: [Unicode.Scalar], date: Range<Int>) -> String? {
        var i = 0
        while i < q.count, q[i] == " " { i += 1 }
        guard i < q.count, q[i] == "\"" || q[i] == "“" else { return nil }
        guard let close = q[(i + 1)...].firstIndex(where: { $0 == "\"" || $0 == "”" }), close > i + 1,
              date.lowerBound > close else { return nil }
        let speech = q.string((i + 1)..<close).trimmingCharacters(extra: ",.;: ")
        guard speech.spaceWordCount() >= 2 else { return nil }
        let verbs = Set(lexicon.titleRules.speechVerbs ?? [])
        let rest = q.string((close + 1)..<date.lowerBound).trimmingCharacters(extra: ",.;: ")
        var words = rest.spaceSplit().map(String.init)
        // `Finance Minister Anton Siluanov said (on)` or `said Finance Minister Anton Siluanov`.
        guard let v = words.firstIndex(where: { verbs.contains($0.lowercased()) }) else { return nil }
        var speaker = Array(words[..<v])
        if speaker.isEmpty {
            words = Array(words[(v + 1)...])
            while let last = words.last, lexicon.index.datePrepositions.contains(last.lowercased()) { words.removeLast() }
            speaker = words
        }
        guard !speaker.isEmpty, speaker.count <= 8,
              !["he", "she", "they", "it", "we", "i", "you"].contains(speaker[0].lowercased()) else { return nil }
        if let first = speaker.first?.lowercased(), TitleMaker.determiners.contains(first), speaker.count > 1 {
            speaker.removeFirst()
        }
        return speaker.joined(separator: " ") + ": " + speech
    }

    func quotedName(_ q: [Unicode.Scalar]) -> String? {
        // Simple ASCII text lower-cases scalar by scalar: when no naming verb occurs in it literally, none does.
        if TitleMaker.namingVerbPhrases.simple, q.allSatisfy({ $0.value < 0x80 && TextSearch.isSimple($0) }),
           !TitleMaker.namingVerbPhrases.finder.any(in: q.map(TextSearch.lower)) {
            return nil
        }
        let text = q.string(0..<q.count)
        let lower = text.lowercased()
        if TextSearch.mayContain(any: TitleMaker.namingVerbPhrases, in: lower) == false { return nil }
        guard let verb = TitleMaker.namingVerbs.compactMap({ lower.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
            return nil
        }
        let after = text[text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: verb.upperBound))...]
        guard let open = after.firstIndex(where: { $0 == "\"" || $0 == "“" }),
              after.distance(from: after.startIndex, to: open) <= 6 else { return nil }
        let rest = after[after.index(after: open)...]
        guard let close = rest.firstIndex(where: { $0 == "\"" || $0 == "”" }) else { return nil }
        let name = String(rest[..<close]).trimmingCharacters()
        let words = name.split(separator: " ")
        guard words.count >= 3, words.count <= 14, words.allSatisfy({ $0.first?.isUppercase == true || $0.count <= 3 }) else {
            return nil
        }
        return name
    }

    static let spaceComma: [UInt8] = Array(" ,".utf8)
    static let namingVerbPhrases = TextSearch.PhraseSet(namingVerbs)
    static let namingVerbs = ["was named", "were named", "was called", "was dubbed", "was renamed", "was designated",
                              "became known as", "was upgraded to", "were upgraded to", "was elevated to", "upgraded to",
                              "elevated to", "renamed it", "known as"]

    /// "the open Sino-Soviet split in 1971–72": a determiner, an event noun phrase, a preposition, the date.
    /// The name of an event that ends at word `last` (`the Treaty of Aigun`, `the Battle of Stalingrad`): capitalised
    /// words joined by `of`, after `the`, that name an event type.
    func eventName(_ w: Words, q: [Unicode.Scalar], endingAt last: Int) -> String? {
        func capitalized(_ k: Int) -> Bool { q[w.ranges[k].lowerBound].properties.isUppercase }
        guard capitalized(last) else { return nil }
        var k = last
        while k > 0, last - k < 8, capitalized(k - 1) || w.lower[k - 1] == "of",
              q[w.ranges[k - 1].upperBound..<w.ranges[k].lowerBound].allSatisfy({ $0 == " " }) {
            k -= 1
        }
        guard capitalized(k), k > 0, w.lower[k - 1] == "the", k < last else { return nil }
        let name = q.string(w.ranges[k].lowerBound..<w.ranges[last].upperBound)
        return lexicon.eventType(of: name) != "event" ? name : nil
    }

    func nounPhraseBefore(_ w: Words, q: [Unicode.Scalar], date: Range<Int>) -> String? {
        guard let p = w.index(before: date.lowerBound), ["in", "of", "during"].contains(w.lower[p]),
              q[w.ranges[p].upperBound..<date.lowerBound].allSatisfy({ $0 == " " }), p >= 2 else { return nil }
        let last = p - 1
        guard q[w.ranges[last].upperBound..<w.ranges[p].lowerBound].allSatisfy({ $0 == " " }) else { return nil }
        if let name = eventName(w, q: q, endingAt: last) { return name }
        var k = last
        while k >= 0, last - k < 6 {
            if TitleMaker.determiners.contains(w.lower[k]) { break }
            if TitleMaker.phraseStops.contains(w.lower[k]) || w.lower[k].contains(where: \.isNumber) { return nil }
            if k < last, q[w.ranges[k].upperBound..<w.ranges[k + 1].lowerBound].contains(where: { $0 != " " }) { return nil }
            k -= 1
        }
        guard k >= 0, k < last, TitleMaker.determiners.contains(w.lower[k]) else { return nil }
        let head = w.lower[last]
        // The head must name an event (`the split in 1960`, `the acquisition in 2013`), not a thing or a title
        // that a type's words include (`her doctorate in 1896`, `the factory in 2006`).
        let type = lexicon.eventType(of: head)
        guard type != "event" else { return nil }
        if typesOfActors.contains(type),
           !TitleMaker.eventNounEndings.contains(where: { head.hasSuffix($0) }) { return nil }
        let np = q.string(w.ranges[k + 1].lowerBound..<w.ranges[last].upperBound)
        if TitleMaker.possessives.contains(w.lower[k]) {
            let before = q.string(0..<w.ranges[k].lowerBound)
            if let owner = lexicon.entities(in: before, nounsOnly: true).last(where: { $0.entity.kind == .actor })?.entity.name {
                return "\(owner)'s \(np)"
            }
        }
        return np
    }

    /// The clause that a subordinator opens inside a piece and that holds the date, when it has a verb in `-ed`:
    /// in `rebuilt after Hurricane Katrina devastated the city ⟨date⟩`, the date is the devastation's.
    func innerClause(_ piece: String) -> String? {
        let words = piece.spaceSplit()
        let subordinators = lexicon.index.clauseSubordinators
        guard let m = words.firstIndex(where: { $0.utf8.contains(1) }), m >= 4 else { return nil }
        guard let k = words[1..<m].lastIndex(where: { subordinators.contains($0.lowercased()) }), m - k - 1 >= 3
        else { return nil }
        let verb = words[(k + 1)..<m].contains { w in
            w.count > 4 && w.hasSuffix("ed") && w.allSatisfy { $0.isLowercase && $0.isLetter }
        }
        return verb ? words[(k + 1)...].joined(separator: " ") : nil
    }


    func whenClause(_ w: Words, q: [Unicode.Scalar], date: Range<Int>) -> String? {
        guard let a = w.index(after: date.upperBound), a + 2 < w.ranges.count,
              lexicon.titleRules.eventClauseOpeners.contains(w.lower[a]),
              // `as part of`, `as planned`: no clause.
              !(w.lower[a] == "as" && lexicon.index.asPhrases.contains(w.lower[a + 1])),
              q[date.upperBound..<w.ranges[a].lowerBound].allSatisfy({ $0 == " " || $0 == "," }) else { return nil }
        let start = w.ranges[a + 1].lowerBound
        var end = q.count
        if let stop = (start..<q.count).first(where: { ";.!?—:".unicodeScalars.contains(q[$0]) }) { end = stop }
        return q.string(start..<end)
    }

    func mainClause(_ w: Words, q: [Unicode.Scalar], date: Range<Int>) -> String {
        // Remove the date expression with the preposition phrase before it ("as of", "in", "by the").
        var cut = date
        if let b = w.index(before: date.lowerBound) {
            let preps = lexicon.index.datePrepositions
            var k = b
            var lo = date.lowerBound
            while k >= 0, preps.contains(w.lower[k]) || (k > 0 && preps.contains(w.lower[k - 1] + " " + w.lower[k])) {
                if preps.contains(w.lower[k]) { lo = w.ranges[k].lowerBound; k -= 1 } else {
                    lo = w.ranges[k - 1].lowerBound; k -= 2
                }
                if date.lowerBound - lo > 24 { break }
            }
            cut = lo..<date.upperBound
        }
        // U+0001 marks where the date was, so the clause that held it can be found after splitting.
        var s = q.string(0..<cut.lowerBound) + " \u{1} " + q.string(cut.upperBound..<q.count)
        // A parenthesis between a subject and its verb (`Yerofey Khabarov (c. 1603 – 1671) led …`) is left out, unless
        // it holds the date.
        if s.unicodeScalars.contains("(") { s = TitleMaker.withoutParentheses(s) }
        // (Only " ," itself can match " ,": no other scalars are canonically equivalent to a space or a comma.)
        if TextSearch.containsLiteral(TitleMaker.spaceComma, inUTF8: s) { s = TitleMaker.joiningCommas(s) }
        // Clause punctuation; a comma only when a space follows (not "2,000").
        let pieces = TitleMaker.clausePieces(s).filter { !$0.isEmpty }
        // The marker U+0001 is a control character: a grapheme cluster of its own that nothing else is
        // canonically equivalent to, so replacing each of its scalars is what Foundation's replacement does.
        func unmarked(_ p: String) -> String {
            guard p.utf8.contains(1) else { return p }
            return String(decoding: p.utf8.map { $0 == 1 ? 0x20 : $0 }, as: UTF8.self)
        }
        var cleaned: [Int: String] = [:]
        func clean(_ p: String) -> String {
            stripFillers(stripSubordinator(unmarked(p).collapsingSpaces()))
        }
        func clean(at i: Int) -> String {
            if let c = cleaned[i] { return c }
            let c = clean(pieces[i])
            cleaned[i] = c
            return c
        }
        func substantial(at i: Int) -> Bool {
            let c = clean(at: i)
            // Words with a letter or digit: Markdown marks and dashes left by the date (`- ** **`) are none.
            let all = c.spaceSplit()
            if all.count < 3 { return false }
            func isWord(_ w: Substring) -> Bool { w.unicodeScalars.contains(where: TextSearch.isWordScalar) }
            var n = 0
            for w in all where isWord(w) { n += 1; if n == 3 { break } }
            if n < 3 { return false }
            let words = [all.first(where: isWord)!, all.last(where: isWord)!]
            let lower = c.lowercased()
            if TitleMaker.leadIns.contains(where: { lower.hasPrefix($0) }) { return false }
            // A relative clause or a trailing alternative is a fragment, not the event ("which had sales of ...").
            if let w = words.first?.lowercased(), TitleMaker.fragmentOpeners.contains(w) { return false }
            if let last = words.last?.lowercased(), TitleMaker.temporalAdverbs.contains(last) { return false }
            return true
        }
        let datePiece = pieces.indices.first(where: { pieces[$0].utf8.contains(1) })
        if let datePiece, substantial(at: datePiece) {
            if let inner = innerClause(pieces[datePiece]) { return clean(inner) }
            if let named = withSubject(clean(at: datePiece), datePiece, pieces.map(unmarked)) { return named }
            return clean(at: datePiece)
        }
        // The date in a participle between a subject and its verb: `Its judgment, delivered on 11 March 2021,
        // restored the revocation` → `Its judgment restored the revocation`.
        if let d = datePiece, d >= 1, d + 1 < pieces.count, clean(at: d).spaceSplit().first?.hasSuffix("ed") == true,
           let named = withSubject(clean(at: d + 1), d + 1, pieces.map(unmarked)) {
            return named
        }
        // A main clause before a clause of background (`In 2019, after years of construction, the pipeline opened`).
        func background(_ i: Int) -> Bool {
            lexicon.index.backgroundOpenerBytes.contains { TitleMaker.startsWithLowercased(pieces[i], $0) }
        }
        if let i = pieces.indices.first(where: { !background($0) && substantial(at: $0) }) { return clean(at: i) }
        if let i = pieces.indices.first(where: substantial(at:)) { return clean(at: i) }
        return pieces.isEmpty ? clean(s) : clean(at: 0)
    }

    /// The clause of the date with the subject that another clause of the sentence gives it, or nil:
    /// - a participle opening the sentence takes the name the main clause starts with (`Born in Grenoble on 14 April
    ///   1871, Aubel studied …` → `Aubel was born in Grenoble`);
    /// - a verb after an apposition takes the subject before it (`Its first product, a handheld spectrometer,
    ///   shipped in March 2000` → `Its first product shipped`).
    func withSubject(_ clause: String, _ index: Int, _ pieces: [String]) -> String? {
        let words = clause.spaceSplit()
        guard let first = words.first, let initial = first.unicodeScalars.first else { return nil }
        if index == 0, pieces.count > 1, initial.properties.isUppercase,
           first == "Born" || (first.hasSuffix("ed") && first.unicodeScalars.count > 4) {
            // The main clause's subject: its leading capitalised words (`Aubel`, `Norvale Instruments`).
            let next = pieces[1].collapsingSpaces().spaceSplit()
            let name = next.prefix { w in
                w.unicodeScalars.first?.properties.isUppercase == true && w.unicodeScalars.allSatisfy(TextSearch.isWordScalar)
            }
            guard (1...4).contains(name.count), name.count < next.count,
                  !lexicon.titleRules.leadingFillers.contains(name[name.startIndex].lowercased()),
                  !TitleMaker.determiners.contains(name[name.startIndex].lowercased()) else { return nil }
            return name.joined(separator: " ") + " was " + first.lowercased() + clause.dropFirst(first.count)
        }
        if index >= 1, initial.properties.isLowercase, first.hasSuffix("ed") || lexicon.titleRules.pastVerbs?.contains(String(first)) == true {
            let subject = pieces[0].collapsingSpaces().spaceSplit()
            let appositions = pieces[1..<index].map { $0.collapsingSpaces().spaceSplit() }
            // Appositions (`a handheld spectrometer`) or a participle (`delivered on 11 March 2021`) between them.
            guard (1...5).contains(subject.count), subject[0].unicodeScalars.first?.properties.isUppercase == true,
                  !lexicon.titleRules.leadingFillers.contains(subject[0].lowercased()),
                  appositions.allSatisfy({ a in
                      a.first.map { TitleMaker.determiners.contains($0.lowercased()) || $0.hasSuffix("ed") } ?? false
                  })
            else { return nil }
            return subject.joined(separator: " ") + " " + clause
        }
        return nil
    }

    /// `s` without the parenthesised parts that interrupt a clause (a lower-case word goes on after them) and do not
    /// hold the date marker U+0001, and the space before each.
    static func withoutParentheses(_ s: String) -> String {
        // On UTF-8 bytes: the parentheses, the marker and the lower-case letter tested are ASCII.
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var changed = false
        var i = 0
        while i < u.count {
            if u[i] == 0x28, let close = u[(i + 1)...].firstIndex(of: 0x29), !u[i..<close].contains(0x01),
               !u[(i + 1)..<close].contains(0x28),
               let next = u[(close + 1)...].first(where: { $0 != 0x20 }), next &- 0x61 < 26 {
                while let last = out.last, last == 0x20 { out.removeLast() }
                i = close + 1
                changed = true
                continue
            }
            out.append(u[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }

    /// `s` without its closed parenthesised parts, full-width or ASCII.
    static func withoutHanParentheses(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var depth = 0
        let u = Array(s.unicodeScalars)
        for (i, c) in u.enumerated() {
            if c == "（" || c == "(", u[(i + 1)...].contains(where: { $0 == "）" || $0 == ")" }) { depth += 1; continue }
            if depth > 0 {
                if c == "）" || c == ")" { depth -= 1 }
                continue
            }
            out.append(c)
        }
        return String(out)
    }

    /// `s.replacingAll(" ,", with: ",")`. On ASCII text, replacing the first " ," until none is left removes every
    /// run of spaces before a comma, which one pass over the bytes does.
    static func joiningCommas(_ s: String) -> String {
        guard s.isASCII else { return s.replacingAll(" ,", with: ",") }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if b == UInt8(ascii: ",") { while out.last == 0x20 { out.removeLast() } }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` cut at clause punctuation (`; : — – ( )`, and a comma followed by a space or ending the text), each
    /// piece trimmed of whitespace; empty pieces kept.
    @inline(__always) static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || v &- 0x09 < 5 }
        return c.properties.isWhitespace
    }

    static func clausePieces(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        // When every scalar is a character of its own, the character loop below is a loop over scalars.
        if scalars.allSatisfy({ TextSearch.isSimple($0) || $0 == "\u{1}" }) {
            var pieces: [String] = []
            var start = 0
            func emit(_ end: Int) {
                var a = start, b = end
                while a < b, isWhitespace(scalars[a]) { a += 1 }
                while b > a, isWhitespace(scalars[b - 1]) { b -= 1 }
                pieces.append(scalars.string(a..<b))
            }
            for (k, c) in scalars.enumerated() {
                let isComma = c == "," && (k + 1 == scalars.count || scalars[k + 1] == " ")
                if isComma || c == ";" || c == ":" || c == "—" || c == "(" || c == ")" || c == "–" || c == "|" {
                    emit(k)
                    start = k + 1
                }
            }
            emit(scalars.count)
            return pieces
        }
        var pieces: [String] = []
        var current = ""
        let chars = Array(text)
        for (k, ch) in chars.enumerated() {
            let isComma = ch == "," && (k + 1 == chars.count || chars[k + 1] == " ")
            if isComma || ";:—()|".contains(ch) || ch == "–" {
                pieces.append(current.trimmingCharacters())
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current.trimmingCharacters())
        return pieces
    }

    /// Clause openers that introduce background, not the event ("As part of the project, ...").
    static let leadIns = ["according to", "as of", "as part of", "in response to", "in the wake of", "in addition to",
                          "despite", "although", "though", "because", "due to", "with ", "amid"]
    /// Endings of nouns that name events (`acquisition`, `bankruptcy`, `marriage`, `wedding`, `funeral`).
    static let eventNounEndings = ["tion", "sion", "ment", "ing", "al", "ure", "cy", "ry", "age", "er"]
    static let fragmentOpeners: Set<String> = ["which", "whose", "who", "whom", "or", "nor", "for", "than"]
    static let temporalAdverbs: Set<String> = ["later", "earlier", "ago", "afterwards", "afterward", "before", "since"]
    /// Whether `s` starts with the lower-case ASCII bytes `prefix`, ignoring ASCII case (no copy of `s` is made).
    static func startsWithLowercased(_ s: String, _ prefix: [UInt8]) -> Bool {
        var k = 0
        for b in s.utf8 {
            if k == prefix.count { return true }
            if asciiLower(b) != prefix[k] { return false }
            k += 1
        }
        return k == prefix.count
    }

    static let subordinators = ["when ", "after ", "before ", "following ", "once ", "while ", "as ", "since ", "until ",
                                "where "]
    static let spacedWhich = Array(" which ".utf8)
    /// Prepositions before `which` that open a relative clause with a subject of its own (`work for which she received`).
    static let relativePrepositions: Set<String> = ["for", "in", "by", "with", "from", "during", "after", "at", "under", "through"]

    /// Drops a leading subordinating word: "When Mao Zedong travelled to Moscow" → "Mao Zedong travelled to Moscow",
    /// and a noun before a relative clause with its own subject: "work for which she received a prize" → "she
    /// received a prize".
    func stripSubordinator(_ text: String) -> String {
        let t = text.trimmingCharacters()
        let lower = t.lowercased()
        for w in TitleMaker.subordinators where lower.hasPrefix(w) && t.spaceWordCount() > 3 {
            return String(t.dropFirst(w.count)).trimmingCharacters()
        }
        if TextSearch.containsLiteral(TitleMaker.spacedWhich, inUTF8: lower) {
            let words = t.spaceSplit()
            if let k = words.prefix(6).firstIndex(where: { $0.lowercased() == "which" }), k >= 2,
               TitleMaker.relativePrepositions.contains(words[k - 1].lowercased()), words.count - k - 1 >= 3,
               !TitleMaker.fragmentOpeners.contains(words[k + 1].lowercased()) {
                return words[(k + 1)...].joined(separator: " ")
            }
        }
        return t
    }

    func stripFillers(_ text: String) -> String {
        var s = text.trimmingCharacters()
        if let fast = stripASCIIFillers(s) { return fast }
        var changed = true
        while changed {
            changed = false
            let lower = s.lowercased()
            for (f, spaced, comma) in lexicon.index.fillersLongestFirst where lower.hasPrefix(spaced) || lower.hasPrefix(comma) {
                s = String(s.dropFirst(f.count)).trimmingCharacters(extra: ", ")
                changed = true
                break
            }
        }
        return s
    }

    /// ``stripFillers(_:)`` on trimmed ASCII text, byte by byte (a filler with a non-ASCII character never
    /// prefixes ASCII text); nil for other text.
    private func stripASCIIFillers(_ text: String) -> String? {
        guard text.isASCII else { return nil }
        var b = Array(text.utf8)
        let fillers = lexicon.index.asciiFillersLongestFirst
        var changed = true
        while changed {
            changed = false
            for (spaced, comma) in fillers where TitleMaker.hasLowerPrefix(b, spaced) || TitleMaker.hasLowerPrefix(b, comma) {
                b.removeFirst(spaced.count - 1)
                TitleMaker.trim(&b, TitleMaker.commaSpace)
                changed = true
                break
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// Whether the ASCII bytes `b`, lower-cased, start with `prefix` (lower-case).
    @inline(__always) static func hasLowerPrefix(_ b: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard b.count >= prefix.count else { return false }
        for k in 0..<prefix.count where asciiLower(b[k]) != prefix[k] { return false }
        return true
    }

    @inline(__always) static func asciiLower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Trims ASCII whitespace and the bytes of `extra` from both ends of ASCII bytes.
    static func trim(_ b: inout [UInt8], _ extra: [UInt8]) {
        func trimmed(_ c: UInt8) -> Bool { c == 0x20 || c &- 0x09 < 5 || extra.contains(c) }
        var hi = b.count
        while hi > 0, trimmed(b[hi - 1]) { hi -= 1 }
        var lo = 0
        while lo < hi, trimmed(b[lo]) { lo += 1 }
        if hi < b.count { b.removeSubrange(hi...) }
        if lo > 0 { b.removeSubrange(..<lo) }
    }

    static let commaSpace: [UInt8] = Array(", ".utf8)
    /// What a title never starts or ends with (a dateline's dash, `WASHINGTON (Reuters) - The bank ...`, included).
    static let finishTrim: [UInt8] = Array(",;:.\"'- ".utf8)
    static let finishTrimWords: [UInt8] = Array(",;:- ".utf8)

    /// The words of ASCII bytes split at spaces (empty pieces omitted).
    static func byteWords(_ b: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = -1
        for (k, c) in b.enumerated() {
            if c == 0x20 {
                if start >= 0 { out.append(b[start..<k]); start = -1 }
            } else if start < 0 {
                start = k
            }
        }
        if start >= 0 { out.append(b[start..<b.count]) }
        return out
    }

    static func joined(_ words: ArraySlice<ArraySlice<UInt8>>) -> [UInt8] {
        var out: [UInt8] = []
        for (k, w) in words.enumerated() {
            if k > 0 { out.append(0x20) }
            out.append(contentsOf: w)
        }
        return out
    }

    /// The ASCII bytes lower-cased, as a String.
    static func lowerString(_ w: ArraySlice<UInt8>) -> String {
        let lowered = w.map(asciiLower)
        return lowered.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// ``finish(_:)`` on ASCII text, byte by byte: every character of the cleaned text is one byte (the only
    /// multi-byte character, CR LF, is collapsed to a space), so counts, cuts and comparisons of characters are
    /// those of bytes. Nil for other text.
    private func finishASCII(_ raw: String) -> String? {
        guard raw.isASCII else { return nil }
        var s = Array(TitleMaker.stripMarkdown(raw).collapsingSpaces().utf8)
        TitleMaker.trim(&s, TitleMaker.finishTrim)
        let limit = 72
        if s.count > 40 {
            let words = TitleMaker.byteWords(s)
            var k = 4
            while k < words.count {
                let w = TitleMaker.lowerString(words[k])
                if TitleMaker.elaborations.contains(w)
                    || (w == "in" && k + 1 < words.count && ["a", "an"].contains(TitleMaker.lowerString(words[k + 1]))) {
                    s = TitleMaker.joined(words[..<k])
                    TitleMaker.trim(&s, TitleMaker.finishTrimWords)
                    break
                }
                k += 1
            }
        }
        if s.count > limit {
            var cutAt = limit
            if let space = s[..<limit].lastIndex(of: 0x20) { cutAt = space }
            var words = TitleMaker.byteWords(Array(s[..<cutAt]))
            // Only when the cut falls between two capitalised words is a name cut in two.
            if cutAt < limit, cutAt + 1 < s.count, s[cutAt + 1] &- 0x41 < 26,
               let lastWord = words.last, let initial = lastWord.first, initial &- 0x41 < 26 {
                let all = TitleMaker.byteWords(s)
                let keep = TitleMaker.keptAtNameBoundary(words.count, lengths: all.map(\.count),
                                                         capitalized: all.map { ($0.first ?? 0) &- 0x41 < 26 })
                words = Array(all[..<keep])
            }
            while words.count > 1, let last = words.last, TitleMaker.trailingJunk.contains(TitleMaker.lowerString(last)) {
                words.removeLast()
            }
            s = TitleMaker.joined(words[...])
            TitleMaker.trim(&s, TitleMaker.finishTrimWords)
        }
        var words = TitleMaker.byteWords(s)
        while words.count > 2, let last = words.last, last.count > 4,
              TitleMaker.asciiLower(last[last.endIndex - 2]) == UInt8(ascii: "l"),
              TitleMaker.asciiLower(last[last.endIndex - 1]) == UInt8(ascii: "y"),
              last[last.startIndex] &- 0x61 < 26 {
            words.removeLast()
        }
        if words.count > 3, let first = words.first, first.elementsEqual("The".utf8) || first.elementsEqual("the".utf8) {
            words.removeFirst()
        }
        s = TitleMaker.joined(words[...])
        if let f = s.first, f &- 0x61 < 26 { s[0] = f - 0x20 }
        return TitleMaker.withoutUnpairedQuote(s.withUnsafeBufferPointer { String(decoding: $0.prefix(Event.maxTitleLength), as: UTF8.self) })
    }

    /// How many of a title's words to keep when the length limit falls after the first `kept`: a name (a run of
    /// capitalised words, `Xi Jinping`) is not cut in two. It is kept whole when the title then stays within
    /// ``Event/maxTitleLength`` characters (`lengths` counts each word's), else left out.
    static func keptAtNameBoundary(_ kept: Int, lengths: [Int], capitalized: [Bool]) -> Int {
        guard kept > 0, kept < lengths.count, capitalized[kept], capitalized[kept - 1] else { return kept }
        var end = kept
        var length = lengths[..<kept].reduce(kept - 1, +)
        while end < lengths.count, capitalized[end] {
            length += 1 + lengths[end]
            end += 1
        }
        if length <= Event.maxTitleLength { return end }
        var start = kept
        while start > 1, capitalized[start - 1] { start -= 1 }
        return start
    }

    /// Cleans Markdown, trims to the length limit at a word boundary, capitalises the first letter.
    func finish(_ raw: String) -> String {
        if let fast = finishASCII(raw) { return fast }
        var s = TitleMaker.stripMarkdown(raw).collapsingSpaces().trimmingCharacters(extra: ",;:.\"'“”‘’-—– ")
        let limit = 72
        // Long titles end before a participle or relative clause that only elaborates ("... drills involving ...").
        if s.count > 40 {
            var words = s.spaceSplit().map(String.init)
            if let cut = words.indices.dropFirst(4).first(where: { TitleMaker.elaborations.contains(words[$0].lowercased())
                || (words[$0].lowercased() == "in" && $0 + 1 < words.count && ["a", "an"].contains(words[$0 + 1].lowercased())) }) {
                words = Array(words[..<cut])
                s = words.joined(separator: " ").trimmingCharacters(extra: ",;:—- ")
            }
        }
        if s.count > limit {
            var cutAt = s.index(s.startIndex, offsetBy: limit)
            let atSpace = s[..<cutAt].lastIndex(of: " ")
            if let space = atSpace { cutAt = space }
            var words = String(s[..<cutAt]).spaceSplit().map(String.init)
            if atSpace != nil {
                let all = s.spaceSplit().map(String.init)
                let keep = TitleMaker.keptAtNameBoundary(words.count, lengths: all.map(\.count),
                                                         capitalized: all.map { $0.first?.isUppercase == true })
                words = Array(all[..<keep])
            }
            while words.count > 1, let last = words.last, TitleMaker.trailingJunk.contains(last.lowercased()) {
                words.removeLast()
            }
            s = words.joined(separator: " ").trimmingCharacters(extra: ",;:—- ")
        }
        // Headline style: no trailing adverb ("... significantly"), no leading article on a long title.
        var words = s.spaceSplit().map(String.init)
        while words.count > 2, let last = words.last, last.count > 4, last.lowercased().hasSuffix("ly"),
              last.first?.isLowercase == true {
            words.removeLast()
        }
        if words.count > 3, words.first == "The" || words.first == "the" { words.removeFirst() }
        s = words.joined(separator: " ")
        if let f = s.first, f.isLowercase { s = f.uppercased() + s.dropFirst() }
        return TitleMaker.withoutUnpairedQuote(String(s.prefix(Event.maxTitleLength)))
    }

    /// `title` without a quotation mark left open by the cut to its length (`raised ties to a "comprehensive`).
    static func withoutUnpairedQuote(_ title: String) -> String {
        var straight = 0, open = 0, close = 0
        for u in title.unicodeScalars {
            if u == "\"" { straight += 1 } else if u == "“" { open += 1 } else if u == "”" { close += 1 }
        }
        guard straight % 2 == 1 || open > close else { return title }
        var scalars = Array(title.unicodeScalars)
        let mark: Unicode.Scalar = straight % 2 == 1 ? "\"" : "“"
        if let last = scalars.lastIndex(of: mark) { scalars.remove(at: last) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out).collapsingSpaces().trimmingCharacters()
    }

    /// Removes spaces next to Chinese characters (left behind by Markdown emphasis).
    static func closingHanSpaces(_ s: String) -> String {
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in u.enumerated() {
            if c == " ", (i > 0 && TextSearch.isHan(u[i - 1])) || (i + 1 < u.count && TextSearch.isHan(u[i + 1])) { continue }
            out.append(c)
        }
        return String(out)
    }

    static func stripMarkdown(_ s: String) -> String {
        // ASCII: the same loop over bytes (CR LF, one character, is kept either way).
        var t = s
        if let fast = t.withUTF8({ stripASCIIMarkdown($0) }) { return fast }
        var out = ""
        var chars = Array(s)
        var i = 0
        // [text](url) → text
        while i < chars.count {
            let c = chars[i]
            if c == "]", i + 1 < chars.count, chars[i + 1] == "(", let close = chars[(i + 1)...].firstIndex(of: ")") {
                i = close + 1
                continue
            }
            if "*_`#[]".contains(c) { i += 1; continue }
            out.append(c)
            i += 1
        }
        chars = []
        return out
    }

    private static func stripASCIIMarkdown(_ chars: UnsafeBufferPointer<UInt8>) -> String? {
        guard !chars.contains(where: { $0 >= 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: chars.count) { out in
            var k = 0
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == UInt8(ascii: "]"), i + 1 < chars.count, chars[i + 1] == UInt8(ascii: "("),
                   let close = chars[(i + 1)...].firstIndex(of: UInt8(ascii: ")")) {
                    i = close + 1
                    continue
                }
                switch c {
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "#"), UInt8(ascii: "["),
                     UInt8(ascii: "]"):
                    i += 1
                    continue
                default:
                    out[k] = c; k += 1
                    i += 1
                }
            }
            return k
        }
    }

    // MARK: Chinese

    func chineseTitle(_ q: [Unicode.Scalar], date: Range<Int>) -> String {
        let stops = "，。；：、！？,;:!?\n".unicodeScalars
        var lo = date.lowerBound, hi = date.upperBound
        let opening = lexicon.index.wireDateline.end(in: q) ?? 0
        while lo > opening, !stops.contains(q[lo - 1]) { lo -= 1 }
        while hi < q.count, !stops.contains(q[hi]) { hi += 1 }
        var before = q.string(lo..<date.lowerBound)
        var after = q.string(date.upperBound..<hi)
        // Words that only frame the date ("由于…", "进入…", "早在…"), longest first.
        for p in ["由于", "截至", "自从", "直到", "早在", "到了", "进入", "在", "于", "自", "从", "到", "与", "而", "但"]
        where before.hasSuffix(p) {
            before = String(before.dropLast(p.count))
            break
        }
        for p in ["然而", "但是", "同时", "由于", "与", "而", "但"] where before.hasPrefix(p) {
            before = String(before.dropFirst(p.count))
            break
        }
        for p in ["以来", "期间", "时", "起", "的", "间", "初", "末"] where after.hasPrefix(p) {
            after = String(after.dropFirst(p.count))
            break
        }
        // A parenthesis (`赫鲁晓夫（1894年—1971年）于1959年访华`) is no part of a title.
        if before.unicodeScalars.contains(where: { $0 == "（" || $0 == "(" }) { before = TitleMaker.withoutHanParentheses(before) }
        var title = TitleMaker.closingHanSpaces(TitleMaker.stripMarkdown(before + after).collapsingSpaces()).trimmingCharacters()
        // An attribution (`据俄罗斯卫星通讯社4日报道，…`) names the source, not the event: the clause after it does.
        let attribution = title.hasPrefix("据") && ["报道", "消息", "介绍", "称", "显示", "透露"].contains { title.hasSuffix($0) }
        if attribution { title = "" }
        if title.unicodeScalars.filter(TextSearch.isHan).count < 4, hi < q.count {
            // The clause after the date's (a list comma 、 does not end it).
            let clauseStops = "，。；：！？,;:!?\n".unicodeScalars
            var next = hi + 1
            while next < q.count, !clauseStops.contains(q[next]) { next += 1 }
            title += TitleMaker.stripMarkdown(q.string(min(hi + 1, q.count)..<next)).trimmingCharacters()
        }
        if title.isEmpty { title = q.string(lo..<hi) }
        for suffix in ["的时候", "之际", "期间", "以来", "时"] where title.hasSuffix(suffix) && title.count > suffix.count + 3 {
            title = String(title.dropLast(suffix.count))
            break
        }
        return String(title.prefix(36))
    }
}

extension String {
    func trimmingCharacters(extra: String = "") -> String {
        // ASCII: every byte is a character but CR LF, whose two bytes are both whitespace, so trimming bytes
        // trims the same characters (a non-ASCII character of `extra` never equals an ASCII one).
        if let fast = utf8.withContiguousStorageIfAvailable({ b -> String? in
            var lo = 0, hi = b.count
            for c in b where c >= 0x80 { return nil }
            func trimmed(_ c: UInt8) -> Bool { c == 0x20 || c &- 0x09 < 5 || extra.utf8.contains(c) }
            while lo < hi, trimmed(b[lo]) { lo += 1 }
            while hi > lo, trimmed(b[hi - 1]) { hi -= 1 }
            if lo == 0 && hi == b.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
        }), let fast {
            return fast
        }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace || extra.contains(c) { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace || extra.contains(c) { s = s.dropLast() }
        return String(s)
    }

    func collapsingSpaces() -> String {
        // ASCII: every byte is a character (CR LF, one character, is whitespace as both its bytes are), so the
        // same runs collapse byte by byte.
        if let fast = utf8.withContiguousStorageIfAvailable({ String.collapsingASCIISpaces($0) }), let fast { return fast }
        var out = ""
        var lastSpace = false
        for c in self {
            if c.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out
    }

    private static func collapsingASCIISpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var needed = false
        var lastSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            let space = b == 0x20 || b &- 0x09 < 5
            if space && (lastSpace || b != 0x20) { needed = true }
            lastSpace = space
        }
        if !needed { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var k = 0
            lastSpace = false
            for b in bytes {
                if b == 0x20 || b &- 0x09 < 5 {
                    if !lastSpace { out[k] = 0x20; k += 1 }
                    lastSpace = true
                } else {
                    out[k] = b; k += 1
                    lastSpace = false
                }
            }
            return k
        }
    }

    func replacingAll(_ a: String, with b: String) -> String {
        var s = self
        while let r = s.range(of: a) { s.replaceSubrange(r, with: b) }
        return s
    }
}
