/// What `timeline check` found: whether events.json and the rendered timelines are exactly what a build would
/// write now, and if not, why.
public struct StalenessReport: Codable, Equatable, Sendable {
    /// One reason the outputs are stale.
    public struct Reason: Codable, Equatable, Sendable, CustomStringConvertible {
        /// `added`, `changed`, `removed` (documents), `skipped` (a document that cannot be read), `curation`,
        /// `extractor`, `settings`, `missing`, `edited` (an output changed since the last build), `stale` (an
        /// output that differs from what a build writes now).
        public var kind: String
        /// The document or file concerned (empty for the extractor and settings).
        public var path: String
        public var message: String

        public init(kind: String, path: String, message: String) {
            self.kind = kind
            self.path = path
            self.message = message
        }

        public var description: String { path.isEmpty ? "\(kind): \(message)" : "\(kind): \(path): \(message)" }
    }

    /// True when nothing is stale.
    public var upToDate: Bool { reasons.isEmpty }
    public var reasons: [Reason]
    /// Warnings met while reading the corpus (as a build shows them).
    public var warnings: [String]
    /// Wall time in seconds.
    public var seconds: Double

    public init(reasons: [Reason] = [], warnings: [String] = [], seconds: Double = 0) {
        self.reasons = reasons
        self.warnings = warnings
        self.seconds = seconds
    }
}
