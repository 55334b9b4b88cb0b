import Foundation
import TimelineModel

/// The formats the corpus reader understands.
public enum DocumentFormat: String, Sendable, Codable {
    case text, markdown, html
}

/// One document of the corpus, ready for extraction.
///
/// `rawText` is the file's text as stored (invalid UTF-8 replaced by U+FFFD). `text` is what the
/// extractor reads: for `.txt` and `.md` it has the same length as `rawText` (Markdown front matter is
/// blanked with spaces, newlines kept), for HTML it is the visible text. Offsets are always counted in
/// Unicode scalars; ``rawOffset(_:)`` maps an offset in `text` to one in `rawText`.
public struct SourceDocument: Sendable {
    /// Path relative to the corpus root with `/` separators.
    public let id: String
    public let format: DocumentFormat
    public let rawText: String
    public let text: String
    /// For each scalar offset `i` in `text` (and `text`'s scalar count, for the end), the scalar offset
    /// in `rawText`. `nil` when the two are the same (txt, Markdown).
    public let offsetMap: [Int]?
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
    public let title: String?
    /// The document's own date (front matter, HTML meta, or a dateline near the top).
    public let date: CalendarDay?
    /// Ranges of `text` (scalar offsets) that are metadata, not prose: a dateline, a byline.
    /// Dates inside them are not events.
    public let metadataRanges: [Range<Int>]
    /// Languages found in the text (`en`, `zh`), sorted.
    public let languages: [String]

    public init(id: String, format: DocumentFormat, rawText: String, text: String, offsetMap: [Int]?,
                sha256: String, title: String?, date: CalendarDay?, metadataRanges: [Range<Int>],
                languages: [String]) {
        self.id = id
        self.format = format
        self.rawText = rawText
        self.text = text
        self.offsetMap = offsetMap
        self.sha256 = sha256
        self.title = title
        self.date = date
        self.metadataRanges = metadataRanges
        self.languages = languages
    }

    /// Maps a scalar offset in `text` to the scalar offset in `rawText`.
    public func rawOffset(_ offset: Int) -> Int {
        guard let offsetMap, !offsetMap.isEmpty else { return offset }
        return offsetMap[min(max(offset, 0), offsetMap.count - 1)]
    }

    /// The record of this document in events.json.
    public var record: DocumentRecord {
        DocumentRecord(id: id, sha256: sha256, title: title, date: date?.description, languages: languages)
    }
}
