import TimelineModel

/// What ``CorpusReader/read()`` found in a corpus folder.
public struct CorpusReadResult: Sendable {
    /// The documents read, sorted by id.
    public var documents: [SourceDocument]
    /// Notices and warnings that did not stop the read (skipped files, decoding problems), in walk order.
    public var diagnostics: [Diagnostic]
    /// Files that could not be turned into a document (unreadable, malformed front matter), in walk order.
    /// Those files are left out of ``documents``.
    public var errors: [TimelineError]

    public init(documents: [SourceDocument] = [], diagnostics: [Diagnostic] = [], errors: [TimelineError] = []) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.errors = errors
    }
}
