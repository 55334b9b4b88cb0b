import TimelineExtraction
import TimelineModel

/// The cached form of a ``DocumentExtraction``: every field, so that a cached extraction rebuilds exactly the
/// same event graph as a fresh one. Short keys keep entries small; the document id is stored once.
struct CachedExtraction: Codable, Equatable {
    struct Mention: Codable, Equatable {
        var ts: [Int]      // textSpan lower, upper
        var rs: [Int]      // rawSpan lower, upper
        var q: String      // quote
        var dt: String     // dateText
        var ds: [Int]      // dateSpan lower, upper
        var e: String?     // edtf
        var t: String      // title
        var tq: Int        // titleQuality
        var ty: String     // type
        var a: [String]    // actors
        var p: [String]    // places
        var l: String      // language
        var s: Int         // sentence
        var d: String?     // document, when not the extraction's
    }

    struct Relation: Codable, Equatable {
        var f: Int
        var t: Int
        var ty: RelationType
        var ev: Evidence
    }

    var document: String
    var mentions: [Mention]
    var relations: [Relation]

    init(_ x: DocumentExtraction) {
        document = x.document
        mentions = x.mentions.map {
            Mention(ts: [$0.textSpan.lowerBound, $0.textSpan.upperBound], rs: [$0.rawSpan.lowerBound, $0.rawSpan.upperBound],
                    q: $0.quote, dt: $0.dateText, ds: [$0.dateSpan.lowerBound, $0.dateSpan.upperBound], e: $0.edtf,
                    t: $0.title, tq: $0.titleQuality, ty: $0.type, a: $0.actors, p: $0.places, l: $0.language,
                    s: $0.sentence, d: $0.document == x.document ? nil : $0.document)
        }
        relations = x.relations.map { Relation(f: $0.from, t: $0.to, ty: $0.type, ev: $0.evidence) }
    }

    /// The extraction, or nil when the entry is inconsistent (a span that is not a range, an index out of bounds).
    func extraction() -> DocumentExtraction? {
        func range(_ a: [Int]) -> Range<Int>? {
            guard a.count == 2, a[0] <= a[1] else { return nil }
            return a[0]..<a[1]
        }
        var out: [ExtractedMention] = []
        out.reserveCapacity(mentions.count)
        for m in mentions {
            guard let ts = range(m.ts), let rs = range(m.rs), let ds = range(m.ds) else { return nil }
            out.append(ExtractedMention(document: m.d ?? document, textSpan: ts, rawSpan: rs, quote: m.q, dateText: m.dt,
                                        dateSpan: ds, edtf: m.e, title: m.t, titleQuality: m.tq, type: m.ty,
                                        actors: m.a, places: m.p, language: m.l, sentence: m.s))
        }
        var rels: [ExtractedRelation] = []
        for r in relations {
            guard mentions.indices.contains(r.f), mentions.indices.contains(r.t) else { return nil }
            rels.append(ExtractedRelation(from: r.f, to: r.t, type: r.ty, evidence: r.ev))
        }
        return DocumentExtraction(document: document, mentions: out, relations: rels)
    }
}
