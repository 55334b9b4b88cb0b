/// One place in one document that states an event.
public struct Mention: Codable, Equatable, Hashable, Sendable, Comparable {
    /// The document id (path relative to the corpus root).
    public var document: String
    /// `[start, end)` in Unicode code points into the file's text as stored.
    public var span: [Int]
    /// The clause or sentence that states the event.
    public var quote: String
    /// The date expression as written (empty for an undated mention).
    public var dateText: String

    public init(document: String, span: [Int], quote: String, dateText: String) {
        self.document = document
        self.span = span
        self.quote = quote
        self.dateText = dateText
    }

    enum CodingKeys: String, CodingKey { case document, span, quote, dateText }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(String.self, forKey: .document)
        span = try c.decodeIfPresent([Int].self, forKey: .span) ?? []
        quote = try c.decodeIfPresent(String.self, forKey: .quote) ?? ""
        dateText = try c.decodeIfPresent(String.self, forKey: .dateText) ?? ""
    }

    public static func < (a: Mention, b: Mention) -> Bool {
        if a.document != b.document { return a.document < b.document }
        if a.span != b.span { return a.span.lexicographicallyPrecedes(b.span) }
        return (a.dateText, a.quote) < (b.dateText, b.quote)
    }
}
