import Foundation
import TimelineModel

/// Finds temporal expressions (TIMEX3) in English and Chinese text and normalises them against a
/// document creation time (DCT).
///
/// The rules are data: per language, word lists (`words/*.txt`) and rules with examples
/// (`rules/*.rules`) under a rules folder; the bundled ones live in `Resources/`. The text is tokenised
/// once and rules are tried only where their first token can match, so the cost grows linearly
/// with the input.
///
/// ```swift
/// let found = TemporalTagger.shared.tag("On June 5, 2019 it rained.", dct: CalendarDay(iso: "2019-06-06"))
/// // [TimeExpression(start: 3, end: 15, text: "June 5, 2019", type: .date, value: "2019-06-05", edtf: "2019-06-05")]
/// ```
public final class TemporalTagger: Sendable {
    /// The tagger with the bundled English and Chinese rules.
    public static let shared: TemporalTagger = {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            fatalError("TimelineTemporal: the bundled Resources folder is missing from the build")
        }
        do { return try TemporalTagger(rulesDirectory: url) } catch {
            fatalError("TimelineTemporal: bundled rules are invalid: \(error)")
        }
    }()

    let languages: [LanguageRules]
    /// Every key the rules can match, and the languages compiled against it.
    let vocabulary: Vocabulary
    let compiled: [CompiledLanguage]
    let specialIDs: TaggingRun.SpecialIDs
    let edtfCache = EDTFCache()

    /// Loads rules from a folder holding one sub-folder per language (`en/`, `zh/`), each with
    /// `words/*.txt` and `rules/*.rules`. Users can add phrasings or languages without Swift code.
    /// - Throws: ``TaggerRulesError`` naming the file and line of a bad rule or word list.
    public init(rulesDirectory: URL) throws {
        let fm = FileManager.default
        let subdirs = ((try? fm.contentsOfDirectory(atPath: rulesDirectory.path)) ?? []).sorted()
        var langs: [LanguageRules] = []
        var priority = 0
        for d in subdirs {
            let url = rulesDirectory.appendingPathComponent(d)
            guard fm.fileExists(atPath: url.appendingPathComponent("rules").path) else { continue }
            let lang = try LanguageRules(code: d, folder: url, firstPriority: priority)
            priority += lang.rules.count
            langs.append(lang)
        }
        guard langs.contains(where: { !$0.rules.isEmpty }) else { throw TaggerRulesError.noRules(folder: rulesDirectory.path) }
        languages = langs
        var keys = Set<String>()
        for l in langs { keys.formUnion(l.vocabularyKeys) }
        keys.formUnion(TaggingRun.currency)
        keys.formUnion(TaggingRun.joiners)
        keys.formUnion(PatternMatcher.sentenceEnds)
        keys.formUnion(["-", "'", "s", "%", "‰"])
        keys.formUnion(TemplateWords.flaggedKeys)
        let vocab = Vocabulary(keys)
        vocabulary = vocab
        compiled = langs.map { CompiledLanguage($0, vocab: vocab) }
        specialIDs = TaggingRun.SpecialIDs(vocab)
    }

    /// The language codes with rules (`["en", "zh"]`).
    public var languageCodes: [String] { languages.map(\.code) }

    /// Every rule example in the loaded rule files, for tests and for checking user-written rules.
    public var examples: [RuleExample] { languages.flatMap { $0.rules.flatMap(\.examples) } }

    /// Tags `text`.
    /// - Parameters:
    ///   - dct: the document creation time relative expressions resolve against; without one they keep
    ///     `X` placeholders (`XXXX-XX-XX`) and get no EDTF. The machine clock is never consulted.
    ///   - language: `.en`, `.zh`, or `.auto` for both rule sets.
    /// - Returns: non-overlapping expressions sorted by start; offsets are Unicode scalar offsets, end exclusive.
    public func tag(_ text: String, dct: CalendarDay?, language: TaggerLanguage = .auto) -> [TimeExpression] {
        let active = language == .auto ? compiled : compiled.filter { $0.source.code == language.rawValue }
        guard !active.isEmpty, !text.isEmpty else { return [] }
        if let found = text.utf8.withContiguousStorageIfAvailable({ tag(bytes: $0, dct: dct, active: active) }) {
            return found
        }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { tag(bytes: $0, dct: dct, active: active) } ?? []
    }

    /// Tags UTF-8 bytes (valid UTF-8, as a `String` holds).
    private func tag(bytes: UnsafeBufferPointer<UInt8>, dct: CalendarDay?, active: [CompiledLanguage]) -> [TimeExpression] {
        // A huge text (one 100 MB line) is tagged in pieces of about a megabyte, so memory stays flat.
        if bytes.count > TemporalTagger.pieceThreshold { return tagInPieces(bytes, dct: dct, active: active) }
        var arena: [UInt8] = []
        let scanned = ByteScanner.scan(bytes, vocab: vocabulary, arena: &arena)
        guard scanned.count > 0 else { return [] }
        let tp = scanned.tokens
        return withExtendedLifetime(scanned) {
            arena.withUnsafeBufferPointer { ap in
                let view = TokenView(toks: tp, text: bytes, arena: ap)
                var run = TaggingRun(view: view, vocab: vocabulary, ids: specialIDs, edtfCache: edtfCache, dct: dct)
                let ascii = active.contains(where: \.needsNonASCII) && TemporalTagger.isASCII(bytes)
                for lang in active where !(ascii && lang.needsNonASCII) { run.collect(lang) }
                return run.select(signalLanguages: active)
            }
        }
    }

    /// Whether every byte is ASCII (8 bytes at a time).
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var acc: UInt64 = 0
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n { acc |= UInt64(p[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Texts longer than this many bytes are tagged in pieces of about `pieceSize` bytes.
    static let pieceThreshold = 4 << 20, pieceSize = 1 << 20

    /// Tags a huge text piece by piece. A piece ends at a paragraph break, else a line break, else a
    /// sentence end, else any whitespace, else any scalar boundary, found near `pieceSize`; expressions and
    /// their context (up to 60 tokens around) rarely cross such a cut, and only in texts over 4 MB.
    private func tagInPieces(_ bytes: UnsafeBufferPointer<UInt8>, dct: CalendarDay?, active: [CompiledLanguage]) -> [TimeExpression] {
        var out: [TimeExpression] = []
        var start = 0, scalarBase = 0
        let n = bytes.count
        while start < n {
            var end = n
            if n - start > TemporalTagger.pieceSize + TemporalTagger.pieceSize / 2 {
                end = TemporalTagger.cut(bytes, from: start + TemporalTagger.pieceSize / 2, to: start + TemporalTagger.pieceSize)
            }
            let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
            for var e in tag(bytes: part, dct: dct, active: active) {
                e.start += scalarBase; e.end += scalarBase
                out.append(e)
            }
            for b in part where b & 0xC0 != 0x80 { scalarBase += 1 }
            start = end
        }
        return out
    }

    /// The best place in `lo ..< hi` to cut: just after the last "\n\n", else "\n", else ". ", else a
    /// space, else the last scalar boundary before `hi`.
    static func cut(_ p: UnsafeBufferPointer<UInt8>, from lo: Int, to hi: Int) -> Int {
        var newline = -1, sentence = -1, space = -1
        var i = hi - 1
        while i > lo {
            let b = p[i]
            if b == 0x0A {
                if p[i - 1] == 0x0A { return i + 1 }
                if newline < 0 { newline = i + 1 }
            } else if b == 0x20 || b == 0x09 {
                if sentence < 0, p[i - 1] == 0x2E { sentence = i + 1 }
                if space < 0 { space = i + 1 }
            }
            i -= 1
        }
        if newline > 0 { return newline }
        if sentence > 0 { return sentence }
        if space > 0 { return space }
        var j = hi
        while j > lo, p[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }
}
