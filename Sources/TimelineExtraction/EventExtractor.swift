import TimelineCorpus
import TimelineModel
import TimelineTemporal

/// Finds the dated events a document states: one mention per date expression that anchors an event,
/// with its quote (the sentence, or the clause when a sentence holds several dates), a short title,
/// a type, actors and places from the lexicons, and the relations the sentence states between them.
///
/// Dates that anchor no event are skipped: metadata (datelines, front matter), references to the
/// present (`now`, `today`), comparison bases (`up 26% from the previous year`), and relative
/// expressions that point past the document's date in a hypothetical (`if attacked tomorrow`).
public struct EventExtractor: Sendable {
    public let lexicon: Lexicon
    public let tagger: TemporalTagger
    let titles: TitleMaker

    public init(lexicon: Lexicon = .shared, tagger: TemporalTagger = .shared) {
        self.lexicon = lexicon
        self.tagger = tagger
        self.titles = TitleMaker(lexicon: lexicon)
    }

    public func extract(_ document: SourceDocument) -> DocumentExtraction {
        let s = TextSearch.scalars(document.text)
        let scratch = DocumentScratch(s)
        let timexes = tagger.tag(document.text, dct: document.date, language: .auto)
            .filter { anchorsEvent($0, in: s, document: document, scratch: scratch) }
        let sentences = SentenceSplitter.sentences(in: s)

        // Group the date expressions by sentence.
        var bySentence: [Int: [TimeExpression]] = [:]
        var si = 0
        for t in timexes {
            while si < sentences.count, sentences[si].upperBound <= t.start { si += 1 }
            guard si < sentences.count, sentences[si].contains(t.start) else { continue }
            bySentence[si, default: []].append(t)
        }

        var mentions: [ExtractedMention] = []
        var relations: [ExtractedRelation] = []
        for index in bySentence.keys.sorted() {
            let sentence = sentences[index]
            let dates = withoutRestatedPeriods(bySentence[index]!, sentence: sentence, in: s)
            let segments = segmentsFor(dates, sentence: sentence, in: s)
            let firstInSentence = mentions.count
            for (t, seg) in zip(dates, segments) {
                // A quote always holds its whole date expression (one may straddle a clause boundary).
                let quote = min(seg.lowerBound, t.start)..<max(seg.upperBound, t.end)
                mentions.append(makeMention(t, segment: quote, sentence: index, in: s, document: document, scratch: scratch))
            }
            // `It` opening a title stands for the event the sentence before named (`The Treaty of Nerchinsk (1689) was
            // the first … It was signed on 27 August 1689` → `Treaty of Nerchinsk was signed`).
            for k in firstInSentence..<mentions.count where mentions[k].title.hasPrefix("It ") && firstInSentence > 0 {
                let before = mentions[firstInSentence - 1]
                // The event before must be named: a title of capitalised words (and `of`, `the`).
                let words = before.title.spaceSplit()
                guard before.sentence == mentions[k].sentence - 1, before.language == "en", words.count <= 6,
                      words.allSatisfy({ $0 == "of" || $0 == "the" || $0.first?.isUppercase == true }) else { continue }
                mentions[k].title = titles.finish(before.title + " " + mentions[k].title.dropFirst(3))
            }
            // Another date of the sentence is no part of a title (`besieged the fort in 1685 and again in 1686`).
            if dates.count > 1 {
                for k in firstInSentence..<mentions.count where mentions[k].language == "en" {
                    let others = dates.map(\.text).filter { $0 != mentions[k].dateText }
                    mentions[k].title = titleWithout(others, from: mentions[k].title)
                }
            }
            // A clause with nothing but the date and adverbs (`…, most famously in August 1998`) tells the event of
            // the clause before it.
            for k in (firstInSentence + 1)..<max(firstInSentence + 1, mentions.count) where isWeakTitle(mentions[k].title) {
                mentions[k].title = mentions[k - 1].title
                mentions[k].titleQuality = 0
                mentions[k].type = mentions[k - 1].type
            }
            relations += statedRelations(mentions, from: firstInSentence, sentence: sentence, in: s, document: document)
            if dates.count == 1,
               let r = compoundStatement(firstInSentence, mentions: &mentions, sentence: sentence, in: s, document: document,
                                         scratch: scratch) {
                relations.append(r)
            }
            if let r = anaphoricRelation(mentions, current: firstInSentence, sentence: sentence, in: s, document: document) {
                relations.append(r)
            } else if let r = definiteReference(mentions, current: firstInSentence, in: s, document: document) {
                relations.append(r)
            }
        }
        relations += discourseRelations(mentions, sentences: sentences, in: s, document: document)
        return DocumentExtraction(document: document.id, mentions: mentions, relations: relations)
    }

