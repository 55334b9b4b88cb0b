import Foundation
import Testing
import TimelineCorpus
import TimelineExtraction
import TimelineGraph
import TimelineModel

/// The five anchor events of the seed articles (../shared/seeds, real web pages) with the right dates.
/// Skipped when the shared folder is absent.
struct SeedAnchorTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static var haveSeeds: Bool { FileManager.default.fileExists(atPath: seeds.path) }

    static func graph() throws -> EventGraph {
        let result = try CorpusReader(root: seeds).read()
        #expect(result.errors.isEmpty)
        let extractor = EventExtractor()
        return GraphBuilder().build(documents: result.documents, extractions: result.documents.map { extractor.extract($0) })
    }

    @Test(.enabled(if: haveSeeds, "../shared/seeds is absent"))
    func anchorEventsHaveTheirDates() throws {
        let g = try Self.graph()
        func has(_ date: String, _ words: [String]) -> Bool {
            g.events.contains { e in
                e.date.value == date && e.mentions.contains { m in words.allSatisfy { m.quote.localizedCaseInsensitiveContains($0) } }
            }
        }
        #expect(has("1969", ["Ussuri"]), "1969 Ussuri River clash")
        #expect(has("2008", ["Georgian War"]), "2008 Georgian war")
        #expect(has("2014", ["Crimean"]), "2014 Crimean crisis")
        #expect(has("2019-06-05", ["June 5, 2019"]), "2019-06-05 partnership upgrade")
        #expect(has("2022", ["invasion of Ukraine"]), "2022 invasion of Ukraine")
    }

    @Test(.enabled(if: haveSeeds, "../shared/seeds is absent"))
    func numbersThatAreNotDatesAreNotEvents() throws {
        let g = try Self.graph()
        let dateTexts = g.events.flatMap { $0.mentions.map(\.dateText) }
        for bad in ["240", "400000", "5500", "6000", "7000", "400", "35", "26", "6459", "4340", "17:35"] {
            #expect(!dateTexts.contains { $0.contains(bad) }, "\(bad) was taken as a date")
        }
    }

    @Test(.enabled(if: haveSeeds, "../shared/seeds is absent"))
    func everyQuoteIsTheTextAtItsSpan() throws {
        let g = try Self.graph()
        for e in g.events {
            #expect(e.title.count <= Event.maxTitleLength)
            for m in e.mentions {
                let text = try String(contentsOf: Self.seeds.appendingPathComponent(m.document), encoding: .utf8)
                let scalars = Array(text.unicodeScalars)
                let slice = String(String.UnicodeScalarView(scalars[m.span[0]..<m.span[1]]))
                #expect(slice == m.quote, "\(e.id)")
                #expect(m.quote.contains(m.dateText))
            }
        }
    }

    @Test(.enabled(if: haveSeeds, "../shared/seeds is absent"))
    func documentDates() throws {
        let g = try Self.graph()
        let dates = Dictionary(uniqueKeysWithValues: g.documents.map { ($0.id, $0.date) })
        #expect(dates["000_876e940b1fc0c835.txt"] == "2025-05-31")
        #expect(dates["003_23b679c1269189cc.txt"] == "2024-05-20")
        #expect(dates["001_f2308b668f01e3ab.txt"] == .some(nil))
    }
}
