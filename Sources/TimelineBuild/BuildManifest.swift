import Foundation

/// What the last complete build read and wrote. A build whose inputs are the same and whose outputs are still
/// the files it wrote has nothing to do; `timeline check` uses it to say why something is stale.
public struct BuildManifest: Codable, Equatable, Sendable {
    /// One file written.
    public struct Output: Codable, Equatable, Sendable {
        /// Absolute path.
        public var path: String
        /// ``XXHash64`` of its bytes (hex): whether it was edited since.
        public var checksum: String
        /// The stamp right after writing: an unchanged stamp spares hashing the file again.
        public var stamp: FileStamp?
    }

    /// ``ExtractorFingerprint/value``.
    public var fingerprint: String
    /// The corpus folder, absolute.
    public var corpus: String
    /// Document id → SHA-256 of its bytes.
    public var documents: [String: String]
    /// Candidate documents left out (unreadable, binary, too large), with the reason.
    public var skipped: [String: String]
    /// SHA-256 of curation.json's bytes; nil when there was none.
    public var curation: String?
    /// The curation file, absolute.
    public var curationPath: String?
    /// The render settings (filters, formats, title, layout, output folder), as a string.
    public var settings: String
    /// events.json first, then the rendered files.
    public var outputs: [Output]
    /// Events, relations and undated events of the graph written (for the summary of a build with nothing to do).
    public var counts: [Int]?
    /// The curation warnings of that build (shown again by a build with nothing to do).
    public var curationWarnings: [String]?
}
