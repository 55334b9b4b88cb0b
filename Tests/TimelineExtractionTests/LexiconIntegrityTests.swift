import Foundation
import Testing
@testable import TimelineExtraction

/// Guards the bundled gazetteer (`entities.json`) and trigger lists (`event-types.json`) against the mistakes
/// that are easy to make when they grow: duplicated names, an alias claimed by two entities, short Chinese
/// aliases that occur inside other words, actors without a Chinese name.
struct LexiconIntegrityTests {
    let lexicon = Lexicon.shared

    static let resources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TimelineExtraction/Resources")

    /// Chinese aliases deliberately listed under several entities: compounds naming a pair (中俄 = China and Russia).
    static let sharedChineseCompounds: Set<String> = [
        "中俄", "俄中", "中苏", "中美", "中日", "中印", "中韩", "俄乌", "美俄", "俄美", "俄朝", "美苏", "美日", "美韩", "韩美",
        "美朝", "美英", "朝韩", "日韩", "印巴", "巴以",
    ]

    /// English aliases (names or attributive forms) deliberately listed under several entities. None so far.
    static let sharedEnglishAliases: Set<String> = []

    /// Chinese aliases that occur inside a longer alias of another entity. The matcher reports every entity
    /// whose alias occurs, so text with the longer name also names the shorter one's entity. Each pair here is
    /// known and accepted: either the shorter entity is genuinely involved (台湾 in 台湾海峡), or the longer name
    /// is rare and the shorter one too common to drop (印度 in 印度尼西亚). A new pair must be added here on purpose.
    static let acceptedChineseContainments: Set<String> = [
        "俄罗斯⊂白俄罗斯", "印度⊂印度尼西亚", "印度⊂印度洋", "苏丹⊂南苏丹", "几内亚⊂几内亚比绍", "几内亚⊂赤道几内亚",
        "几内亚⊂巴布亚新几内亚", "捷克⊂捷克斯洛伐克", "斯洛伐克⊂捷克斯洛伐克", "日本⊂日本海", "朝鲜⊂朝鲜半岛",
        "台湾⊂台湾海峡", "土耳其⊂土耳其海峡", "巴拿马⊂巴拿马运河", "约旦⊂约旦河西岸", "爱尔兰⊂北爱尔兰",
        "柏林⊂都柏林", "南海⊂中南海", "大西洋⊂北大西洋公约组织", "欧洲⊂欧洲联盟", "欧洲⊂欧洲安全与合作组织",
        "非洲⊂非洲联盟", "非洲⊂非洲之角", "东南亚⊂东南亚国家联盟", "波罗的海⊂波罗的海三国", "波罗的海⊂波罗的海国家",
        "美日⊂美日印澳",
    ]

    func names(_ text: String) -> [String] { lexicon.entities(in: text).map(\.entity.name) }

