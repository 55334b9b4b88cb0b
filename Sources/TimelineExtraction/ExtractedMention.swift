import TimelineModel

/// One dated (or undatable) statement of an event found in one document, before merging.
public struct ExtractedMention: Sendable, Equatable {
    public var document: String
    /// The quote's span in the extraction text (scalar offsets).
    public var textSpan: Range<Int>
    /// The quote's span in the raw file (scalar offsets): what events.json records.
    public var rawSpan: Range<Int>
    public var quote: String
    public var dateText: String
    /// The date expression's span in the extraction text.
    public var dateSpan: Range<Int>
    /// The EDTF date, or `nil` when the text gives no resolvable date.
    public var edtf: String?
    public var title: String
    /// How good the title is likely to be (a noun phrase after the date beats a trimmed clause).
    public var titleQuality: Int
    public var type: String
    public var actors: [String]
    public var places: [String]
    /// `en` or `zh`: the language of the quote.
    public var language: String
    /// Index of the sentence within the document.
    public var sentence: Int

    public init(document: String, textSpan: Range<Int>, rawSpan: Range<Int>, quote: String, dateText: String,
                dateSpan: Range<Int>, edtf: String?, title: String, titleQuality: Int, type: String,
                actors: [String], places: [String], language: String, sentence: Int) {
        self.document = document
        self.textSpan = textSpan
        self.rawSpan = rawSpan
        self.quote = quote
        self.dateText = dateText
        self.dateSpan = dateSpan
        self.edtf = edtf
        self.title = title
        self.titleQuality = titleQuality
        self.type = type
        self.actors = actors
        self.places = places
        self.language = language
        self.sentence = sentence
    }

    public var mention: Mention {
        Mention(document: document, span: [rawSpan.lowerBound, rawSpan.upperBound], quote: quote, dateText: dateText)
    }
}

/// A relation stated between two mentions of the same document.
public struct ExtractedRelation: Sendable, Equatable {
    /// Indices into the document's mention list.
    public var from: Int
    public var to: Int
    public var type: RelationType
    public var evidence: Evidence

    public init(from: Int, to: Int, type: RelationType, evidence: Evidence) {
        self.from = from
        self.to = to
        self.type = type
        self.evidence = evidence
    }
}

/// What the extractor finds in one document.
public struct DocumentExtraction: Sendable {
    public var document: String
    public var mentions: [ExtractedMention]
    public var relations: [ExtractedRelation]

    public init(document: String, mentions: [ExtractedMention], relations: [ExtractedRelation]) {
        self.document = document
        self.mentions = mentions
        self.relations = relations
    }
}
