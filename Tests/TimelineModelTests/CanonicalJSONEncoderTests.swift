import Foundation
import Testing
@testable import TimelineModel

/// `CanonicalJSONEncoder` must write exactly the bytes of Foundation's `JSONEncoder` with sorted keys, pretty
/// printing and unescaped slashes: events.json files written before it, and by `--json`, stay byte-identical.
@Suite struct CanonicalJSONEncoderTests {
    private func expectSameBytes<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try CanonicalJSONEncoder().encode(value)
        var reference = [UInt8](try EventGraphCoder.foundationCanonical(value))
        reference.removeLast()  // the trailing newline encodeCanonical adds
        #expect(fast == reference, "differs from JSONEncoder:\n\(String(decoding: fast.prefix(400), as: UTF8.self))",
                sourceLocation: sourceLocation)
    }

    @Test func theCommittedEventsFile() throws {
        let data = try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("events.json"))
        let graph = try EventGraphCoder.decode(data, path: "events.json")
        try expectSameBytes(graph)
        #expect(try EventGraphCoder.encode(graph) == data)
    }

    @Test func fixtures() throws {
        for name in ["events-valid.json", "lenient-minimal.json"] {
            try expectSameBytes(try EventGraphCoder.decode(try TestSupport.fixture(name), path: name))
        }
    }

    /// Strings with every kind of character JSON treats specially, keys that sort differently by bytes,
    /// by characters and by numbers, empty and nested containers, nil and booleans.
    @Test func awkwardValues() throws {
        let strings = ["", "plain", "quote \" and \\ backslash", "a/b", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}",
                       "\u{7F} DEL", "line\u{2028}sep", "é and e\u{301}", "中文 🙂", "</script>"]
        try expectSameBytes(strings)
        var keyed: [String: [String]] = [:]
        for (i, key) in ["B", "a", "Z10", "Z9", "doc-10", "doc-9", "ä", "é", "e\u{301}x", "ex", ""].enumerated() {
            keyed[key] = Array(strings.prefix(i))
        }
        try expectSameBytes(keyed)
        try expectSameBytes([[String: Int]](repeating: [:], count: 2))
        try expectSameBytes([[Int]](arrayLiteral: [], [-1, 0, Int.max, Int.min]))
        struct Mixed: Encodable {
            var flag = true, other = false, missing: String? = nil, present: String? = "x", nested = ["k": ["v": [1]]]
        }
        try expectSameBytes(Mixed())
        try expectSameBytes([Mixed(), Mixed()])
    }

    @Test func randomGraphs() throws {
        var rng = SystemRandomNumberGenerator()
        let pool = ["", "Harbin", "条约", "a \"quoted\" \\ title", "tab\tand\nnewline", "x/y", "\u{1}", "🙂", "e\u{301}"]
        func s() -> String { (0..<Int.random(in: 1...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined() }
        for _ in 0..<50 {
            let events = (0..<Int.random(in: 0...6, using: &rng)).map { i in
                Event(id: "e\(i)-\(s())", date: EventDate(edtf: ["1969", "2019-06-05", "196X", "1971/1972"].randomElement(using: &rng)!)!,
                      title: s(), type: s(), actors: (0..<Int.random(in: 0...2, using: &rng)).map { _ in s() },
                      places: [], mentions: (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                          Mention(document: s(), span: [Int.random(in: 0...99, using: &rng), 100], quote: s(), dateText: s())
                      })
            }
            let graph = EventGraph(documents: [], events: events, relations: [], undated: [])
            try expectSameBytes(graph)
        }
    }

    @Test func floatingPointIsLeftToFoundation() throws {
        #expect(throws: CanonicalJSONEncoder.Unsupported.self) { try CanonicalJSONEncoder().encode(["x": 0.5]) }
        #expect(try EventGraphCoder.encodeCanonical(["x": 0.5]) == EventGraphCoder.foundationCanonical(["x": 0.5]))
    }
}
