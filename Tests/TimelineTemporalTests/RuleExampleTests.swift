import Testing
import TimelineModel
@testable import TimelineTemporal

/// Every `example:` and `counter:` line in the bundled rule files runs here.
@Suite("Rule examples")
struct RuleExampleTests {
    @Test("the bundled rules load and carry examples")
    func loads() {
        let tagger = TemporalTagger.shared
        #expect(tagger.languageCodes == ["en", "zh"])
        #expect(tagger.examples.count > 150)
        for lang in tagger.languages {
            for rule in lang.rules {
                #expect(!rule.examples.isEmpty, "rule \(rule.name) at \(rule.location) has no example")
            }
        }
    }

    @Test("each rule example tags as written", arguments: TemporalTagger.shared.examples)
    func example(_ ex: RuleExample) {
        let dct: CalendarDay? = ex.dct == "none" ? nil : ex.dct.flatMap { CalendarDay(iso: $0) } ?? RuleExample.defaultDCT
        let found = TemporalTagger.shared.tag(ex.text, dct: dct)
        guard let span = ex.span else {
            #expect(found.isEmpty, "\(ex.location): counter-example '\(ex.text)' tagged \(found.map { "\($0.text)=\($0.value)" })")
            return
        }
        let hit = found.first { $0.start == span.lowerBound && $0.end == span.upperBound }
        guard let hit else {
            Issue.record("\(ex.location): '\(ex.text)' expected span \(span) = \(ex.value ?? ""), got \(found.map { "[\($0.start),\($0.end)) \($0.text)=\($0.value)" })")
            return
        }
        #expect(hit.value == ex.value, "\(ex.location): '\(ex.text)'")
        if let t = ex.type { #expect(hit.type.rawValue == t, "\(ex.location): '\(ex.text)'") }
        if let m = ex.mod { #expect(hit.mod == m, "\(ex.location): '\(ex.text)'") }
        if let e = ex.edtf { #expect(hit.edtf == (e == "nil" ? nil : e), "\(ex.location): '\(ex.text)'") }
        if let p = ex.parts { #expect(hit.parts.map(\.value) == p, "\(ex.location): '\(ex.text)' parts") }
    }
}

extension RuleExample: CustomTestStringConvertible {
    public var testDescription: String { "\(location) \(text)" }
}
