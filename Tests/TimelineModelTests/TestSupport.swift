import Foundation
@testable import TimelineModel

/// Paths and helpers shared by the model tests.
enum TestSupport {
    /// The repository root, found from this file's location (Tests/TimelineModelTests/TestSupport.swift).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let schema: URL = repoRoot.appendingPathComponent("docs/events.schema.json")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A fresh, empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("timeline-model-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mention(_ doc: String, _ start: Int, _ end: Int, _ quote: String, _ dateText: String) -> Mention {
        Mention(document: doc, span: [start, end], quote: quote, dateText: dateText)
    }

    /// A small graph with every kind of element, in canonical order.
    static func sampleGraph() -> EventGraph {
        let clash = Event(
            id: "1969-03-ussuri-river-clash", date: EventDate(edtf: "1969-03")!,
            title: "Sino-Soviet border clash on the Ussuri River", type: "war",
            actors: ["Soviet Union", "China"], places: ["Zhenbao Island", "Ussuri River"],
            mentions: [
                mention("a.txt", 10, 80, "In March 1969 troops fought on Zhenbao Island.", "March 1969"),
                mention("b/zh.md", 5, 30, "1969年3月，珍宝岛发生武装冲突。", "1969年3月"),
            ])
        let split = Event(
            id: "1960s-sino-soviet-split", date: EventDate(edtf: "196X")!, title: "Sino-Soviet split",
            type: "diplomacy", actors: ["China", "Soviet Union"],
            mentions: [mention("a.txt", 0, 9, "the 1960s", "1960s")])
        let upgrade = Event(
            id: "2019-06-05-new-era-partnership", date: EventDate(edtf: "2019-06-05")!,
            title: "Partnership for a new era", type: "diplomacy", actors: ["China", "Russia"], places: ["Moscow"],
            mentions: [mention("c.html", 400, 460, "On 5 June 2019 ties were upgraded.", "5 June 2019")])
        let earlyTwoThousands = Event(
            id: "2000s-early-rebuilding", date: EventDate(edtf: "2000/2004~")!, title: "Ties rebuilt",
            mentions: [mention("a.txt", 120, 160, "in the early 2000s ties were rebuilt", "early 2000s")])
        var g = EventGraph(
            documents: [
                DocumentRecord(id: "a.txt", sha256: String(repeating: "a", count: 64), title: nil, date: nil,
                               languages: ["en"]),
                DocumentRecord(id: "b/zh.md", sha256: String(repeating: "b", count: 64), title: "中苏关系",
                               date: "2024-06-01", languages: ["zh"]),
                DocumentRecord(id: "c.html", sha256: String(repeating: "c", count: 64), title: "Energy & ties",
                               date: "2023-11-02", languages: ["en"]),
            ],
            events: [split, clash, earlyTwoThousands, upgrade],
            relations: [
                Relation(from: "1969-03-ussuri-river-clash", to: "1960s-sino-soviet-split", type: .partOf,
                         evidence: Evidence(document: "a.txt", span: [10, 40], quote: "In March 1969 troops fought")),
                Relation(from: "2000s-early-rebuilding", to: "2019-06-05-new-era-partnership", type: .precedes,
                         evidence: Evidence(document: "a.txt", span: [120, 200], quote: "ties were rebuilt, and later")),
            ],
            undated: [
                UndatedEvent(id: "power-of-siberia-2-talks", title: "Talks on a second pipeline", type: "economy",
                             mentions: [mention("c.html", 900, 950, "talks on a second line continue", "")]),
            ])
        g.canonicalize()
        return g
    }
}

