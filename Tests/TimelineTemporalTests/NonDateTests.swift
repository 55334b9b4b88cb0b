import Testing
@testable import TimelineTemporal

@Suite("Numbers that are not dates")
struct NonDateTests {
    @Test("no expression at all", arguments: [
        "$240 billion", "240 billion dollars", "400000 soldiers", "over 5500 sanctions",
        "nearly 6000 foreign mercenaries", "over 7000 foreign soldiers", "the S-400 system", "the Su-35 jets",
        "26%", "over 40 times", "Call 555-867-5309 or +1 (202) 555-2019 please", "id 6459a746-e11e-4340-9cb5-ae3ebaa23e0e",
        "see https://example.com/2019/06/05/story-1998.html", "mail me at bob2019@example.org", "$2000", "€1999",
        "1500 troops", "2000 people", "the 2019-nCoV virus", "a 6-year-old boy", "ISO 9001 certified", "2.5 million",
        "1,998 votes", "the 1998x model", "about 1200 residents", "tel. +86 10 1234 5678", "(0)20 7946 0958",
    ])
    func nothing(_ text: String) {
        let found = TemporalTagger.shared.tag(text, dct: dct2013)
        #expect(found.filter { $0.type != .duration }.isEmpty, "\(text) → \(found.map { "\($0.text)=\($0.value)" })")
    }

    @Test func durationsAreNeverDates() {
        let e = TemporalTagger.shared.tag("He served 30 years in prison.", dct: dct2013)
        #expect(e.map(\.type) == [.duration])
        #expect(e.first?.value == "P30Y")
    }

    @Test func yearsInPlausibleContextsStillCount() {
        #expect(tagged("In 1998 the company grew.", "1998")?.value == "1998")
        #expect(tagged("The 2000 census counted them.", "2000")?.value == "2000")
        #expect(tagged("(1969)", "1969")?.value == "1969")
        #expect(tagged("He was born in 1950, she in 1952.", "1952")?.value == "1952")
    }
}
