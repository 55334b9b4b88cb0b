import Foundation
import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("Required tokens")
struct RequiredTokensTests {
    func tagger(_ rules: String, words: [String: String]) throws -> (TemporalTagger, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("required-\(UUID().uuidString)")
        var files = words.mapValues { $0 }
        files["en/rules/test.rules"] = rules
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return (try TemporalTagger(rulesDirectory: root), root)
    }

    static let words = [
        "en/words/unit.txt": "year = year\nyears = year\nday = day\ndays = day\n",
        "en/words/number.txt": "a = 1\ntwo = 2\nfour = 4\ntwenty = 20\n",
        "en/words/soon.txt": "the near future\nin the future\nas soon as possible\n",
    ]

    @Test func aLaterPartsWordsAreRequired() throws {
        let (t, root) = try tagger("""
            rule: ago
            pattern: #num @unit ago|earlier
            type: DATE
            value: {ref:unit:-num}
            """, words: RequiredTokensTests.words)
        defer { try? FileManager.default.removeItem(at: root) }
        let L = t.compiled[0]
        let need = L.requiredTokens[0]
        // `ago|earlier` is preferred to the unit words: longer keys are rarer.
        #expect(need.ids == Set(["ago", "earlier"].map { t.vocabulary.id(of: $0) }))
        // A number spans up to 12 tokens, the unit one, the last word one.
        #expect(need.reach == 14)
    }

    @Test func aListRequiresItsPhrasesLastWords() throws {
        let (t, root) = try tagger("""
            rule: future
            pattern: @soon
            type: DATE
            value: FUTURE_REF
            """, words: RequiredTokensTests.words)
        defer { try? FileManager.default.removeItem(at: root) }
        let need = t.compiled[0].requiredTokens[0]
        #expect(need.ids == Set(["future", "possible"].map { t.vocabulary.id(of: $0) }))
        #expect(need.reach == 4)
        #expect(t.tag("Not in the future, as soon as possible.", dct: nil).map(\.text) == ["in the future", "as soon as possible"])
    }

    @Test func optionalAndAlternativePartsRequireNothingOrAll() throws {
        let (t, root) = try tagger("""
            rule: from-now
            pattern: #num @unit ( from now | later )? ( hence | henceforth )
            type: DATE
            value: {ref:unit:num}
            """, words: RequiredTokensTests.words)
        defer { try? FileManager.default.removeItem(at: root) }
        let need = t.compiled[0].requiredTokens[0]
        #expect(need.ids == Set(["hence", "henceforth"].map { t.vocabulary.id(of: $0) }))
        #expect(need.reach == 12 + 1 + 2 + 1)
    }

    /// The filter must never lose a match: a required word at the far end of the reach is found.
    @Test func aRequiredWordAtTheEndOfTheReachIsFound() throws {
        let (t, root) = try tagger("""
            rule: ago
            pattern: #num @unit ago
            type: DATE
            value: {ref:unit:-num}
            """, words: RequiredTokensTests.words)
        defer { try? FileManager.default.removeItem(at: root) }
        let dct = CalendarDay(year: 2013, month: 3, day: 22)
        #expect(t.tag("It ended twenty-four years ago.", dct: dct).map(\.value) == ["1989"])
        #expect(t.tag("It ended twenty-four years, ago.", dct: dct).isEmpty)
        #expect(t.tag("It ended two days ago", dct: dct).map(\.value) == ["2013-03-20"])
    }
}
