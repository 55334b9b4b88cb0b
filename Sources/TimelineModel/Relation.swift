/// A relation the text states between two events.
public struct Relation: Codable, Equatable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var type: RelationType
    public var evidence: Evidence

    public init(from: String, to: String, type: RelationType, evidence: Evidence) {
        self.from = from
        self.to = to
        self.type = type
        self.evidence = evidence
    }
}

/// The kinds of relation an edge can carry.
public enum RelationType: String, Codable, Sendable, CaseIterable {
    case precedes
    case causes
    case responseTo = "response-to"
    case partOf = "part-of"
}

/// Where a relation is stated.
public struct Evidence: Codable, Equatable, Hashable, Sendable {
    public var document: String
    public var span: [Int]
    public var quote: String

    public init(document: String, span: [Int], quote: String) {
        self.document = document
        self.span = span
        self.quote = quote
    }
}
