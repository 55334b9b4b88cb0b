/// A document of the corpus as recorded in `events.json`.
public struct DocumentRecord: Codable, Equatable, Sendable {
    /// Path relative to the corpus root, with `/` separators.
    public var id: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// The document's title when it states one (front matter, `<title>`, first heading).
    public var title: String?
    /// The document's own date, `YYYY-MM-DD`, when it states one.
    public var date: String?
    /// Languages found in the text (`en`, `zh`), sorted.
    public var languages: [String]

    public init(id: String, sha256: String, title: String? = nil, date: String? = nil, languages: [String] = []) {
        self.id = id
        self.sha256 = sha256
        self.title = title
        self.date = date
        self.languages = languages
    }

    enum CodingKeys: String, CodingKey { case id, sha256, title, date, languages }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256) ?? ""
        title = try c.decodeIfPresent(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(title, forKey: .title)  // explicit null when absent
        try c.encode(date, forKey: .date)
        try c.encode(languages, forKey: .languages)
    }
}
