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

    // MARK: Which dates anchor events

    func anchorsEvent(_ t: TimeExpression, in s: [Unicode.Scalar], document: SourceDocument,
                      scratch: DocumentScratch? = nil) -> Bool {
        if document.metadataRanges.contains(where: { $0.overlaps(t.start..<t.end) }) { return false }
        switch t.type {
        case .date: break
        case .duration: guard t.edtf != nil else { return false }  // "the past decade" is placeable
        // A time with its day ("3 p.m. on 5 March 2010", "Friday night") dates the event by that day; a clock
        // alone has no EDTF (its day is the DCT's only by convention).
        case .time: guard t.edtf != nil else { return false }
        case .set: return false
        }
        if t.value.hasSuffix("_REF") { return false }
        let lowered = t.text.lowercased()
        if lexicon.titleRules.presentDeictics.contains(lowered) { return false }
        let back: Int?
        if let scratch {
            if scratch.backMatterStart == nil { scratch.backMatterStart = .some(backMatterStart(in: s, lineBreaks: scratch.lineBreaks)) }
            back = scratch.backMatterStart ?? nil
        } else {
            back = backMatterStart(in: s)
        }
        if let back, t.start >= back { return false }
        if isLifespan(t, in: s) { return false }
        if isStamp(t, in: s, scratch: scratch) || isInNumberSequence(t, in: s)
            || lexicon.index.wireDateline.isDateline(t.start, t.end, in: s)
            || isInHeading(t, in: s, document: document, scratch: scratch) { return false }
        let index = lexicon.index
        let before = precedingWords(s, before: t.start, count: 3)
        // On ASCII text, an ASCII suffix is a byte suffix (a non-ASCII cue is still compared as a String: one may
        // be canonically equivalent to ASCII).
        let beforeBytes: [UInt8]? = before.isASCII ? Array(before.utf8) : nil
        func hasSuffix(_ suffix: String, _ bytes: [UInt8]?) -> Bool {
            if let beforeBytes, let bytes {
                return beforeBytes.count >= bytes.count && beforeBytes[(beforeBytes.count - bytes.count)...].elementsEqual(bytes)
            }
            return before.hasSuffix(suffix)
        }
        for k in index.comparisonCues.indices {
            let cue = index.comparisonCues[k]
            if hasSuffix(index.comparisonCuesSpaced[k], index.comparisonCuesSpacedBytes[k])
                || !cue.first!.isASCII && before.hasSuffix(cue) {
                return false
            }
        }
        if !EventExtractor.isExplicit(t.text) {
            for k in index.relativeComparisonCuesSpaced.indices
            where hasSuffix(index.relativeComparisonCuesSpaced[k], index.relativeComparisonCuesSpacedBytes[k]) {
                return false
            }
            // `up 3% on last year` compares with a period; `on Friday`, `on March 1` tell a day.
            let day = t.edtf.map { ($0.split(separator: "/").first?.utf8.count ?? 0) >= 10 } ?? false
            if !day {
                for k in index.periodComparisonCuesSpaced.indices
                where hasSuffix(index.periodComparisonCuesSpaced[k], index.periodComparisonCuesSpacedBytes[k]) {
                    return false
                }
            }
            if let edtf = t.edtf, let date = EDTF(edtf), let dct = document.date, date.start > dct { return false }
            let clause = precedingWords(s, before: t.start, count: 8)
            let cues = index.conditionalCuesSpaced
            if TextSearch.mayContain(any: index.conditionalCuePhrases, in: clause) ?? cues.contains(where: { clause.contains($0) }) {
                return false
            }
        }
        return true
    }

    /// A byline, footer or publication stamp: `© 2014`, `Posted 2025-03-14`, a date followed by a clock
    /// time (`2025-03-14 11:02`), or a line of `|`-separated navigation items.
    func isStamp(_ t: TimeExpression, in s: [Unicode.Scalar], scratch: DocumentScratch? = nil) -> Bool {
        let before = precedingWords(s, before: t.start, count: 4)
        let markers = lexicon.titleRules.stampMarkers
        if TextSearch.mayContain(any: lexicon.index.stampMarkers, in: before) ?? markers.contains(where: { before.contains($0) }) {
            return true
        }
        var i = t.end
        while i < s.count, s[i] == " " || s[i] == "T" { i += 1 }
        if i + 4 < s.count, ("0"..."9").contains(s[i]), s[i + 1] == ":" || s[i + 2] == ":" { return true }
        let line = scratch?.line(from: t.start, to: t.end) ?? DocumentScratch.line(in: s, from: t.start, to: t.end)
        if let known = scratch?.navigationLines[line] { return known }
        var pipes = 0
        for c in s[line] where c == "|" { pipes += 1 }
        let navigation = pipes >= 2 && !EventExtractor.isTableRow(line, in: s, scratch: scratch)
        scratch?.navigationLines[line] = navigation
        return navigation
    }

    /// Whether the line `bounds` is a row of a Markdown table: it and the lines just above it hold `|`, and one
    /// of them, or the line below it, is the table's delimiter row (`|------|:---|`).
    static func isTableRow(_ bounds: Range<Int>, in s: [Unicode.Scalar], scratch: DocumentScratch? = nil) -> Bool {
        func lineStart(_ end: Int) -> Int {
            var i = end
            while i > 0, s[i - 1] != "\n" { i -= 1 }
            return i
        }
        func lineEnd(_ start: Int) -> Int {
            var i = start
            while i < s.count, s[i] != "\n" { i += 1 }
            return i
        }
        func isDelimiterRow(_ r: Range<Int>) -> Bool {
            var dashes = 0, pipes = 0
            for c in s[r] {
                switch c {
                case "-": dashes += 1
                case "|": pipes += 1
                case ":", " ", "\t", "\r": break
                default: return false
                }
            }
            return dashes >= 3 && pipes >= 1
        }
        if bounds.upperBound < s.count {
            let below = bounds.upperBound + 1
            if isDelimiterRow(below..<lineEnd(below)) { return true }
        }
        var start = lineStart(bounds.lowerBound)
        var rows = 0
        while start > 0, rows < 10_000 {
            let above = lineStart(start - 1)..<(start - 1)
            if let known = scratch?.tableRowStarts[above.lowerBound] { return known }
            if isDelimiterRow(above) {
                scratch?.tableRowStarts[lineStart(bounds.lowerBound)] = true
                return true
            }
            guard s[above].contains("|") else { break }
            start = above.lowerBound
            rows += 1
        }
        scratch?.tableRowStarts[lineStart(bounds.lowerBound)] = false
        return false
    }

    /// Where a document's back matter starts: the first line that is one of the `backMatterHeadings`
    /// (`References`, `## Further reading`, `相关阅读：`) after the first fifth of the text (and 200 scalars), if any.
    func backMatterStart(in s: [Unicode.Scalar], lineBreaks: [Int]? = nil) -> Int? {
        let headings = lexicon.index.backMatterHeadings
        guard !headings.isEmpty else { return nil }
        let breaks = lineBreaks ?? s.indices.filter { s[$0] == "\n" }
        var lineStart = 0
        for lineEnd in breaks + [s.count] {
            defer { lineStart = lineEnd + 1 }
            // Only short lines can be such a heading, only those starting as one does, and only after the text has
            // begun (a document may be titled `Notes`).
            guard lineEnd - lineStart <= 40, lineStart >= max(200, s.count / 5) else { continue }
            var first = lineStart
            while first < lineEnd, "#*=_ \t".unicodeScalars.contains(s[first]) { first += 1 }
            if first < lineEnd, lexicon.index.backMatterFirsts.contains(TextSearch.lower(s[first])) {
                let text = s.string(lineStart..<lineEnd).lowercased().trimmingCharacters(extra: "#*=:：_ \t\r")
                if headings.contains(text) { return lineStart }
            }
        }
        return nil
    }

    /// A person's years in parentheses after the name (`Fyodor Golovin (1650–1706)`, `Yerofey Khabarov (c. 1603 –
    /// 1671)`): two or more capitalised words that name no event type, then a span of twenty years or more.
    func isLifespan(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        if isInChineseLifespan(t, in: s) { return true }
        guard let edtf = t.edtf, edtf.utf8.contains(0x2F) else { return false }
        var i = t.start
        while i > 0, s[i - 1] == " " { i -= 1 }
        // `c.`, `b.`, `ca.` before the years.
        if i >= 2, s[i - 1] == ".", TextSearch.isAlphabetic(s[i - 2]) {
            var a = i - 2
            while a > 0, TextSearch.isAlphabetic(s[a - 1]) { a -= 1 }
            if i - 1 - a <= 2 { i = a }
            while i > 0, s[i - 1] == " " { i -= 1 }
        }
        // (Parsing EDTF costs more than all the rest: it comes after the cheap tests.)
        guard i > 0, s[i - 1] == "(", let date = EDTF(edtf), date.end.year - date.start.year >= 20 else { return false }
        let before = precedingWords(s, before: i - 1, count: 3)
        let names = s.string(max(0, i - 1 - 60)..<(i - 1)).split(whereSeparator: \.isWhitespace).suffix(3)
        guard names.count >= 2, names.suffix(2).allSatisfy({ $0.first?.isUppercase == true }) else { return false }
        return lexicon.eventType(of: before) == "event"
    }

    /// A date in a person's years after a Chinese name: `赫鲁晓夫（1894年4月15日—1971年9月11日）`: full-width or ASCII
    /// parentheses right after a Han character, holding two years twenty or more apart joined by a dash.
    func isInChineseLifespan(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        // Only a date written with 年 can be one (checked on the bytes: 年 is E5 B9 B4).
        guard t.text.utf8.contains(0xB4), t.text.unicodeScalars.contains("年") else { return false }
        var open = t.start
        while open > 0, t.start - open < 20, s[open - 1] != "（", s[open - 1] != "(", s[open - 1] != "\n" { open -= 1 }
        guard open > 1, s[open - 1] == "（" || s[open - 1] == "(", TextSearch.isHan(s[open - 2]) else { return false }
        var close = t.end
        while close < s.count, close - t.end < 30, s[close] != "）", s[close] != ")", s[close] != "\n" { close += 1 }
        guard close < s.count, s[close] == "）" || s[close] == ")" else { return false }
        let inner = s[open..<close]
        guard inner.contains(where: { "—－-–~～至".unicodeScalars.contains($0) }) else { return false }
        var years: [Int] = []
        var run = 0, value = 0
        for c in inner {
            if ("0"..."9").contains(c) {
                run += 1
                value = value * 10 + Int(c.value - 0x30)
            } else {
                if run == 4 { years.append(value) }
                run = 0; value = 0
            }
        }
        if run == 4 { years.append(value) }
        return years.count == 2 && years[1] - years[0] >= 20
    }

    /// Part of a phone number or a longer run of digit groups (`+7 495 1969 2014`, `010-6512 1969`).
    func isInNumberSequence(_ t: TimeExpression, in s: [Unicode.Scalar]) -> Bool {
        func digit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        var i = t.start - 1
        if i >= 0, s[i] == " " || s[i] == "-" || s[i] == "." {
            i -= 1
            if i >= 0, digit(s[i]) { return true }
        }
        var j = t.end
        if j < s.count, s[j] == " " || s[j] == "-" {
            j += 1
            if j + 1 < s.count, digit(s[j]), digit(s[j + 1]) { return true }
        }
        return false
    }

    /// In a heading: a Markdown `#` line, or a document's first line when it is short and has no final
    /// punctuation (a title such as "From Alliance to Rupture: Moscow and Beijing Before 1991").
    func isInHeading(_ t: TimeExpression, in s: [Unicode.Scalar], document: SourceDocument,
                     scratch: DocumentScratch? = nil) -> Bool {
        let bounds = scratch?.line(from: t.start, to: t.end) ?? DocumentScratch.line(in: s, from: t.start, to: t.end)
        if let known = scratch?.headingLines[bounds] { return known }
        let answer = isHeading(bounds, in: s, document: document)
        scratch?.headingLines[bounds] = answer
        return answer
    }

    private func isHeading(_ bounds: Range<Int>, in s: [Unicode.Scalar], document: SourceDocument) -> Bool {
        let lo = bounds.lowerBound
        // An ASCII line that is not the document's first and with no title to look for: a heading only when its
        // first non-blank byte is `#` (what the trimmed line's `hasPrefix("#")` says for ASCII), so the line's
        // text is not needed.
        if document.title?.isEmpty ?? true, !s[bounds].contains(where: { $0.value >= 0x80 }) {
            let firstContent = s.firstIndex { !SentenceSplitter.isSpace($0) } ?? 0
            if lo > firstContent {
                let first = s[bounds].first { !SentenceSplitter.isSpace($0) }
                return first == "#"
            }
        }
        let line = s.string(bounds).trimmingCharacters()
        if line.hasPrefix("#") { return true }
        if let title = document.title, !title.isEmpty, line.contains(title) { return true }
        let firstContent = s.firstIndex { !SentenceSplitter.isSpace($0) } ?? 0
        guard lo <= firstContent else { return false }
        let words = line.split(separator: " ").count
        let last = line.unicodeScalars.last ?? " "
        return words <= 14 && !".!?。！？\"”".unicodeScalars.contains(last)
    }

    /// Whether the expression states its year (digits of a year, a decade or a century) rather than
    /// depending on the document date.
    static func isExplicit(_ text: String) -> Bool {
        // Three digits or more (`1969`, `1971–72`, `1990s`), two after an apostrophe (`'99`), or two Chinese
        // numerals before 年 (`九十年代`, `二〇一九年`). Two digits alone are a day or a clock (`May 16`, `7:30`).
        var run = 0, hanRun = 0
        var previous: Unicode.Scalar = " ", beforeRun: Unicode.Scalar = " "
        for u in text.unicodeScalars {
            if ("0"..."9").contains(u) || ("０"..."９").contains(u) {
                if run == 0 { beforeRun = previous }
                run += 1
                if run >= 3 || (run == 2 && (beforeRun == "'" || beforeRun == "’")) { return true }
            } else {
                run = 0
            }
            if "〇零一二三四五六七八九".unicodeScalars.contains(u) {
                hanRun += 1
            } else {
                if u == "年", hanRun >= 2 { return true }
                hanRun = 0
            }
            previous = u
        }
        // Literally absent from simple text: absent for `contains` too.
        let scalars = Array(text.unicodeScalars)
        if TextSearch.isSimple(scalars), !TextSearch.containsLiteral(EventExtractor.century, in: scalars) { return false }
        return text.contains("世纪")
    }

    static let century = Array("世纪".unicodeScalars)

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

    /// The quote span for each date of one sentence: the whole sentence for a single date; otherwise the
    /// sentence is cut at clause boundaries so each date keeps the clauses up to the next date's clause.
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
            title = personTitle(title, segment: segment, in: s)
        }
        let found = lexicon.entities(inScalars: seg)
        var actors = found.filter { $0.entity.kind == .actor }.map(\.entity.name)
        // A title whose pronoun subject was named ("China and Russia took part in drills") names actors too.
        for e in lexicon.entities(in: title) where e.entity.kind == .actor && !actors.contains(e.entity.name) {
            actors.append(e.entity.name)
        }
        let places = found.filter { $0.entity.kind == .place }.map(\.entity.name)
        let raw = document.rawOffset(segment.lowerBound)..<document.rawOffset(segment.upperBound)
        return ExtractedMention(
            document: document.id, textSpan: segment, rawSpan: raw, quote: quote, dateText: t.text,
            dateSpan: t.start..<t.end, edtf: t.edtf, title: title, titleQuality: quality,
            type: eventType(title: title, quote: quote), actors: actors, places: places, language: language,
            sentence: sentence)
    }

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
    func personTitle(_ title: String, segment: Range<Int>, in s: [Unicode.Scalar]) -> String {
        let pronoun: String
        if title.hasPrefix("He ") { pronoun = "He " } else if title.hasPrefix("She ") { pronoun = "She " } else { return title }
        let before = s.string(max(0, segment.lowerBound - 400)..<segment.lowerBound)
        guard let person = lexicon.entities(in: before).last(where: { $0.entity.isPerson })?.entity.name else { return title }
        return titles.finish(person + " " + title.dropFirst(pronoun.count))
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
        guard let first = words.first, first == "Which" || first == "Who", words.count >= 2 else { return title }
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

    /// The type the title's own words give, else the quote's.
    func eventType(title: String, quote: String) -> String {
        let fromTitle = lexicon.eventType(of: title)
        return fromTitle != "event" ? fromTitle : lexicon.eventType(of: quote)
    }

    // MARK: Relations

    /// Relations stated by a cue between two dated mentions of one sentence (`A led to B`, `A after B`,
    /// `由于A，B`).
    func statedRelations(_ mentions: [ExtractedMention], from first: Int, sentence: Range<Int>,
                         in s: [Unicode.Scalar], document: SourceDocument) -> [ExtractedRelation] {
        guard mentions.count - first >= 2 else { return [] }
        var out: [ExtractedRelation] = []
        func evidence(_ a: ExtractedMention, _ b: ExtractedMention) -> Evidence {
            Evidence(document: document.id, span: [a.rawSpan.lowerBound, b.rawSpan.upperBound].sorted(),
                     quote: s.string(min(a.textSpan.lowerBound, b.textSpan.lowerBound)..<max(a.textSpan.upperBound, b.textSpan.upperBound)))
        }
        let cues = lexicon.index.cuesLongestFirst
        let finder = lexicon.index.cueFinderLongestFirst
        for i in first..<(mentions.count - 1) {
            let a = mentions[i], b = mentions[i + 1]
            guard a.dateSpan != b.dateSpan, a.edtf != b.edtf || a.title != b.title else { continue }
            let between = a.dateSpan.upperBound..<b.dateSpan.lowerBound
            let head = sentence.lowerBound..<a.dateSpan.lowerBound
            // The first occurrence of every cue in each region, in one pass per region.
            let inHead = finder.firstOffsets(in: s, from: head.lowerBound, to: head.upperBound)
            let inBetween = finder.firstOffsets(in: s, from: between.lowerBound, to: between.upperBound)
            for j in cues.indices where inHead[j] >= 0 || inBetween[j] >= 0 {
                let cue = cues[j].cue
                if i == first, cue.direction != .forwardFromCue, inHead[j] >= 0,
                   !s[head.lowerBound..<inHead[j]].contains(where: { !SentenceSplitter.isSpace($0) }),
                   !s[inHead[j]..<a.dateSpan.lowerBound].contains(where: EventExtractor.clausePunctuation.contains),
                   s[between].contains(where: EventExtractor.clausePunctuation.contains) {
                    // A cue opening the sentence ("Following B, A", "As a result of B, A") reads as "A cue B":
                    // its B is the first event (in the cue's clause), its A the second (after that clause).
                    var type = RelationType(rawValue: cue.type) ?? .precedes
                    var (from, to) = cue.direction == .backward ? (i, i + 1) : (i + 1, i)
                    if type == .responseTo, cue.ambiguous == true, !EventExtractor.reactionTypes.contains(b.type) {
                        type = .precedes
                        (from, to) = (i, i + 1)
                    }
                    out.append(ExtractedRelation(from: from, to: to, type: type, evidence: evidence(a, b)))
                    break
                }
                let region = cue.direction == .forwardFromCue ? head : between
                let found = cue.direction == .forwardFromCue ? inHead[j] : inBetween[j]
                guard region.lowerBound < region.upperBound, found >= 0 else { continue }
                var type = RelationType(rawValue: cue.type) ?? .precedes
                var (from, to) = cue.direction == .backward ? (i + 1, i) : (i, i + 1)
                if type == .responseTo, cue.direction == .forward, cue.ambiguous == true {
                    // "A following B": A responds to B when A is a reaction; otherwise B simply precedes A.
                    if ["sanctions", "statement", "diplomacy", "economy"].contains(a.type) {
                        (from, to) = (i, i + 1)
                    } else {
                        type = .precedes
                        (from, to) = (i + 1, i)
                    }
                }
                out.append(ExtractedRelation(from: from, to: to, type: type, evidence: evidence(a, b)))
                break
            }
        }
        return out
    }

    /// A relation between this sentence's first event and an earlier event, stated with a cue whose other side
    /// refers back: a demonstrative ("this pressure promoted ...", "... grew out of that fear": the latest dated
    /// event of the two sentences before) or a definite event noun ("In response to the clash, ...": the latest
    /// event of that noun's type in the three sentences before).
    func anaphoricRelation(_ mentions: [ExtractedMention], current: Int, sentence: Range<Int>,
                           in s: [Unicode.Scalar], document: SourceDocument) -> ExtractedRelation? {
        guard current > 0, current < mentions.count else { return nil }
        let cur = mentions[current], prev = mentions[current - 1]
        guard prev.sentence < cur.sentence else { return nil }
        let lowered = Array(s[sentence].map(TextSearch.lower))
        let index = lexicon.index
        // Where each cue first occurs (English: as a whole word), found in one pass.
        let firstAt = index.cueFinderLongestFirst.firstOffsets(in: lowered)
        // Only the cues found, in the same order (not copying the others).
        for j in firstAt.indices where firstAt[j] >= 0 {
            let prepared = index.cuesLongestFirst[j]
            guard prepared.cue.direction != .forwardFromCue else { continue }
            let cue = prepared.cue
            let needle = prepared.scalars
            let at = firstAt[j]
            // Before the cue, the anaphor opens the cue's clause ("..., this pressure promoted"), so that a
            // relative pronoun ("a flight that prompted") does not count.
            var clauseStart = at
            while clauseStart > 0, !EventExtractor.clausePunctuation.contains(lowered[clauseStart - 1]) { clauseStart -= 1 }
            var before = lowered.string(clauseStart..<at).trimmingCharacters()
            // "In 1987 this exercise led to": the date and its preposition do not count as the clause opening.
            if let r = TextSearch.range(of: cur.dateText.lowercased(), in: before) {
                before.removeSubrange(r)
                before = before.trimmingCharacters()
                for prep in ["in ", "on ", "by ", "at ", "during "] where before.hasPrefix(prep) {
                    before = String(before.dropFirst(prep.count)).trimmingCharacters()
                    break
                }
            }
            let after = lowered.string((at + needle.count)..<min(lowered.count, at + needle.count + 30))
            let afterWords = EventExtractor.firstWords(after, 3)
            let firstWords = cue.zh != nil ? String(before.prefix(3))
                : before.spaceSplit().prefix(before.spaceWordCount() > 4 ? 0 : 1).joined(separator: " ")
            // A Chinese cue that holds its own anaphor (`此后`: after this) refers back by itself.
            var anaphorBefore = hasAnaphor(firstWords, zh: cue.zh != nil)
                || cue.zh.map { z in before.isEmpty && lexicon.anaphors.zh.contains { z.contains($0) } } == true
            var anaphorAfter = hasAnaphor(afterWords.joined(separator: " "), zh: cue.zh != nil)
            var antecedent = current - 1
            // The latest earlier event (three sentences back at most) of the type an event noun names.
            func latest(namedBy noun: String) -> Int? {
                let nounType = lexicon.eventType(of: noun)
                guard nounType != "event" else { return nil }
                return mentions[..<current].lastIndex {
                    $0.sentence < cur.sentence && $0.sentence >= cur.sentence - 3 && $0.edtf != nil
                        && EventExtractor.sameFamily($0.type, nounType)
                }
            }
            let beforeWords = before.spaceSplit()
            if anaphorBefore || anaphorAfter {
                guard prev.sentence >= cur.sentence - 2, prev.edtf != nil else { return nil }
            } else if cue.en != nil, afterWords.count >= 2, afterWords[0] == "the" {
                // "In response to the clash": the latest earlier event whose type the noun names.
                guard let j = latest(namedBy: String(afterWords[1])) else { continue }
                antecedent = j
                anaphorAfter = true
            } else if cue.en != nil, beforeWords.count == 2, beforeWords[0] == "the",
                      let j = latest(namedBy: String(beforeWords[1])) {
                // "The sanctions led to ...": likewise, before the cue.
                antecedent = j
                anaphorBefore = true
            } else {
                continue
            }
            // "X cue Y": X is the earlier event when the anaphor comes first.
            let (x, y) = anaphorBefore ? (antecedent, current) : (current, antecedent)
            var type = RelationType(rawValue: cue.type) ?? .precedes
            var (from, to) = cue.direction == .backward ? (y, x) : (x, y)
            if type == .responseTo, cue.ambiguous == true, !EventExtractor.reactionTypes.contains(mentions[x].type) {
                type = .precedes
                (from, to) = (y, x)
            }
            let ev = Evidence(document: document.id, span: [cur.rawSpan.lowerBound, cur.rawSpan.upperBound], quote: cur.quote)
            return ExtractedRelation(from: from, to: to, type: type, evidence: ev)
        }
        return nil
    }

    /// Types that can name one event ("the clash" for a conflict or a war).
    static func sameFamily(_ a: String, _ b: String) -> Bool {
        let family: [String: String] = ["war": "war", "conflict": "war", "diplomacy": "diplomacy",
                                         "agreement": "diplomacy", "statement": "diplomacy"]
        return a == b || (family[a] != nil && family[a] == family[b])
    }

    /// "reported losses ... in the war": the sentence's event is part of the latest earlier war in the document.
    func definiteReference(_ mentions: [ExtractedMention], current: Int, in s: [Unicode.Scalar],
                           document: SourceDocument) -> ExtractedRelation? {
        guard current > 0, current < mentions.count else { return nil }
        let cur = mentions[current]
        let lowered = cur.quote.lowercased()
        let scalars = Array(lowered.unicodeScalars)
        let simple = TextSearch.isSimple(scalars)
        let index = lexicon.index
        // Which of the simple phrases occur, in one pass.
        let occurs = simple ? index.definiteFinder.found(in: scalars) : []
        for (j, ref) in lexicon.definiteReferences.enumerated() {
            guard let phrase = ref.en ?? ref.zh else { continue }
            // On simple text a literal search finds what Foundation's `contains` finds, without bridging.
            if simple, index.definiteSimple[j] {
                guard occurs[j] else { continue }
            } else {
                guard lowered.contains(phrase) else { continue }
            }
            guard let antecedent = mentions[..<current].lastIndex(where: {
                $0.sentence < cur.sentence && ref.types.contains($0.type) && $0.edtf != nil
            }), !ref.types.contains(cur.type) || mentions[antecedent].edtf != cur.edtf else { continue }
            return ExtractedRelation(from: current, to: antecedent, type: .partOf,
                                     evidence: Evidence(document: document.id, span: [cur.rawSpan.lowerBound, cur.rawSpan.upperBound],
                                                        quote: cur.quote))
        }
        return nil
    }

    static let clausePunctuation = Array(",;:，；：".unicodeScalars)

    /// The first `count` words of `text` split at characters that are neither letters nor `-`; on ASCII text by
    /// bytes (each byte a character, but CR LF, which splits either way).
    static func firstWords(_ text: String, _ count: Int) -> [String] {
        guard text.isASCII else {
            return text.split(whereSeparator: { !$0.isLetter && $0 != "-" }).prefix(count).map(String.init)
        }
        var out: [String] = []
        var word: [UInt8] = []
        for b in text.utf8 {
            if (b | 0x20) &- 0x61 < 26 || b == UInt8(ascii: "-") {
                word.append(b)
            } else if !word.isEmpty {
                out.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
                if out.count == count { return out }
            }
        }
        if !word.isEmpty, out.count < count { out.append(String(decoding: word, as: UTF8.self)) }
        return out
    }

    func hasAnaphor(_ text: String, zh: Bool) -> Bool {
        if zh { return lexicon.anaphors.zh.contains { text.contains($0) } }
        // ASCII: the words (letter runs) as bytes, searched literally for the anaphors, which is what Foundation's
        // `contains` finds when the anaphors are simple text too.
        let phrases = lexicon.index.spacedAnaphors
        if phrases.simple, text.isASCII {
            var words: [UInt8] = [0x20]
            var inWord = false, any = false
            for b in text.utf8 {
                if (b | 0x20) &- 0x61 < 26 {
                    if !inWord, any { words.append(0x20) }
                    words.append(b)
                    inWord = true
                    any = true
                } else {
                    inWord = false
                }
            }
            words.append(0x20)
            if !any { words.append(0x20) }
            let hay = words.map { Unicode.Scalar($0) }
            return phrases.finder.any(in: hay)
        }
        let words = " " + text.split(whereSeparator: { !$0.isLetter }).joined(separator: " ") + " "
        return lexicon.anaphors.en.contains { words.contains(" " + $0 + " ") }
    }
}

