import Foundation
import Testing
@testable import TimelineRender
import TimelineModel

@Suite("EventFilter")
struct EventFilterTests {
    @Test("a date window keeps the events that overlap it")
    func window() throws {
        let graph = try TestSupport.fixture("realistic")
        let filtered = try EventFilter.parse(from: "1969", to: "1989-05").apply(to: graph)
        #expect(filtered.events.allSatisfy { $0.date.end >= "1969-01-01" && $0.date.start <= "1989-05-31" })
        #expect(filtered.events.contains { $0.date.value == "196X" })  // the 1960s overlap 1969
        #expect(!filtered.events.contains { $0.date.value.hasPrefix("1950") })
        #expect(filtered.undated.isEmpty)
        let kept = Set(filtered.events.map(\.id))
        #expect(filtered.relations.allSatisfy { kept.contains($0.from) && kept.contains($0.to) })
        let cited = Set(filtered.events.flatMap { $0.mentions.map(\.document) })
        #expect(Set(filtered.documents.map(\.id)) == cited)
    }

    @Test("type and actor filters are case-insensitive and take comma-separated lists")
    func typesAndActors() throws {
        let graph = try TestSupport.fixture("realistic")
        let types = try EventFilter.parse(from: nil, to: nil, types: ["CONFLICT,diplomacy"]).apply(to: graph)
        #expect(!types.events.isEmpty)
        #expect(types.events.allSatisfy { ["conflict", "diplomacy"].contains($0.type) })
        let actor = try #require(graph.events.flatMap(\.actors).first)
        let actors = try EventFilter.parse(from: nil, to: nil, actors: [actor.uppercased()]).apply(to: graph)
        #expect(!actors.events.isEmpty)
        #expect(actors.events.allSatisfy { $0.actors.contains(actor) })
    }

    @Test("the same filter applies to every output")
    func everyOutput() throws {
        let graph = try TestSupport.fixture("realistic")
        let options = RenderOptions(filter: try EventFilter.parse(from: "2001", to: nil, types: []))
        let kept = options.filter.apply(to: graph).events
        let dropped = graph.events.filter { e in !kept.contains { $0.id == e.id } }
        #expect(!dropped.isEmpty && !kept.isEmpty)
        let outputs = [
            DOTEncoder(options: options).encode(graph), PositionedDOTEncoder(options: options).encode(graph),
            MarkdownRenderer(options: options).render(graph), MermaidRenderer(options: options).render(graph),
            String(decoding: try TimelineJSEncoder(options: options).encode(graph), as: UTF8.self),
        ]
        for output in outputs {
            for event in dropped { #expect(!output.contains(event.id) && !output.contains(event.title), "\(event.id)") }
        }
    }

    @Test("dates that are not EDTF are errors that name the option")
    func invalid() {
        #expect(throws: TimelineError.invalidArgument(
            "--from: 'yesterday' is not an EDTF date (examples: 2000, 1969-03, 2019-06-05, 196X)")) {
            try EventFilter.parse(from: "yesterday", to: nil)
        }
        #expect(throws: TimelineError.self) { try EventFilter.parse(from: "2010", to: "2000") }
    }
}
