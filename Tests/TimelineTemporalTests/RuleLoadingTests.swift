import Foundation
import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("Loading user rules")
struct RuleLoadingTests {
    /// Writes a rules folder with one language and returns its URL.
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-rules-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aNewLanguageWithoutSwiftCode() throws {
        let root = try folder([
            "de/words/month.txt": "juni = 06\njuli = 07\n",
            "de/rules/dates.rules": """
            rule: de-day-month-year
            pattern: #day . @month #year
            type: DATE
            value: {year}-{month}-{day}
            example: 5. Juni 2019 => 2019-06-05
            """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let tagger = try TemporalTagger(rulesDirectory: root)
        #expect(tagger.languageCodes == ["de"])
        #expect(tagger.examples.count == 1)
        let e = tagger.tag("Am 5. Juni 2019 begann es.", dct: nil)
        #expect(e.map(\.value) == ["2019-06-05"])
        #expect(e.first?.text == "5. Juni 2019")
    }

    @Test func errorsNameTheFileAndLine() throws {
        let root = try folder(["en/rules/bad.rules": "rule: x\npattern: #nosuch\ntype: DATE\nvalue: 1\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TaggerRulesError.self) { try TemporalTagger(rulesDirectory: root) }
        do { _ = try TemporalTagger(rulesDirectory: root) } catch let e as TaggerRulesError {
            #expect(e.description.hasPrefix("en/rules/bad.rules:2:"))
            #expect(e.description.contains("#nosuch"))
        }
    }

    @Test("parts must name two built-in captures of the pattern, in a rule with an EDTF interval")
    func badPartsAreNamed() throws {
        for (parts, edtf, message) in [("year nosuch", "edtf: {year}/{year2}\n", "here: year year2"),
                                       ("year", "edtf: {year}/{year2}\n", "here: year year2"),
                                       ("year year2", "", "needs an 'edtf:'")] {
            let root = try folder(["en/rules/r.rules": "rule: x\npattern: between #year and #year/year2\ntype: DATE\nvalue: {year}\n"
                                   + edtf + "parts: \(parts)\n"])
            defer { try? FileManager.default.removeItem(at: root) }
            do { _ = try TemporalTagger(rulesDirectory: root); Issue.record("expected an error for \(parts)") } catch let e as TaggerRulesError {
                #expect(e.description.hasPrefix("en/rules/r.rules:"), "\(e)")
                #expect(e.description.contains(message), "\(e)")
            }
        }
    }

    @Test func missingWordListIsReported() throws {
        let root = try folder(["en/rules/a.rules": "rule: x\npattern: @nolist\ntype: DATE\nvalue: 1\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        do { _ = try TemporalTagger(rulesDirectory: root); Issue.record("expected an error") } catch let e as TaggerRulesError {
            #expect(e.description.contains("nolist.txt"))
        }
    }

    @Test func emptyFolderIsAnError() throws {
        let root = try folder(["README.md": "nothing"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TaggerRulesError.noRules(folder: root.path)) { try TemporalTagger(rulesDirectory: root) }
    }

    @Test func unknownTemplateFunctionIsAnError() throws {
        let root = try folder(["en/rules/a.rules": "rule: x\npattern: today\ntype: DATE\nvalue: {nosuch:1:2}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: TaggerRulesError.self) { try TemporalTagger(rulesDirectory: root) }
    }
}
