import TimelineCorpus
import TimelineModel

/// Sentences that state two events around one date:
/// - a cleft, "It was not until the new premier took office in 1998 that the two governments began to talk":
///   the first event precedes the second, both dated by the one expression;
/// - a cue with the date on its far side, "With Ankara under new European sanctions following its 2016
///   crackdown on the press": the near side is an event of another type, related to the dated one by the cue.
extension EventExtractor {
    static let reactionTypes: Set<String> = ["sanctions", "statement", "diplomacy", "economy"]
    static let innerPairs = ["between the two countries", "between the two sides", "between the two nations", "between the two"]
    static let innerPairPhrases = TextSearch.PhraseSet(innerPairs)
    static let untilScalars = Array("until".unicodeScalars)
    static let thatScalars = Array("that".unicodeScalars)

    /// Adds the second event of a compound sentence, if any, and returns the relation between the two.
    func compoundStatement(_ index: Int, mentions: inout [ExtractedMention], sentence: Range<Int>,
                           in s: [Unicode.Scalar], document: SourceDocument,
                           scratch: DocumentScratch? = nil) -> ExtractedRelation? {
        let m = mentions[index]
        guard m.language == "en" else { return nil }
        let scratch = scratch ?? DocumentScratch(s)
        let lower = scratch.lower
        if let r = cleft(index, mentions: &mentions, sentence: sentence, lower: lower, in: s, document: document,
                         scratch: scratch) {
            return r
        }
        return cueSplit(index, mentions: &mentions, sentence: sentence, lower: lower, in: s, document: document,
                        scratch: scratch)
    }

    private func cleft(_ index: Int, mentions: inout [ExtractedMention], sentence: Range<Int>, lower: [Unicode.Scalar],
                       in s: [Unicode.Scalar], document: SourceDocument, scratch: DocumentScratch) -> ExtractedRelation? {
        let m = mentions[index]
        guard let until = TextSearch.firstWord(EventExtractor.untilScalars, in: lower, caseInsensitive: true,
                                               from: sentence.lowerBound, to: m.dateSpan.lowerBound),
              let that = TextSearch.firstWord(EventExtractor.thatScalars, in: lower, caseInsensitive: true,
                                              from: m.dateSpan.upperBound, to: min(sentence.upperBound, m.dateSpan.upperBound + 12))
        else { return nil }
        var firstPart = s.string((until + 5)..<m.dateSpan.lowerBound).trimmingCharacters()
        for prep in ["in the", "in", "on", "by", "during", "at"] where firstPart.lowercased().hasSuffix(" " + prep) {
            firstPart = String(firstPart.dropLast(prep.count)).trimmingCharacters()
            break
        }
        var end = that + 4
        while end < sentence.upperBound, !".;!?".unicodeScalars.contains(s[end]) { end += 1 }
        let secondPart = s.string((that + 4)..<end).trimmingCharacters()
        guard firstPart.spaceWordCount() >= 2, secondPart.spaceWordCount() >= 3 else { return nil }
        let first = resolvePronouns(titles.finish(firstPart), document: document, in: s, scratch: scratch)
        let second = resolvePronouns(titles.finish(secondPart), document: document, in: s, scratch: scratch)
        mentions[index].title = first
        mentions[index].titleQuality = 2
        mentions[index].type = eventType(title: first, quote: firstPart)
        var other = m
        other.title = second
        other.titleQuality = 2
        other.type = eventType(title: second, quote: secondPart)
        other.actors = lexicon.entities(in: secondPart).filter { $0.entity.kind == .actor }.map(\.entity.name)
        if other.actors.isEmpty { other.actors = m.actors }
        mentions.append(other)
        return ExtractedRelation(from: index, to: mentions.count - 1, type: .precedes,
                                 evidence: Evidence(document: document.id, span: [m.rawSpan.lowerBound, m.rawSpan.upperBound],
                                                    quote: m.quote))
    }

