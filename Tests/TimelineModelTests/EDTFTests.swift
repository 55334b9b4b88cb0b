import Testing
@testable import TimelineModel

/// One EDTF form the tool reads and writes, with the interval it must cover.
struct EDTFCase: CustomTestStringConvertible, Sendable {
    let text: String
    let precision: DatePrecision
    let start: String
    let end: String
    var testDescription: String { text }
}

@Suite("EDTF parsing and printing")
struct EDTFTests {
    static let valid: [EDTFCase] = [
        EDTFCase(text: "1969", precision: .year, start: "1969-01-01", end: "1969-12-31"),
        EDTFCase(text: "2019-06-05", precision: .day, start: "2019-06-05", end: "2019-06-05"),
        EDTFCase(text: "2024-02", precision: .month, start: "2024-02-01", end: "2024-02-29"),
        EDTFCase(text: "2023-02", precision: .month, start: "2023-02-01", end: "2023-02-28"),
        EDTFCase(text: "1900-02", precision: .month, start: "1900-02-01", end: "1900-02-28"),
        EDTFCase(text: "2000-02", precision: .month, start: "2000-02-01", end: "2000-02-29"),
        EDTFCase(text: "196X", precision: .decade, start: "1960-01-01", end: "1969-12-31"),
        EDTFCase(text: "19XX", precision: .century, start: "1900-01-01", end: "1999-12-31"),
        EDTFCase(text: "1971/1972", precision: .range, start: "1971-01-01", end: "1972-12-31"),
        EDTFCase(text: "2000/2004~", precision: .range, start: "2000-01-01", end: "2004-12-31"),
        EDTFCase(text: "2003/2007~", precision: .range, start: "2003-01-01", end: "2007-12-31"),
        EDTFCase(text: "2015/2025", precision: .range, start: "2015-01-01", end: "2025-12-31"),
        // An open end is known to begin in 2000: the interval covers at least that year.
        EDTFCase(text: "2000/..", precision: .range, start: "2000-01-01", end: "2000-12-31"),
        EDTFCase(text: "../1991-12", precision: .range, start: "1991-12-01", end: "1991-12-31"),
        EDTFCase(text: "2023-03-20/2023-03-22", precision: .range, start: "2023-03-20", end: "2023-03-22"),
        EDTFCase(text: "1969-03/1969-03-15", precision: .range, start: "1969-03-01", end: "1969-03-15"),
        EDTFCase(text: "1969~", precision: .year, start: "1969-01-01", end: "1969-12-31"),
        EDTFCase(text: "1969?", precision: .year, start: "1969-01-01", end: "1969-12-31"),
        EDTFCase(text: "2019-06-05%", precision: .day, start: "2019-06-05", end: "2019-06-05"),
        // Seasons (21 spring ... 24 winter) have month precision; winter runs into the next year.
        EDTFCase(text: "2013-21", precision: .month, start: "2013-03-01", end: "2013-05-31"),
        EDTFCase(text: "2013-22", precision: .month, start: "2013-06-01", end: "2013-08-31"),
        EDTFCase(text: "2013-23", precision: .month, start: "2013-09-01", end: "2013-11-30"),
        EDTFCase(text: "2015-24", precision: .month, start: "2015-12-01", end: "2016-02-29"),
    ]

    @Test("parses, prints back identically and covers the right days", arguments: valid)
    func roundTrip(_ c: EDTFCase) throws {
        let parsed = try #require(EDTF(c.text))
        #expect(parsed.description == c.text)
        #expect(EDTF(parsed.description) == parsed)
        #expect(parsed.precision == c.precision)
        #expect(parsed.start.description == c.start)
        #expect(parsed.end.description == c.end)
        #expect(parsed.start <= parsed.end)
    }

    @Test("EventDate(edtf:) derives the same precision and interval", arguments: valid)
    func eventDate(_ c: EDTFCase) throws {
        let date = try #require(EventDate(edtf: c.text))
        #expect(date == EventDate(value: c.text, precision: c.precision, start: c.start, end: c.end))
    }

    @Test("leading and trailing spaces are ignored")
    func spaces() {
        #expect(EDTF("  1969\n")?.description == "1969")
        #expect(EDTF(" 1971/1972 ")?.description == "1971/1972")
    }

    @Test("structure of parsed values")
    func structure() {
        #expect(EDTF("196X") == EDTF(first: .decade(196)))
        #expect(EDTF("19XX") == EDTF(first: .century(19)))
        #expect(EDTF("2000/2004~") == EDTF(first: .year(2000), last: .year(2004), qualifier: "~"))
        #expect(EDTF("2000/..") == EDTF(first: .year(2000), last: .open))
        #expect(EDTF("2013-21") == EDTF(first: .season(2013, 21)))
        #expect(EDTF("2019-06-05")?.last == nil)
    }

    @Test("rejects what is not a date this tool understands", arguments: [
        "1969-13", "abc", "2019-02-30", "1972/1971", "", " ", "..", "../..", "/", "69", "969", "19690",
        "1969-1", "1969-00", "1969-06-5", "2019-06-05-01", "2019-02-29", "1900-02-29", "2019-04-31",
        "196X-05", "19X9", "1X69", "X969", "1969/1970/1971", "2019-06-05/2019-06-04", "1969-25",
        "2019-06-00", "2019-06-32", "1969 ~", "June 1969", "1969年",
    ])
    func rejects(_ text: String) {
        #expect(EDTF(text) == nil)
        #expect(EventDate(edtf: text) == nil)
    }

    @Test("a reversed interval is rejected even when its endpoints overlap in the same year")
    func reversedWithinYear() {
        #expect(EDTF("1969-03-15/1969-03-02") == nil)
        #expect(EDTF("1969-03-02/1969-03-02") != nil)
        #expect(EDTF("1969/1969-03") != nil)  // overlapping, not reversed
    }

    @Test("sign characters inside a field are not digits")
    func signsRejected() {
        for text in ["+19X", "+1XX", "1969-+1", "2019-06-+5"] {
            #expect(EDTF(text) == nil, "\(text) parsed as \(EDTF(text)?.description ?? "nil")")
        }
    }

    @Test("the byte reading of plain dates agrees with the general reading")
    func plainReadingAgrees() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-X/~? ")
        var texts = ["1969", "2024-02", "2013-21", "2013-24", "2013-25", "2019-06-05", "2019-02-29", "2020-02-29",
                     "2019-13-01", "2019-00", "0000", "9999-12-31", "1969-3-05", "19690", "1969-03-5", "1969 ", "196X"]
        for _ in 0..<20_000 {
            let n = [4, 7, 10, Int.random(in: 0...12, using: &rng)].randomElement(using: &rng)!
            texts.append(String((0..<n).map { i in
                // Mostly digits with dashes where a date has them, so that many are valid dates.
                if Int.random(in: 0..<8, using: &rng) == 0 { return alphabet.randomElement(using: &rng)! }
                return i == 4 || i == 7 ? "-" : alphabet[Int.random(in: 0...9, using: &rng)]
            }))
        }
        for text in texts {
            #expect(EDTF(text) == EDTF(reading: text), "\(text)")
        }
    }
}
