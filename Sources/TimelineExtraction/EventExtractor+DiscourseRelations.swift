import TimelineCorpus
import TimelineModel

/// Relations that the discourse states between sentences: "One of the most dangerous flashpoints came in 1969"
/// (part of an earlier, containing event) and "the split in 1971–72 that presented an opportunity for Nixon and
/// Kissinger" (a cause of the document's event that involves those actors).
extension EventExtractor {
    /// Relations found once every mention of the document is known.
    func discourseRelations(_ mentions: [ExtractedMention], sentences: [Range<Int>], in s: [Unicode.Scalar],
                            document: SourceDocument) -> [ExtractedRelation] {
        var out: [ExtractedRelation] = []
        for i in mentions.indices {
            if let r = partitive(i, mentions, sentences: sentences, in: s, document: document) { out.append(r) }
            if let r = enabling(i, mentions, in: s, document: document) { out.append(r) }
        }
        return out
    }

    private func evidence(_ m: ExtractedMention, document: SourceDocument) -> Evidence {
        Evidence(document: document.id, span: [m.rawSpan.lowerBound, m.rawSpan.upperBound], quote: m.quote)
    }

    private func partitive(_ i: Int, _ mentions: [ExtractedMention], sentences: [Range<Int>], in s: [Unicode.Scalar],
                           document: SourceDocument) -> ExtractedRelation? {
        let m = mentions[i]
        guard m.sentence < sentences.count else { return nil }
        let opening = s.string(sentences[m.sentence]).lowercased()
        let openers = m.language == "zh" ? lexicon.partitiveOpeners.zh : lexicon.partitiveOpeners.en
        guard openers.contains(where: { opening.hasPrefix($0) }), let edtf = m.edtf, let date = EDTF(edtf) else { return nil }
        // The latest earlier event, within three sentences, whose date contains this one's.
        guard let j = mentions[..<i].lastIndex(where: { p in
            guard p.sentence < m.sentence, p.sentence >= m.sentence - 3, let pe = p.edtf, pe != edtf,
                  let pd = EDTF(pe) else { return false }
            return pd.start <= date.start && date.end <= pd.end
        }) else { return nil }
        return ExtractedRelation(from: i, to: j, type: .partOf, evidence: evidence(m, document: document))
    }

    private func enabling(_ i: Int, _ mentions: [ExtractedMention], in s: [Unicode.Scalar],
                          document: SourceDocument) -> ExtractedRelation? {
        let m = mentions[i]
        let lower = m.quote.lowercased()
        let cues = m.language == "zh" ? lexicon.enablingCues.zh : lexicon.enablingCues.en
        let phrases = m.language == "zh" ? lexicon.index.enablingCues.zh : lexicon.index.enablingCues.en
        if TextSearch.mayContain(any: phrases, in: lower) == false { return nil }
        guard let cue = cues.first(where: { lower.contains($0) }), let r = lower.range(of: cue),
              let edtf = m.edtf, let date = EDTF(edtf) else { return nil }
        let object = String(m.quote.dropFirst(lower.distance(from: lower.startIndex, to: r.upperBound)))
        let named = Set(lexicon.entities(in: object).filter { $0.entity.kind == .actor }.map(\.entity.name))
        guard named.count >= 2 else { return nil }
        // The other dated event of the document sharing the most of those actors, not ending before this one.
        var best: (Int, Int)?
        for (j, other) in mentions.enumerated() where j != i && other.sentence != m.sentence {
            // Another event: a different date (the same date is most likely this event told again).
            guard let oe = other.edtf, oe != edtf, let od = EDTF(oe), od.end >= date.start else { continue }
            let shared = named.intersection(other.actors).count
            if shared >= 2, shared > (best?.1 ?? 0) { best = (j, shared) }
        }
        guard let (j, _) = best else { return nil }
        return ExtractedRelation(from: i, to: j, type: .causes, evidence: evidence(m, document: document))
    }
}
