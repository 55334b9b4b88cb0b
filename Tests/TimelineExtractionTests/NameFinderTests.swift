import Foundation
import Testing
import TimelineCorpus
@testable import TimelineExtraction

/// Names the lexicon does not list: people, organisations and places of a company history, a biography and news.
struct NameFinderTests {
    let finder = Lexicon.shared.names

    /// Each name found, as `kind:text`, in text order (repeats kept).
    func names(_ text: String) -> [String] {
        finder.names(in: Array(text.unicodeScalars)).map { "\($0.kind):\($0.text)" }
    }

    @Test func classifiesByTheNamesOwnWords() {
        #expect(names("The deal with Optica Labs closed.") == ["organisation:Optica Labs"])
        #expect(names("She studied at the University of Geneva until 1896.") == ["organisation:University of Geneva"])
        #expect(names("Troops crossed the Ussuri River at night.") == ["place:Ussuri River"])
        #expect(names("They climbed Mount Elbrus in July.") == ["place:Mount Elbrus"])
        // `of` continues an organisation's or a place's name, not a person's.
        #expect(!names("said Leon of Bear Stearns yesterday").contains { $0.hasSuffix("Leon of Bear Stearns") })
    }

    @Test func classifiesByContext() {
        #expect(names("It was founded by the engineers Hanna Kessler and Tomas Ruiz in a garage in Leiden.")
                == ["person:Hanna Kessler", "person:Tomas Ruiz", "place:Leiden"])
        #expect(names("She married the physicist Louis Fabre.") == ["person:Louis Fabre"])
        #expect(names("Finance Minister Anton Siluanov said the tax would rise.") == ["person:Anton Siluanov"])
        #expect(names("The city of Karthel surrendered.") == ["place:Karthel"])
        #expect(names("It was opened by Premier Jack Lang, though Francis de Groot cut the ribbon.")
                == ["person:Jack Lang", "person:Francis de Groot"])
        #expect(names("A storm hit the Big Bend region.") == ["place:Big Bend"])
        // A noun after the capitalised word makes it a modifier, not a place.
        #expect(names("Enrolment fell in Catholic schools.") == [])
    }

    @Test func oneNameThroughTheDocument() {
        let text = """
        Marguerite Aubel was born in Grenoble. In 1922 Aubel was elected to the Academy of Lyon.
        Norvale Instruments opened a factory. Two years later Norvale laid off 120 workers.
        """
        #expect(names(text) == ["person:Marguerite Aubel", "place:Grenoble", "person:Marguerite Aubel",
                                "organisation:Academy of Lyon", "organisation:Norvale Instruments",
                                "organisation:Norvale Instruments"])
        // The fullest form of a person's name stands for the shorter ones.
        #expect(names("James Charles Kopp was charged. Police had sought James Kopp since May.")
                == ["person:James Charles Kopp", "person:James Charles Kopp"])
    }

    @Test func leavesOutWhatIsNoName() {
        // A capitalised word opening a sentence, titles of events and works, roles, initials, abbreviations.
        #expect(names("Version 1.0 shipped. Shareholders approved it.") == [])
        #expect(names("During the First World War she won the Prix Lacaze.") == [])
        #expect(names("The Treaty of Friendship, Alliance and Mutual Assistance was signed.") == [])
        #expect(names("The Czech Foreign Minister arrived.") == [])
        #expect(names("The U.S. Immigration and Naturalization Service said no.")
                == ["organisation:Immigration and Naturalization Service"])
        #expect(names("the People's Liberation Army marched") == [])
        #expect(names("an Atlanta-based company") == [])
        #expect(names("## March 2020: Product Launch\n\nThe team shipped it.") == [])
        #expect(names("") == [])
        #expect(names("中国和俄罗斯") == [])
    }

    /// A long line of capitalised pairs (one line, no heading) is read in one pass: no look-back to its start for
    /// every pair.
    @Test func aLongLineOfNamesIsLinear() {
        let line = Array(String(repeating: "met Hanna Kessler and ", count: 40_000).unicodeScalars)
        let found = finder.names(in: line)
        #expect(found.count == 40_000)
    }

    /// Random text never traps, and every range lies inside the text.
    @Test func anyTextIsSafe() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("Ab Cd. of and \n, 'sQ-Zé中1".unicodeScalars)
        for _ in 0..<300 {
            let s = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            for n in finder.names(in: s) {
                #expect(n.range.lowerBound >= 0 && n.range.upperBound <= s.count && !n.range.isEmpty)
            }
        }
    }

    /// In an extracted event, names beside the lexicon's: actors and places of a company history.
    @Test func eventsCarryTheNames() {
        let text = """
        Norvale Instruments was founded in 1998 by the engineers Hanna Kessler and Tomas Ruiz in Leiden.

        In 2006 the company opened a second factory in Brno. On 3 October 2013, Norvale agreed to acquire its rival \
        Optica Labs.
        """
        let doc = SourceDocument(id: "history.md", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                                 title: nil, date: nil, metadataRanges: [], languages: ["en"])
        let mentions = EventExtractor().extract(doc).mentions
        let byDate = Dictionary(mentions.map { ($0.edtf ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byDate["1998"]?.actors == ["Norvale Instruments", "Hanna Kessler", "Tomas Ruiz"])
        #expect(byDate["1998"]?.places == ["Leiden"])
        #expect(byDate["2006"]?.places == ["Brno"])
        #expect(byDate["2013-10-03"]?.actors == ["Norvale Instruments", "Optica Labs"])
    }
}
