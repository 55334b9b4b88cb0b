import TimelineCorpus
import TimelineModel
import TimelineTemporal

/// Relations the text states between dated events: cues within a sentence, anaphors and definite
/// references across sentences.
extension EventExtractor {
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
            }), !ref.types.contains(cur.type) || mentions[antecedent].edtf != cur.edtf,
                  EventExtractor.withinReach(cur.edtf, of: mentions[antecedent].edtf) else { continue }
            return ExtractedRelation(from: current, to: antecedent, type: .partOf,
                                     evidence: Evidence(document: document.id, span: [cur.rawSpan.lowerBound, cur.rawSpan.upperBound],
                                                        quote: cur.quote))
        }
        return nil
    }

    /// Whether an event dated `part` can be part of one dated `whole`: it starts at most a year before the whole
    /// and at most ten years after the whole's end (`the rest of the war` in 1941 is not the war of 1916).
    static func withinReach(_ part: String?, of whole: String?) -> Bool {
        guard let part, let whole, let p = EDTF(part), let w = EDTF(whole), p.first != .open, w.first != .open else { return true }
        let partStart = EDTF.bounds(p.first).0.year
        let wholeStart = EDTF.bounds(w.first).0.year
        let wholeEnd = w.last.map { $0 == .open ? Int.max / 2 : EDTF.bounds($0).1.year } ?? EDTF.bounds(w.first).1.year
        return partStart >= wholeStart - 1 && partStart <= wholeEnd + 10
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
