import Testing
import TimelineModel
@testable import TimelineTemporal

@Suite("TIMEX3 to EDTF")
struct TimexEDTFTests {
    @Test("values and modifiers", arguments: [
        ("1969", nil, "1969"), ("2024-02", "END", "2024-02"), ("2019-06-05", nil, "2019-06-05"),
        ("196", nil, "196X"), ("200", "EARLY", "2000/2004~"), ("200", "MID", "2003/2007~"), ("200", "LATE", "2005/2009~"),
        ("19", nil, "19XX"), ("19", "EARLY", "1900/1933~"), ("20", "START", "2000/2009~"), ("198", "END", "1987/1989~"), ("2013-SP", nil, "2013-21"), ("2013-WI", nil, "2013-24"),
        ("2013-Q3", nil, "2013-07/2013-09"), ("2013-H1", nil, "2013-01/2013-06"),
        ("2013-W11", nil, "2013-03-11/2013-03-17"), ("2013-W12-WE", nil, "2013-03-23/2013-03-24"),
        ("2013-03-22T17:35", nil, "2013-03-22"), ("2013-03-22TMO", nil, "2013-03-22"),
        ("2000", "ON_OR_AFTER", "2000/.."), ("2000", "BEFORE", "../2000"), ("1998", "APPROX", "1998~"),
    ] as [(String, String?, String)])
    func mapping(_ value: String, _ mod: String?, _ edtf: String) {
        #expect(TimexEDTF.edtf(value: value, mod: mod) == edtf)
        #expect(EDTF(edtf) != nil, "\(edtf) must parse as EDTF")
    }

    @Test("values without a placeable date", arguments: [
        "PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3Y", "PT3H", "XXXX", "XXXX-02-28", "XXXX-WXX-5", "XXXX-XX-XXTMO",
        "2013-W60", "2013-13", "2013-02-30", "", "abc", "19999",
    ])
    func none(_ value: String) {
        #expect(TimexEDTF.edtf(value: value) == nil)
    }

    @Test("EDTF back to TIMEX3", arguments: [
        ("1969", "1969"), ("2024-02", "2024-02"), ("2019-06-05", "2019-06-05"), ("196X", "196"), ("19XX", "19"),
        ("2013-21", "2013-SP"),
    ])
    func inverse(_ edtf: String, _ value: String) {
        #expect(TimexEDTF.timex(edtf: edtf) == value)
        #expect(TimexEDTF.edtf(value: value) == edtf)
    }

    @Test func everyTaggedEDTFParses() {
        let text = "In the early 2000s, last week, the 1960s, 1971-72, Since 2000, 2019年6月, the third quarter, this spring."
        for e in TemporalTagger.shared.tag(text, dct: dct2013) {
            if let edtf = e.edtf { #expect(EDTF(edtf) != nil, "\(e.text) → \(edtf)") }
        }
    }

    /// The tagger's cache answers plain dates without looking them up: the same answers as the mapping, for
    /// valid and invalid months and days, seasons, and strings of other shapes.
    @Test func cacheAgreesWithTheMapping() {
        let cache = EDTFCache()
        var rng = SplitMix64(seed: 11)
        var values = ["1998", "1998-02", "1998-21", "1998-25", "1998-00", "1998-02-29", "2000-02-29", "1998-13-01",
                      "0000", "9999-12-31", "199", "19980", "1998-2", "1998-02-3", "1998/02", "１９９８", "1998-SU",
                      "P3Y", "PT2H", "PRESENT_REF", "XXXX-WXX", "XXXX-03-22", "", "-1998", "19", "198", "1998-W12-WE"]
        for _ in 0..<500 {
            let shape = ["DDDD", "DDDD-DD", "DDDD-DD-DD", "DDDDDDD", "DD-D"][rng.below(5)]
            values.append(String(shape.map { $0 == "D" ? Character(String(rng.below(10))) : $0 }))
        }
        for v in values {
            #expect(cache.edtf(value: v, mod: nil) == TimexEDTF.edtf(value: v, mod: nil), "\(v)")
            #expect(cache.edtf(value: v, mod: "APPROX") == TimexEDTF.edtf(value: v, mod: "APPROX"), "\(v) APPROX")
        }
    }
}