    func precedingWords(_ s: [Unicode.Scalar], before offset: Int, count: Int) -> String {
        var i = offset
        var words = 0
        var inWord = false
        var ascii = true
        while i > 0 {
            let c = s[i - 1]
            if TextSearch.isHan(c) { if words >= count { break }; words += 1; i -= 1; ascii = false; continue }
            if TextSearch.isAlphabetic(c) { inWord = true } else if inWord { words += 1; inWord = false; if words >= count { break } }
            switch c {
            case ".", ";", "!", "?", "。", "；", "\n": break
            default:
                if c.value >= 0x80 { ascii = false }
                i -= 1
                continue
            }
            break
        }
        guard ascii else { return " " + s.string(i..<offset).lowercased().collapsingSpaces().trimmingCharacters() }
        // ASCII: lower-case, collapse whitespace runs to one space and trim, scalar by scalar.
        var out: [UInt8] = [0x20]
        out.reserveCapacity(offset - i + 1)
        var pendingSpace = false, emitted = false
        for c in s[i..<offset] {
            if c == " " || c.value &- 0x09 < 5 {
                pendingSpace = emitted
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(UInt8(TextSearch.lower(c).value))
                emitted = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Quotes

    /// The dates of a sentence without a period that only restates the date a clause of its own opened with:
    /// in `上周三，一艘中国集装箱船完成了今年第十次北极航行` (`On Wednesday, a ship made its tenth voyage this year`),
    /// `今年` counts voyages within the year that contains Wednesday; the event is Wednesday's.
    func withoutRestatedPeriods(_ dates: [TimeExpression], sentence: Range<Int>, in s: [Unicode.Scalar]) -> [TimeExpression] {
        guard dates.count >= 2 else { return dates }
        let clauses = SentenceSplitter.clauses(in: s, sentence: sentence)
        guard clauses.count > 1 else { return dates }
        func clause(of t: TimeExpression) -> Int? { clauses.firstIndex { $0.contains(t.start) } }
        let preps = lexicon.index.datePrepositions
        var dropped = Set<Int>()
        for i in 0..<(dates.count - 1) where !dropped.contains(i) {
            let t = dates[i], next = dates[i + 1]
            guard let c = clause(of: t), t.end <= clauses[c].upperBound, clause(of: next) == c + 1,
                  let inner = t.edtf.flatMap(EDTF.init), let outer = next.edtf.flatMap(EDTF.init),
                  outer.start <= inner.start, inner.end <= outer.end, (outer.start, outer.end) != (inner.start, inner.end)
            else { continue }
            // The date's clause holds nothing but the date and a preposition (`On Wednesday,`, `上周三，`).
            let rest = (s.string(clauses[c].lowerBound..<t.start) + " " + s.string(t.end..<clauses[c].upperBound))
                .lowercased().unicodeScalars.filter { TextSearch.isWordScalar($0) || $0 == " " }
            let words = String(String.UnicodeScalarView(rest)).spaceSplit().map(String.init)
            guard words.allSatisfy({ preps.contains($0) }) else { continue }
            dropped.insert(i + 1)
        }
        return dropped.isEmpty ? dates : dates.indices.filter { !dropped.contains($0) }.map { dates[$0] }
    }

    /// The quote span for each date of one sentence: the whole sentence for a single date; otherwise the
    /// sentence is cut at clause boundaries so each date keeps the clauses up to the next date's clause.
    func segmentsFor(_ dates: [TimeExpression], sentence: Range<Int>, in s: [Unicode.Scalar]) -> [Range<Int>] {
        if dates.count == 1 { return [sentence] }
        let clauses = SentenceSplitter.clauses(in: s, sentence: sentence)
        guard clauses.count > 1 else { return dates.map { _ in sentence } }
        let clauseOf: [Int] = dates.map { t in clauses.firstIndex { $0.contains(t.start) || $0.lowerBound > t.start } ?? clauses.count - 1 }
        let distinct = Array(Set(clauseOf)).sorted()
        return clauseOf.map { c in
            let g = distinct.firstIndex(of: c)!
            let from = g == 0 ? 0 : c
            let to = g == distinct.count - 1 ? clauses.count - 1 : distinct[g + 1] - 1
            return clauses[from].lowerBound..<clauses[max(from, to)].upperBound
        }
    }

    func makeMention(_ t: TimeExpression, segment: Range<Int>, sentence: Int, in s: [Unicode.Scalar],
                     document: SourceDocument, scratch: DocumentScratch? = nil) -> ExtractedMention {
        let seg = Array(s[segment])
        let quote = seg.string(0..<seg.count)
        let han = seg.lazy.filter(TextSearch.isHan).count
        let latin = seg.lazy.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        let language = han * 2 > latin ? "zh" : "en"
        // Footnote marks (`[3]`) are no words of a title.
        let (bare, dateInSeg) = SentenceSplitter.withoutFootnoteMarks(seg, keep: (t.start - segment.lowerBound)..<(t.end - segment.lowerBound))
        var (title, quality) = titles.title(quote: bare, date: dateInSeg, language: language)
        if language == "en" {
            title = resolvePronouns(title, document: document, in: s, scratch: scratch)
            title = antecedentTitle(title, segment: segment, in: s)
            title = personTitle(title, segment: segment, in: s, scratch: scratch)
        }
        let found = lexicon.entities(inScalars: seg)
        var actors = found.filter { $0.entity.kind == .actor }.map(\.entity.name)
        // A title whose pronoun subject was named ("China and Russia took part in drills") names actors too.
        for e in lexicon.entities(in: title) where e.entity.kind == .actor && !actors.contains(e.entity.name) {
            actors.append(e.entity.name)
        }
        var places = found.filter { $0.entity.kind == .place }.map(\.entity.name)
        if language == "en" {
            // The names of the quote, and those of the sentences just before that the title took
            // (`succeeded by Priya Natarajan, who had joined the firm in 2011` → `Priya Natarajan had joined`).
            var titleScalars: [Unicode.Scalar]?
            let all = names(in: s, scratch: scratch)
            for name in all[EventExtractor.firstName(atOrAfter: segment.lowerBound - 600, in: all)...] {
                guard name.range.upperBound <= segment.upperBound else { break }
                if name.range.lowerBound < segment.lowerBound {
                    if titleScalars == nil { titleScalars = Array(title.unicodeScalars) }
                    guard TextSearch.first(Array(s[name.range]), in: titleScalars!) != nil else { continue }
                }
                if name.kind == .place {
                    if !places.contains(name.text) { places.append(name.text) }
                } else if !actors.contains(name.text) {
                    actors.append(name.text)
                }
            }
        }
        let raw = document.rawOffset(segment.lowerBound)..<document.rawOffset(segment.upperBound)
        return ExtractedMention(
            document: document.id, textSpan: segment, rawSpan: raw, quote: quote, dateText: t.text,
            dateSpan: t.start..<t.end, edtf: t.edtf, title: title, titleQuality: quality,
            type: eventType(title: title, quote: quote), actors: actors, places: places, language: language,
            sentence: sentence)
    }

    /// The names of the document that the lexicon does not list (``NameFinder``), computed once per document.
    func names(in s: [Unicode.Scalar], scratch: DocumentScratch?) -> [NameFinder.Name] {
        if let found = scratch?.names { return found }
        var keep: [String: Bool] = [:]
        let found = lexicon.names.names(in: s).filter { name in
            if let k = keep[name.text] { return k }
            // A name that holds a listed one (`Bank of China`) is left to the lexicon, and one that ends in a listed
            // adjective (`Chinese`, `South Korean`) modifies a noun.
            var k = lexicon.entities(in: name.text).isEmpty
            if !k, lexicon.entities(in: name.text, nounsOnly: true).isEmpty, let space = name.text.lastIndex(of: " ") {
                k = lexicon.entities(in: String(name.text[name.text.index(after: space)...])).isEmpty
            }
            keep[name.text] = k
            return k
        }
        scratch?.names = found
        return found
    }

    /// The index of the first of `names` (in text order) that starts at or after `offset`, by binary search.
    static func firstName(atOrAfter offset: Int, in names: [NameFinder.Name]) -> Int {
        var lo = 0, hi = names.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if names[mid].range.lowerBound < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The type the title's own words give, else the quote's.
    func eventType(title: String, quote: String) -> String {
        let fromTitle = lexicon.eventType(of: title)
        return fromTitle != "event" ? fromTitle : lexicon.eventType(of: quote)
    }
}