    private func cueSplit(_ index: Int, mentions: inout [ExtractedMention], sentence: Range<Int>, lower: [Unicode.Scalar],
                          in s: [Unicode.Scalar], document: SourceDocument, scratch: DocumentScratch) -> ExtractedRelation? {
        let m = mentions[index]
        // Where each cue first occurs before the date, found in one pass.
        let firstAt = lexicon.index.cueFinder.firstOffsets(in: lower, from: sentence.lowerBound, to: m.dateSpan.lowerBound)
        let cues = lexicon.index.cues
        for j in firstAt.indices where firstAt[j] >= 0 {
            let prepared = cues[j]
            let cue = prepared.cue
            guard cue.en != nil, cue.direction != .forwardFromCue,
                  let type = RelationType(rawValue: cue.type), type != .partOf else { continue }
            let needle = prepared.scalars
            guard firstAt[j] >= 0 else { continue }
            let at = firstAt[j]
            // The date belongs to the cue's object: right after it, or anywhere in the clause the cue opens.
            let gap = s[(at + needle.count)..<m.dateSpan.lowerBound]
            let opensSentence = s[sentence.lowerBound..<at].allSatisfy { SentenceSplitter.isSpace($0) }
            guard gap.count <= 12 || (opensSentence && !gap.contains(",") && gap.count <= 90) else { continue }
            // The near side: the clause before the cue.
            var start = at
            while start > sentence.lowerBound, !",;:".unicodeScalars.contains(s[start - 1]) { start -= 1 }
            var near = s.string(start..<at).trimmingCharacters()
            for prep in ["with", "amid", "under", "as", "and", "but"] where near.lowercased().hasPrefix(prep + " ") {
                near = String(near.dropFirst(prep.count)).trimmingCharacters()
                break
            }
            var farEnd = m.dateSpan.upperBound
            while farEnd < sentence.upperBound, !",;:.".unicodeScalars.contains(s[farEnd]) { farEnd += 1 }
            // The cue's object must name an event besides the date: `before the end of the year` relates nothing.
            let object = s.string((at + needle.count)..<m.dateSpan.lowerBound) + " " + s.string(m.dateSpan.upperBound..<farEnd)
            guard object.spaceSplit().contains(where: { w in
                let word = w.lowercased()
                return word.unicodeScalars.contains(where: TextSearch.isAlphabetic) && !TitleMaker.determiners.contains(word)
                    && !lexicon.titleRules.datePrepositions.contains(word)
            }) else { continue }
            // A sentence-initial cue ("In response to the embargo in December 2022, exporters turned east"):
            // the near side is the main clause after the date's clause.
            if near.spaceWordCount() < 2, farEnd < sentence.upperBound, s[farEnd] == "," {
                var end = farEnd + 1
                while end < sentence.upperBound, !";.".unicodeScalars.contains(s[end]) { end += 1 }
                near = resolvePronouns(s.string((farEnd + 1)..<end).trimmingCharacters(), document: document, in: s,
                                       scratch: scratch)
            }
            if opensSentence, m.titleQuality < 3 {
                // The dated event is the cue's object: "the European embargo ... introduced in December 2022".
                var object = Array(s.string((at + needle.count)..<m.dateSpan.lowerBound).split(separator: " ").map(String.init))
                while let last = object.last?.lowercased(),
                      TitleMaker.trailingJunk.contains(last) || last.hasSuffix("ed") || lexicon.titleRules.datePrepositions.contains(last) {
                    object.removeLast()
                }
                if object.count >= 2 {
                    mentions[index].title = titles.finish(object.joined(separator: " "))
                    mentions[index].titleQuality = 2
                }
            }
            let nearType = lexicon.eventType(of: near)
            let farType = lexicon.eventType(of: s.string((at + needle.count)..<farEnd))
            guard near.spaceWordCount() >= 2, nearType != "event", nearType != farType else { continue }
            mentions[index].type = farType
            var other = m
            other.title = titles.finish(near)
            other.titleQuality = 2
            other.type = nearType
            let found = lexicon.entities(in: near)
            other.actors = found.filter { $0.entity.kind == .actor }.map(\.entity.name)
            other.places = found.filter { $0.entity.kind == .place }.map(\.entity.name)
            mentions.append(other)
            let near_ = mentions.count - 1
            var relationType = type
            var (from, to) = cue.direction == .backward ? (index, near_) : (near_, index)
            if relationType == .responseTo, cue.ambiguous == true, !EventExtractor.reactionTypes.contains(nearType) {
                relationType = .precedes
                (from, to) = (index, near_)
            }
            return ExtractedRelation(from: from, to: to, type: relationType,
                                     evidence: Evidence(document: document.id, span: [m.rawSpan.lowerBound, m.rawSpan.upperBound],
                                                        quote: m.quote))
        }
        return nil
    }

    /// Replaces a plural pronoun subject ("They", "The two countries") with the document's two main actors.
    func resolvePronouns(_ title: String, document: SourceDocument, in s: [Unicode.Scalar],
                         scratch: DocumentScratch? = nil) -> String {
        let lower = title.lowercased()
        let subjects = ["they ", "the two countries ", "the two nations ", "the two sides ", "both countries ",
                        "both sides ", "the two states ", "two countries ", "two nations ", "two sides ", "two states "]
        let inner = EventExtractor.innerPairs
        guard subjects.contains(where: { lower.hasPrefix($0) })
                || TextSearch.mayContain(any: EventExtractor.innerPairPhrases, in: lower)
                    ?? inner.contains(where: { lower.contains($0) }) else {
            return title
        }
        // `the two countries` are states; `the two sides`, `they` may be any actors.
        let states = ["countries", "nations", "states"].contains { lower.contains($0) }
        let pair: [String]
        if let known = states ? scratch?.mainStates : scratch?.mainActors {
            pair = known
        } else {
            pair = mainActors(document: document, in: s, statesOnly: states)
            if states { scratch?.mainStates = pair } else { scratch?.mainActors = pair }
        }
        guard pair.count == 2 else { return title }
        let names = "\(pair[0]) and \(pair[1])"
        for p in subjects where lower.hasPrefix(p) {
            return titles.finish(names + " " + title.dropFirst(p.count))
        }
        for p in inner {
            if let r = lower.range(of: p) {
                let start = title.index(title.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.lowerBound))
                let end = title.index(start, offsetBy: p.count)
                return titles.finish(String(title[..<start]) + "between " + names + String(title[end...]))
            }
        }
        return title
    }

    /// The two actors (with `statesOnly`, the two countries) named in the most sentences of the document.
    func mainActors(document: SourceDocument, in s: [Unicode.Scalar], statesOnly: Bool = false) -> [String] {
        var count: [String: Int] = [:]
        for r in SentenceSplitter.sentences(in: s) {
            for e in lexicon.entities(in: s.string(r)) where e.entity.kind == .actor && (!statesOnly || e.entity.isState) {
                count[e.entity.name, default: 0] += 1
            }
        }
        let ranked = count.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(2).map(\.key)
        // The second must be named twice; a second state once is enough when no third state is named.
        let clear = ranked.count == 2 && (count[ranked[1]]! >= 2 || statesOnly && count.count == 2)
        return clear ? ranked.sorted() : []
    }
}
