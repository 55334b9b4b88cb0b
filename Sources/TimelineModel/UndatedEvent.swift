/// An event the text states without a date it lets us resolve (e.g. "last year" in an undated document).
/// Undated events are listed, never placed on the timeline with a guessed date.
public struct UndatedEvent: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var type: String
    public var mentions: [Mention]

    public init(id: String, title: String, type: String = "event", mentions: [Mention] = []) {
        self.id = id
        self.title = title
        self.type = type
        self.mentions = mentions
    }
}
