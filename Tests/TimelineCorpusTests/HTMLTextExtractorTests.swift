import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct HTMLTextExtractorTests {
    func page() throws -> SourceDocument {
        let url = TestSupport.corpus.appendingPathComponent("pages/page.html")
        return try CorpusReader(root: TestSupport.corpus).readDocument(at: url, id: "pages/page.html")
    }

    @Test func visibleTextOnly() throws {
        let doc = try page()
        #expect(doc.format == .html)
        #expect(!doc.text.contains("color"))
        #expect(!doc.text.contains("launched"))
        #expect(!doc.text.contains("1888"))
        #expect(!doc.text.contains("not visible"))
        #expect(!doc.text.contains("<"))
        #expect(doc.text.contains("Bridge & Tunnel Chronicle"))
        #expect(!doc.text.contains("Archive"), "a menu (<nav>) is page furniture")
        #expect(doc.text.contains("The old bridge, built in 1932, closed on October 5, 2021 \u{2014} after 89 years."))
        #expect(doc.text.contains("Tolls rose from $1 to $3 \u{2026} residents said \u{2018}enough\u{2019}. Caf\u{E9} owners \u{A9} agreed."))
        #expect(doc.text.contains("First line\nsecond line"))
        #expect(doc.text.contains("  keep   these\n  spaces"))
        #expect(!doc.text.hasPrefix("\n") && !doc.text.hasSuffix("\n"))
        #expect(!doc.text.contains("  \n") && !doc.text.contains("\n\n"))
    }

    @Test func titleAndMetaDate() throws {
        let doc = try page()
        #expect(doc.title == "Bridge & Tunnel Chronicle")
        #expect(doc.date == CalendarDay(year: 2021, month: 11, day: 2))
        #expect(doc.languages == ["en"])
    }

    @Test func titleFallsBackToH1AndDateToTime() throws {
        let html = "<html><body><header><h1>Harbour <i>news</i></h1><time datetime=\"2018-03-04\">4 March</time></header>"
            + "<p>Text from <time datetime=\"1990-01-01\">1990</time>.</p></body></html>"
        let doc = try TestSupport.document(html, named: "t.html")
        #expect(doc.title == "Harbour news")
        #expect(doc.date == CalendarDay(year: 2018, month: 3, day: 4))
        let r = try #require(doc.metadataRanges.first)
        #expect(TestSupport.scalars(doc.text, r) == "4 March")
        let named = try TestSupport.document("<meta name=\"date\" content=\"2017-06-07\"><p>x</p>", named: "n.htm")
        #expect(named.date == CalendarDay(year: 2017, month: 6, day: 7))
    }

    @Test func entities() {
        let r = HTMLTextExtractor.extract("a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &ndash; &#65;&#x42;&#X43; &unknown; &amp &#0; & x")
        #expect(r.text == "a&b <c> \"d\" 'e' \u{2013} ABC &unknown; & \u{FFFD} & x")
    }

    @Test func menusAndSidebarsAreDroppedUnlessUnclosed() {
        let html = "<body><nav><a>2023 Archive</a></nav><article><p>The route opened in 2013.</p></article>"
            + "<aside><h3>Related</h3><a>Suez blockage: six days in March 2021</a></aside><p>Traffic fell in 2022.</p></body>"
        let r = HTMLTextExtractor.extract(html)
        #expect(r.text.contains("The route opened in 2013.\n"))
        #expect(r.text.contains("Traffic fell in 2022."))
        #expect(!r.text.contains("Archive") && !r.text.contains("Suez"), "\(r.text.debugDescription)")
        // An unclosed sidebar hides nothing.
        #expect(HTMLTextExtractor.extract("<aside><p>Signed in 1999.</p>").text.contains("Signed in 1999."))
    }

    @Test func malformedMarkupDegradesToText() {
        let cases = [
            "a < b and c > d", "<p>unclosed <b attr=\"x>text", "<!-- never closed <p>still here</p>",
            "<<<>>>", "</>", "<p <p <p>", "x <3 y", "<scr", "<a href='q>z</a>",
            "<script>never closed", "<title>no end", "&#xFFFFFFFF; &#55296;", "",
        ]
        for html in cases {
            let r = HTMLTextExtractor.extract(html)
            #expect(r.offsetMap.count == r.text.unicodeScalars.count + 1, "\(html)")
            #expect(zip(r.offsetMap, r.offsetMap.dropFirst()).allSatisfy { $0 <= $1 }, "\(html)")
        }
        #expect(HTMLTextExtractor.extract("a < b and c > d").text == "a < b and c > d")
        #expect(HTMLTextExtractor.extract("<!-- never closed <p>still here</p>").text.contains("still here"))
        #expect(HTMLTextExtractor.extract("x <3 y").text == "x <3 y")
    }

    /// For random ranges of `text`, when the raw slice they map to holds no tag, entity or collapsed white space,
    /// it equals the text slice; and every visible letter maps to the same letter in the raw text.
    @Test func offsetMapProperty() throws {
        let doc = try page()
        let map = try #require(doc.offsetMap)
        let text = Array(doc.text.unicodeScalars)
        let raw = Array(doc.rawText.unicodeScalars)
        #expect(map.count == text.count + 1)
        for (i, c) in text.enumerated() where c.properties.isAlphabetic {
            if raw[map[i]] != c {
                // Only entities may differ: the raw text has `&` there.
                #expect(raw[map[i]] == "&", "offset \(i): \(c) vs \(raw[map[i]])")
            }
        }
        var generator = SplitMix64(state: 0x4854_4D4C)  // seeded: `checked` must not depend on the run
        var checked = 0
        for _ in 0..<5000 {
            let a = Int.random(in: 0..<text.count, using: &generator)
            let b = Int.random(in: a...min(text.count, a + 40), using: &generator)
            let rawSlice = raw[doc.rawOffset(a)..<doc.rawOffset(b)]
            if rawSlice.contains(where: { $0 == "<" || $0 == "&" || $0 == "\n" || $0 == ">" }) { continue }
            if zip(rawSlice, rawSlice.dropFirst()).contains(where: { $0 == " " && $1 == " " }) { continue }
            #expect(String(String.UnicodeScalarView(rawSlice)) == String(String.UnicodeScalarView(text[a..<b])))
            checked += 1
        }
        #expect(checked > 1000)
        #expect(doc.rawOffset(text.count) <= raw.count)
    }

    @Test func mappedDateSpanPointsAtTheDateInTheRawHTML() throws {
        let doc = try page()
        let text = doc.text
        let r = try #require(text.range(of: "October 5, 2021"))
        let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        let b = a + "October 5, 2021".unicodeScalars.count
        #expect(TestSupport.scalars(doc.rawText, doc.rawOffset(a)..<doc.rawOffset(b)) == "October 5, 2021")
    }
}
