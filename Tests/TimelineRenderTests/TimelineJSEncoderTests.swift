import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("TimelineJSEncoder")
struct TimelineJSEncoderTests {
    private func json(_ graph: EventGraph, _ options: RenderOptions = RenderOptions()) throws -> [String: Any] {
        let data = try TimelineJSEncoder(options: options).encode(graph)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("one TimelineJS event per dated event, with dates, headline, text, group and our id")
    func events() throws {
        let graph = try TestSupport.fixture("realistic")
        let root = try json(graph, RenderOptions(title: "Sino-Soviet"))
        let events = try #require(root["events"] as? [[String: Any]])
        #expect(events.count == graph.events.count)
        #expect(Set(events.compactMap { $0["unique_id"] as? String }) == Set(graph.events.map(\.id)))
        let clash = try #require(events.first { $0["unique_id"] as? String == "1969-zhenbao-island-clash" })
        #expect(clash["start_date"] as? [String: String] == ["year": "1969", "month": "3", "day": "2"])
        #expect(clash["end_date"] == nil)
        #expect(clash["group"] as? String == "war")
        #expect(clash["display_date"] as? String == "2 March 1969")
        let text = try #require(clash["text"] as? [String: String])
        #expect(text["headline"] == "珍宝岛边境冲突")
        #expect(text["text"]?.contains("<blockquote>") == true)
        #expect(text["text"]?.contains("<a href=\"./articles/") == true)
        let decade = try #require(events.first { ($0["display_date"] as? String) == "1960s" })
        #expect(decade["start_date"] as? [String: String] == ["year": "1960"])
        #expect(decade["end_date"] as? [String: String] == ["year": "1969"])
        let title = try #require(root["title"] as? [String: Any])
        #expect((title["text"] as? [String: String])?["headline"] == "Sino-Soviet")
    }

    @Test("corpus text is HTML-escaped; links never carry a corpus scheme; ids stay unique")
    func adversarial() throws {
        let data = try TimelineJSEncoder().encode(try TestSupport.fixture("adversarial"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(root["events"] as? [[String: Any]])
        let ids = events.compactMap { $0["unique_id"] as? String }
        #expect(Set(ids).count == ids.count)
        for event in events {
            let text = try #require(event["text"] as? [String: String])
            for html in [text["headline"]!, text["text"]!] {
                #expect(!html.contains("<script"))
                #expect(!html.contains("<img"))
                #expect(!html.contains("<!--"))
                #expect(!html.contains("href=\"javascript"))
                // Only our own tags.
                for match in html.matches(of: #/<\/?([a-zA-Z]+)/#) {
                    #expect(["p", "b", "blockquote", "a"].contains(String(match.1)), "\(match.1)")
                }
            }
        }
    }
}
