import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("Event digests")
struct EventDigestTests {
    static let base = Event(id: "1969-03-02-clash", date: EventDate(edtf: "1969-03-02")!, title: "Clash on the river",
                            type: "conflict", actors: ["China", "Soviet Union"], places: ["Zhenbao Island"],
                            mentions: [Mention(document: "a.md", span: [10, 40], quote: "They clashed.", dateText: "2 March 1969")])

    @Test("every stored property of Event, EventDate and Mention is covered: a field added must be digested")
    func coversTheModel() {
        // The digest writes these fields; Mirror lists what the types store.
        #expect(Mirror(reflecting: Self.base).children.compactMap(\.label).sorted()
                == ["actors", "date", "id", "mentions", "places", "title", "type"])
        #expect(Mirror(reflecting: Self.base.date).children.compactMap(\.label).sorted() == ["end", "precision", "start", "value"])
        #expect(Mirror(reflecting: Self.base.mentions[0]).children.compactMap(\.label).sorted()
                == ["dateText", "document", "quote", "span"])
    }

    @Test("a change to any field changes the digest; field boundaries cannot be shifted")
    func changes() {
        var variants: [Event] = [Self.base]
        func vary(_ f: (inout Event) -> Void) { var e = Self.base; f(&e); variants.append(e) }
        vary { $0.id += "x" }
        vary { $0.date = EventDate(edtf: "1969-03")! }
        vary { $0.date.end = "1969-03-03" }
        vary { $0.title = "Clash on the rive" }
        vary { $0.type = "war" }
        vary { $0.actors = ["ChinaSoviet Union"] }
        vary { $0.actors = ["China"]; $0.places = ["Soviet Union", "Zhenbao Island"] }
        vary { $0.mentions[0].span = [10, 41] }
        vary { $0.mentions[0].quote += " " }
        vary { $0.mentions[0].dateText = "March 1969" }
        vary { $0.mentions[0].document = "b.md" }
        vary { $0.mentions.append($0.mentions[0]) }
        let digests = EventDigest.digests(of: variants)
        #expect(Set(digests).count == variants.count)
        #expect(EventDigest.digests(of: [Self.base]) == [digests[0]], "the same event, the same digest")
    }

    @Test("a memo, made now or when first asked for, gives every event's digest; repeated ids get none")
    func memo() throws {
        let graph = TestSupport.synthetic(count: 600)
        let expected = EventDigest.digests(of: graph.events)
        let now = try #require(EventDigest.Memo(events: graph.events, threads: 2))
        #expect(now.digests(of: graph.events) == expected)
        // Asked for from several threads at once: made once, and the same for all.
        let deferred = try #require(EventDigest.Memo(deferring: graph.events))
        let results = ConcurrentJobs.Slots<[String]>(count: 4)
        try ConcurrentJobs.run((0..<4).map { k in { results[k] = deferred.digests(of: graph.events) } }, threads: 4)
        for k in 0..<4 { #expect(results[k] == expected) }
        #expect(graph.events.indices.allSatisfy { deferred.digest(of: graph.events[$0]) == expected[$0] })
        // An event the memo does not know is digested on the spot.
        var other = graph.events[0]
        other.id = "not-in-the-graph"
        #expect(deferred.digest(of: other) == EventDigest.digests(of: [other])[0])
        let repeated = [graph.events[0], graph.events[0]]
        #expect(EventDigest.Memo(deferring: repeated) == nil && EventDigest.Memo(events: repeated) == nil)
    }
}
