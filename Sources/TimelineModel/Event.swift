/// One real event, told by one or more mentions.
public struct Event: Codable, Equatable, Sendable, Identifiable {
    /// A stable slug such as `1969-ussuri-river-clash`.
    public var id: String
    public var date: EventDate
    /// A short title, at most ``Event/maxTitleLength`` characters.
    public var title: String
    /// The event type (`war`, `diplomacy`, `economy`, ...; `event` when unknown).
    public var type: String
    public var actors: [String]
    public var places: [String]
    public var mentions: [Mention]

    /// Titles never exceed this many characters.
    public static let maxTitleLength = 80

    public init(id: String, date: EventDate, title: String, type: String = "event",
                actors: [String] = [], places: [String] = [], mentions: [Mention] = []) {
        self.id = id
        self.date = date
        self.title = title
        self.type = type
        self.actors = actors
        self.places = places
        self.mentions = mentions
    }

    enum CodingKeys: String, CodingKey { case id, date, title, type, actors, places, mentions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        date = try c.decode(EventDate.self, forKey: .date)
        title = try c.decode(String.self, forKey: .title)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? "event"
        actors = try c.decodeIfPresent([String].self, forKey: .actors) ?? []
        places = try c.decodeIfPresent([String].self, forKey: .places) ?? []
        mentions = try c.decodeIfPresent([Mention].self, forKey: .mentions) ?? []
    }

    /// Sorts mentions by (document, span) so encoding is deterministic. Actor and place order is kept:
    /// it is the order of salience.
    public mutating func canonicalize() {
        mentions.sort()
    }
}
