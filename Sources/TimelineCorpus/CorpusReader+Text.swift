import Foundation
import TimelineModel

extension CorpusReader {
    /// Builds a document from text that did not come from a file (`timeline extract --jsonl`): the same
    /// decoding, front matter, HTML text, title, date and language detection as a file whose bytes are the
    /// UTF-8 encoding of `text`, so a document given this way and the same file in a corpus give the same
    /// ``SourceDocument`` (and the same `sha256`).
    ///
    /// - Parameters:
    ///   - id: the document id (what mentions refer to).
    ///   - format: how to read the text.
    ///   - text: the document's text.
    ///   - date: the document's date, overriding any the text states (front matter, HTML meta, dateline);
    ///     nil to detect it from the text as for a file.
    ///   - diagnostics: receives the reader's warnings (a front matter date that is not a date, ...).
    /// - Throws: ``TimelineError/malformedFrontMatter(path:line:column:reason:)`` for Markdown whose front
    ///   matter is not valid YAML.
    public static func document(id: String, format: DocumentFormat, text: String, date: CalendarDay? = nil,
                                diagnostics: inout [Diagnostic]) throws -> SourceDocument {
        let d = try DocumentBuilder.build(id: id, path: id, format: format, bytes: Array(text.utf8),
                                          diagnostics: &diagnostics)
        guard let date else { return d }
        return SourceDocument(id: d.id, format: d.format, rawText: d.rawText, text: d.text, offsetMap: d.offsetMap,
                              sha256: d.sha256, title: d.title, date: date, metadataRanges: d.metadataRanges,
                              languages: d.languages)
    }
}
