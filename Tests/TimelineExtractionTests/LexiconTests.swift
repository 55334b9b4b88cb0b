import Testing
@testable import TimelineExtraction

struct LexiconTests {
    let lexicon = Lexicon.shared

    @Test func aliasesAcrossLanguagesAndTime() {
        let names = { (text: String) in self.lexicon.entities(in: text).map(\.entity.name) }
        #expect(names("Moscow and Beijing signed") == ["Russia", "China"])
        #expect(names("苏联与中国") == ["Soviet Union", "China"])
        #expect(names("the USSR collapsed") == ["Soviet Union"])
        #expect(names("Chinese and Soviet troops") == ["China", "Soviet Union"])
        #expect(names("俄罗斯和乌克兰") == ["Russia", "Ukraine"])
    }

    @Test func shortAliasesMatchWholeWordsOnly() {
        let names = lexicon.entities(in: "Let us discuss the status of Xian and the museum").map(\.entity.name)
        #expect(!names.contains("United States"))
        #expect(!names.contains("Xi Jinping"))
    }

    @Test func eventTypesFromTriggers() {
        #expect(lexicon.eventType(of: "Russian forces invaded Ukraine") == "war")
        #expect(lexicon.eventType(of: "troops clashed along the river") == "conflict")
        #expect(lexicon.eventType(of: "the two sides signed a treaty of friendship") == "agreement")
        #expect(lexicon.eventType(of: "Washington imposed new sanctions") == "sanctions")
        #expect(lexicon.eventType(of: "两国举行联合军演") == "military-cooperation")
        #expect(lexicon.eventType(of: "贸易额创下新高") == "economy")
        #expect(lexicon.eventType(of: "a quiet afternoon") == "event")
        // Beyond international affairs: companies, science, culture, lives.
        #expect(lexicon.eventType(of: "Norvale agreed to acquire its rival") == "business")
        #expect(lexicon.eventType(of: "the firm laid off 120 workers") == "business")
        #expect(lexicon.eventType(of: "she isolated a new compound in her laboratory") == "science")
        #expect(lexicon.eventType(of: "the opera premiered in Paris") == "culture")
        #expect(lexicon.eventType(of: "Aubel was born in Grenoble") == "life")
        #expect(lexicon.eventType(of: "公司收购对手") == "business")
        // The types whose events belong to their actors are marked in the data, not in code.
        #expect(lexicon.typesOfActors == ["business", "science", "culture", "life"])
        // A tie goes to the older type: soldiers who died in an attack are a conflict's.
        #expect(lexicon.eventType(of: "twelve soldiers died in the attack") == "conflict")
        // `accord` takes inflections, but `according to` attributes a claim.
        #expect(lexicon.eventType(of: "cargo volumes hit a record, according to officials") == "event")
        #expect(lexicon.eventType(of: "Putin travelled to Beijing to attend a forum") == "diplomacy")
        #expect(lexicon.eventType(of: "the 2008 financial crisis") == "economy")
        #expect(lexicon.eventType(of: "2008年金融危机") == "economy")
        #expect(lexicon.eventType(of: "the Cuban missile crisis") == "conflict")
    }

    @Test func everyRelationCueHasAKnownTypeAndOneLanguage() {
        for cue in lexicon.relationCues {
            #expect(["causes", "response-to", "part-of", "precedes"].contains(cue.type))
            #expect((cue.en == nil) != (cue.zh == nil))
        }
    }

    @Test func theLongestAliasWins() {
        let names = lexicon.entities(in: "印度尼西亚总统访问北京").map(\.entity.name)
        #expect(names.contains("China"))
        #expect(!names.contains("India"))
        #expect(names.count == 2)
        // A compound alias still names all of its entities.
        #expect(Set(lexicon.entities(in: "中俄关系").map(\.entity.name)) == ["China", "Russia"])
    }
}
