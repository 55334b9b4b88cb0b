import Foundation
import Testing
import TimelineModel
@testable import TimelineTemporal

/// Template arguments are taken apart when a rule is read; these rules check each form against a match.
@Suite("Template arguments")
struct TemplateArgumentTests {
    static let rules = """
        rule: back
        pattern: #num? @unit back
        type: DATE
        value: {ref:unit:-num}

        rule: long
        pattern: #num? @unit long
        type: DURATION
        value: {dur:num|1:unit}

        rule: ahead
        pattern: a year ahead
        type: DATE
        value: {ref:year:+1}

        rule: seen
        pattern: the quarter
        type: DATE
        value: {seen:Fiscal/BUDGET:5}{ref:quarter:0}
        """

    func tag(_ text: String) throws -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("template-args-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, body) in ["en/rules/t.rules": TemplateArgumentTests.rules,
                             "en/words/unit.txt": "year = year\nyears = year\nweeks = week\n",
                             "en/words/number.txt": "three = 3\n"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try body.write(to: url, atomically: true, encoding: .utf8)
        }
        let tagger = try TemporalTagger(rulesDirectory: root)
        return tagger.tag(text, dct: CalendarDay(year: 2013, month: 3, day: 22)).map(\.value)
    }

    @Test func aNegatedCaptureAndAMissingOne() throws {
        #expect(try tag("It was 3 years back.") == ["2010"])
        #expect(try tag("It was three weeks back.") == ["2013-W09"])
        // Without the number, `-num` is a literal that is not an integer: the rule does not apply.
        #expect(try tag("It was years back.") == [])
    }

    @Test func aCaptureWithADefault() throws {
        #expect(try tag("A 3 years long war.") == ["P3Y"])
        #expect(try tag("A years long war.") == ["P1Y"])
    }

    @Test func aSignedIntegerLiteral() throws {
        #expect(try tag("Planned a year ahead.") == ["2014"])
    }

    @Test func seenWordsAreMatchedIgnoringCase() throws {
        #expect(try tag("The fiscal plan for the quarter.") == ["2013-Q1"])
        #expect(try tag("The plan for the quarter.") == [])
    }
}