    @Test func bundledJSONLoads() throws {
        let lexicon = try Lexicon(directory: Self.resources)
        #expect(lexicon.entities.count == Lexicon.shared.entities.count)
        #expect(lexicon.entities.count > 500)
        #expect(lexicon.eventTypes.count >= 9)
        for file in ["entities.json", "event-types.json"] {
            let data = try Data(contentsOf: Self.resources.appendingPathComponent(file))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["_comment"] is String, "\(file) keeps its _comment")
        }
    }

    @Test func entityNamesAreUnique() {
        var seen: [String: Int] = [:]
        for e in lexicon.entities { seen[e.name, default: 0] += 1 }
        #expect(seen.filter { $0.value > 1 }.keys.sorted() == [])
    }

    @Test func aliasesAreNotRepeatedWithinAnEntity() {
        for e in lexicon.entities {
            for (label, list) in [("en", e.en), ("zh", e.zh), ("adjectives", e.adjectives)] {
                #expect(Set(list).count == list.count, "\(e.name) repeats an alias in \(label)")
            }
        }
    }

    @Test func englishAliasesBelongToOneEntity() {
        var owners: [String: Set<String>] = [:]
        for e in lexicon.entities { for a in e.en + e.adjectives { owners[a, default: []].insert(e.name) } }
        let shared = owners.filter { $0.value.count > 1 && !Self.sharedEnglishAliases.contains($0.key) }
        #expect(shared.isEmpty, "\(shared.mapValues { $0.sorted() })")
    }

    /// Matching is case-sensitive; an alias without a capital letter would match ordinary words.
    @Test func englishAliasesAreCapitalised() {
        for e in lexicon.entities {
            for a in e.en + e.adjectives {
                #expect(a.contains { $0.isUppercase }, "\(e.name): '\(a)' has no capital letter")
            }
        }
    }

    @Test func chineseAliasesHaveAtLeastTwoCharacters() {
        for e in lexicon.entities {
            for a in e.zh { #expect(a.count >= 2, "\(e.name): '\(a)' is too short to match safely") }
        }
    }

    @Test func chineseAliasesSharedOnlyAsCompounds() {
        var owners: [String: Set<String>] = [:]
        for e in lexicon.entities { for a in e.zh { owners[a, default: []].insert(e.name) } }
        let shared = owners.filter { $0.value.count > 1 && !Self.sharedChineseCompounds.contains($0.key) }
        #expect(shared.isEmpty, "\(shared.mapValues { $0.sorted() })")
        for compound in Self.sharedChineseCompounds {
            #expect(owners[compound, default: []].count == 2, "\(compound) should name exactly two entities")
        }
    }

    /// A Chinese alias inside another entity's longer alias makes that longer name also report the shorter
    /// alias's entity. Every such pair must be accepted explicitly.
    @Test func chineseAliasesInsideOtherEntitiesAliases() {
        var owners: [String: Set<String>] = [:]
        for e in lexicon.entities { for a in e.zh { owners[a, default: []].insert(e.name) } }
        var found: [String] = []
        for (short, shortOwners) in owners {
            for (long, longOwners) in owners where long != short && long.contains(short) {
                if !shortOwners.isSubset(of: longOwners) { found.append("\(short)⊂\(long)") }
            }
        }
        let unexpected = Set(found).subtracting(Self.acceptedChineseContainments)
        #expect(unexpected.isEmpty, "\(unexpected.sorted())")
        let stale = Self.acceptedChineseContainments.subtracting(found)
        #expect(stale.isEmpty, "accepted pairs that no longer occur: \(stale.sorted())")
    }

    @Test func everyActorHasAChineseName() {
        let missing = lexicon.entities.filter { $0.kind == .actor && $0.zh.isEmpty }.map(\.name)
        #expect(missing == [])
    }

    @Test func existingNamesAreKept() {
        let all = Set(lexicon.entities.map(\.name))
        for name in ["China", "Russia", "Soviet Union", "United States", "Ukraine", "Georgia", "West", "NATO",
                     "European Union", "Vladimir Putin", "Xi Jinping", "Henry Kissinger", "Richard Nixon",
                     "Mao Zedong", "Ussuri River", "Zhenbao Island", "Crimea", "Korea", "Taiwan", "Syria"] {
            #expect(all.contains(name), "\(name)")
        }
    }

    @Test func spotChecks() {
        #expect(names("Tehran rejected the offer") == ["Iran"])
        #expect(names("德国总理访华") == ["Germany"])
        let modi = lexicon.entities(in: "Narendra Modi arrived").first?.entity
        #expect(modi?.name == "Narendra Modi")
        #expect(modi?.kind == .actor)
        #expect(names("NATO allies") == ["NATO"])
        #expect(names("the Nato summit") == ["NATO"])
        #expect(names("北约峰会") == ["NATO"])
        #expect(names("the Kremlin said") == ["Russia"])
        #expect(names("London and Paris") == ["United Kingdom", "France"])
        #expect(names("韩国总统") == ["South Korea"])
        #expect(names("朝鲜与韩国") == ["North Korea", "South Korea"])
        #expect(names("Ankara and Kyiv") == ["Turkey", "Ukraine"])
        #expect(names("the Strait of Hormuz") == ["Strait of Hormuz"])
        #expect(names("蒙古国与内蒙古") == ["Mongolia", "Inner Mongolia"])
        #expect(names("马里乌波尔") == ["Mariupol"])
        #expect(names("沿海地区") == [])
        #expect(names("Xi Jinping and Vladimir Putin") == ["Xi Jinping", "Vladimir Putin"])
    }

    @Test func eventTriggersAreWellFormed() {
        var owners: [String: Set<String>] = [:]
        for t in lexicon.eventTypes {
            #expect(!t.en.isEmpty && !t.zh.isEmpty, "\(t.type)")
            for w in t.en { owners[w.lowercased(), default: []].insert(t.type) }
            for w in t.zh {
                #expect(w.count >= 2, "\(t.type): '\(w)' is too short")
                owners[w, default: []].insert(t.type)
            }
        }
        let shared = owners.filter { $0.value.count > 1 }
        #expect(shared.isEmpty, "\(shared.mapValues { $0.sorted() })")
    }

    @Test func broadenedEventTypes() {
        #expect(lexicon.eventType(of: "A powerful earthquake killed 300 people") == "disaster")
        #expect(lexicon.eventType(of: "台风造成严重洪灾") == "disaster")
        #expect(lexicon.eventType(of: "The two sides agreed a ceasefire") == "agreement")
        #expect(lexicon.eventType(of: "parliament impeached the president") == "politics")
        #expect(lexicon.eventType(of: "美国将多家中国企业列入实体清单") == "sanctions")
        #expect(lexicon.eventType(of: "Artillery shelling continued") == "war")
    }
}