/// What one extraction computes at most once per document.
final class DocumentScratch {
    let s: [Unicode.Scalar]
    init(_ s: [Unicode.Scalar]) { self.s = s }
    /// The text with ASCII capitals lowered (offsets unchanged).
    lazy var lower: [Unicode.Scalar] = s.map(TextSearch.lower)
    /// ``EventExtractor/mainActors(document:in:)``, once computed.
    var mainActors: [String]?
    /// ``EventExtractor/mainActors(document:in:statesOnly:)`` of states only, once computed.
    var mainStates: [String]?
    /// ``EventExtractor/backMatterStart(in:)`` once computed (nil: not yet; `.some(nil)`: the document has none).
    var backMatterStart: Int??
    /// Facts about lines (see ``line(from:to:)``), once computed.
    var headingLines: [Range<Int>: Bool] = [:]
    var navigationLines: [Range<Int>: Bool] = [:]
    /// Whether the line starting at an offset is a Markdown table row (``EventExtractor/isTableRow(_:in:scratch:)``).
    var tableRowStarts: [Int: Bool] = [:]
    /// Offsets of the line breaks of `s`.
    private lazy var breaks: [Int] = s.indices.filter { s[$0] == "\n" }
    var lineBreaks: [Int] { breaks }

    /// From the start of the line holding `start` to the line break at or after `end` (or the end of the text).
    func line(from start: Int, to end: Int) -> Range<Int> {
        // The first break at or after an offset, by binary search.
        func firstBreak(atOrAfter x: Int) -> Int {
            var lo = 0, hi = breaks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if breaks[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let k = firstBreak(atOrAfter: start)
        let lo = k == 0 ? 0 : breaks[k - 1] + 1
        let b = firstBreak(atOrAfter: end)
        let hi = b < breaks.count ? breaks[b] : s.count
        return min(lo, start)..<max(hi, end)
    }

    static func line(in s: [Unicode.Scalar], from start: Int, to end: Int) -> Range<Int> {
        var lo = start, hi = end
        while lo > 0, s[lo - 1] != "\n" { lo -= 1 }
        while hi < s.count, s[hi] != "\n" { hi += 1 }
        return lo..<hi
    }
}
