import Foundation
import TimelineExtraction
import TimelineModel

/// One document's share of a build, self-contained: its record in events.json and everything the extractor
/// found in it, in the cache's lossless form (``CachedExtraction``). `timeline extract --jsonl` writes one per
/// line; `timeline merge` combines any number of them into the events.json of the whole corpus.
///
/// A line reads (keys sorted, no white space):
///
/// ```json
/// {"document":{"date":"2023-11-02","id":"a.html","languages":["en"],"sha256":"5eb7…","title":"…"},
///  "extraction":{"document":"a.html","mentions":[…],"relations":[…]},"partVersion":1,"warnings":[]}
/// ```
///
/// The event graph of a set of documents is a function of their part records alone (see ``GraphAssembly``),
/// which is what makes merging associative and commutative. docs/scaling.md describes the format.
public struct PartRecord: Codable, Equatable, Sendable {
    /// The version of this record format; a reader meeting another version stops with a message.
    public static let currentVersion = 1

    public var partVersion: Int
    /// The document as events.json records it.
    public var document: DocumentRecord
    /// What the extractor found, every field the graph builder needs.
    var extraction: CachedExtraction
    /// The reader's warnings about the document (not part of its identity; shown again by `merge`).
    public var warnings: [String]

    init(document: DocumentRecord, extraction: CachedExtraction, warnings: [String] = []) {
        self.partVersion = Self.currentVersion
        self.document = document
        self.extraction = extraction
        self.warnings = warnings
    }

    /// The record of a document and its extraction.
    public init(document: DocumentRecord, extraction: DocumentExtraction, warnings: [String] = []) {
        self.init(document: document, extraction: CachedExtraction(extraction), warnings: warnings)
    }

    /// The extraction, or nil when the record is inconsistent (see ``CachedExtraction/extraction()``).
    public func documentExtraction() -> DocumentExtraction? {
        guard extraction.document == document.id else { return nil }
        return extraction.extraction()
    }

    /// Whether two records describe the same document identically (warnings aside).
    public func sameContent(as other: PartRecord) -> Bool {
        document == other.document && extraction == other.extraction
    }

    /// The record as one line of JSON (sorted keys, no line breaks inside), with its newline.
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    enum CodingKeys: String, CodingKey { case partVersion, document, extraction, warnings }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        partVersion = try c.decode(Int.self, forKey: .partVersion)
        guard partVersion == Self.currentVersion else {
            throw DecodingError.dataCorruptedError(forKey: .partVersion, in: c, debugDescription:
                "partVersion \(partVersion) is not supported (this tool reads version \(Self.currentVersion)); extract the documents again")
        }
        document = try c.decode(DocumentRecord.self, forKey: .document)
        extraction = try c.decode(CachedExtraction.self, forKey: .extraction)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }
}

// Only strings, integers and value types inside; the struct lives in CachedExtraction.swift.
extension CachedExtraction: @unchecked Sendable {}
