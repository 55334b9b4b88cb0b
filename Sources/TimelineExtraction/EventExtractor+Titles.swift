import TimelineCorpus
import TimelineModel
import TimelineTemporal

/// Titles mended with the rest of the document: the pronoun or relative pronoun that opens them named, the
/// other dates of their sentence left out, a clause of adverbs recognised.
extension EventExtractor {
    /// `title` without the date expressions `dates` (and a preposition before each), and without the words
    /// that they leave dangling at its end (`and again`).
    func titleWithout(_ dates: [String], from title: String) -> String {
        guard dates.contains(where: { TextSearch.containsLiteral(Array($0.utf8), inUTF8: title) }) else { return title }
        var words = title.spaceSplit().map(String.init)
        var changed = false
        for d in dates {
            let dw = d.spaceSplit().map(String.init)
            guard !dw.isEmpty, words.count > dw.count else { continue }
            for start in stride(from: words.count - dw.count, through: 0, by: -1)
            where words[start..<(start + dw.count)].map({ $0.trimmingCharacters(extra: ",.;:") }) == dw {
                var lo = start
                if lo > 0, lexicon.index.datePrepositions.contains(words[lo - 1].lowercased()) { lo -= 1 }
                words.removeSubrange(lo..<(start + dw.count))
                changed = true
                break
            }
        }
        guard changed else { return title }
        while words.count > 2, let last = words.last, EventExtractor.danglingWords.contains(last.lowercased()) {
            words.removeLast()
        }
        return words.isEmpty ? title : titles.finish(words.joined(separator: " "))
    }

    static let danglingWords: Set<String> = ["and", "or", "but", "again", "then", "also", "both", "as", "well"]

    /// A title opened by `He` or `She` names the person named last before its sentence (at most 400 scalars
    /// back): `Xi Jinping landed in Moscow … He and Vladimir Putin signed` → `Xi Jinping and Vladimir Putin signed`.
    /// Without a listed person there, the person the document last made the subject of a sentence (a name of
    /// ``NameFinder`` opening a sentence or a clause, at most 1,500 scalars back): `Born in Grenoble, Aubel studied
    /// … She married the physicist Louis Fabre.` → `Aubel married the physicist Louis Fabre`.
    func personTitle(_ title: String, segment: Range<Int>, in s: [Unicode.Scalar], scratch: DocumentScratch? = nil) -> String {
        let pronoun: String
        if title.hasPrefix("He ") { pronoun = "He " } else if title.hasPrefix("She ") { pronoun = "She " } else { return title }
        let before = s.string(max(0, segment.lowerBound - 400)..<segment.lowerBound)
        if let person = lexicon.entities(in: before).last(where: { $0.entity.isPerson })?.entity.name {
            return titles.finish(person + " " + title.dropFirst(pronoun.count))
        }
        let from = max(0, segment.lowerBound - 1500)
        let all = names(in: s, scratch: scratch)
        let subjects = all[EventExtractor.firstName(atOrAfter: from, in: all)...].prefix { $0.range.upperBound <= segment.lowerBound }.filter { n in
            guard n.kind == .person, n.isSure else { return false }
            // A subject opens its sentence or follows the comma of an opening phrase, and a lower-case word (its
            // verb) follows it: not `…, Du Pont's chairman`.
            var i = n.range.lowerBound
            while i > 0, SentenceSplitter.isSpace(s[i - 1]) { i -= 1 }
            guard i == 0 || [",", ".", "!", "?", "\n"].contains(s[i - 1]) else { return false }
            var j = n.range.upperBound
            guard j < s.count, s[j] == " " else { return false }
            while j < s.count, s[j] == " " { j += 1 }
            return j < s.count && ("a"..."z").contains(s[j])
        }
        // Only one person the text was about: with two, the pronoun may be either's.
        guard let subject = subjects.last, subjects.allSatisfy({ $0.text == subject.text }) else { return title }
        return titles.finish(s.string(subject.range) + " " + title.dropFirst(pronoun.count))
    }

    /// Whether a title holds only words that make no title (`Most famously`): adverbs in `-ly` and
    /// `weakTitleWords`.
    func isWeakTitle(_ title: String) -> Bool {
        let weak = lexicon.index.weakTitleWords
        let words = title.lowercased().spaceSplit()
        return !words.isEmpty && words.allSatisfy { w in
            let word = String(w).trimmingCharacters(extra: ",.;:")
            return weak.contains(word) || (word.hasSuffix("ly") && word.count > 3 && word.allSatisfy(\.isLetter))
        }
    }

    /// A title made of a relative clause (`the invasion of Ukraine, which began on February 24, 2022` gives
    /// `Which began`) names the noun phrase before its comma instead of the pronoun: `Invasion of Ukraine began`.
    func antecedentTitle(_ title: String, segment: Range<Int>, in s: [Unicode.Scalar]) -> String {
        guard title.hasPrefix("Which ") || title.hasPrefix("Who ") else { return title }
        let words = title.spaceSplit()
        var i = segment.lowerBound
        while i > 0, SentenceSplitter.isSpace(s[i - 1]) { i -= 1 }
        guard i > 0, s[i - 1] == "," else { return title }
        i -= 1
        let stops = Set(lexicon.titleRules.nounPhraseStops ?? [])
        var phrase: [String] = []
        var stopped = false
        while phrase.count < 8 {
            while i > 0, SentenceSplitter.isSpace(s[i - 1]) { i -= 1 }
            var j = i
            while j > 0, TextSearch.isWordScalar(s[j - 1]) || s[j - 1] == "-" || s[j - 1] == "'" || s[j - 1] == "’" { j -= 1 }
            guard j < i else { break }
            let word = s.string(j..<i)
            if stops.contains(word.lowercased()) { stopped = true; break }
            phrase.insert(word, at: 0)
            i = j
        }
        // Only a phrase that a preposition or a conjunction opens is surely a noun phrase (not `Russia invaded
        // Ukraine`).
        guard stopped else { return title }
        if let d = phrase.first?.lowercased(), TitleMaker.determiners.contains(d) { phrase.removeFirst() }
        guard !phrase.isEmpty else { return title }
        return titles.finish((phrase + words.dropFirst().map(String.init)).joined(separator: " "))
    }
}
