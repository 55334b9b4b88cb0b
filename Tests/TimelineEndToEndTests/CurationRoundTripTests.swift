import Foundation
import Testing
import TimelineModel

/// A user's corrections survive every regeneration, and unrelated corpus edits rename no event.
struct CurationRoundTripTests {
    func copyCorpus(to dir: URL) throws -> URL {
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: BinaryRunner.repoRoot.appendingPathComponent("corpus"), to: corpus)
        return corpus
    }

    @Test func curationSurvivesRebuildsAndUnrelatedEditsKeepIds() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = try copyCorpus(to: tmp)
        let events = tmp.appendingPathComponent("events.json")
        let args = ["build", "--corpus", corpus.path, "--events", events.path, "--output", tmp.appendingPathComponent("out").path, "-q"]
        #expect(try BinaryRunner.run(args).status == 0)
        let first = try EventGraphCoder.read(from: events)
        #expect(first.events.count >= 3)
        let renamed = first.events[0].id, hidden = first.events[1].id

        // The user's edit: a new title for one event, another hidden.
        let curation = """
            {"events": {"\(renamed)": {"title": "My own title"}, "\(hidden)": {"hidden": true}}}
            """
        try curation.write(to: tmp.appendingPathComponent("curation.json"), atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(args).status == 0)
        var g = try EventGraphCoder.read(from: events)
        #expect(g.event(withID: renamed)?.title == "My own title")
        #expect(g.event(withID: hidden) == nil)

        // An unrelated corpus change: a new document. Every earlier id is still there, and so is the edit.
        try "Unrelated note.\n\nIn 1957 the first satellite reached orbit.\n".write(
            to: corpus.appendingPathComponent("zz-unrelated.txt"), atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(args).status == 0)
        g = try EventGraphCoder.read(from: events)
        #expect(g.event(withID: renamed)?.title == "My own title")
        let before = Set(first.events.map(\.id)).subtracting([hidden])
        #expect(before.isSubset(of: Set(g.events.map(\.id))))
        #expect(g.events.count == first.events.count)  // one hidden, one added
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("curation.json.tmp").path))
    }

    @Test func staleCurationEntryIsReportedByName() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = try copyCorpus(to: tmp)
        try #"{"events": {"1901-no-such-event": {"title": "x"}}}"#.write(
            to: tmp.appendingPathComponent("curation.json"), atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["extract", "--corpus", corpus.path, "--events", tmp.appendingPathComponent("events.json").path, "-q"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("1901-no-such-event"))
    }

    @Test func malformedCurationStopsTheBuildAndKeepsOutputs() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = try copyCorpus(to: tmp)
        let events = tmp.appendingPathComponent("events.json")
        try "{\"schemaVersion\": 1}\n".write(to: events, atomically: true, encoding: .utf8)
        try "{\"events\": {\"x\": {\"titel\": \"typo\"}}}".write(to: tmp.appendingPathComponent("curation.json"), atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["extract", "--corpus", corpus.path, "--events", events.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("curation.json"))
        #expect(r.stderr.contains("titel"))
        #expect(try String(contentsOf: events, encoding: .utf8) == "{\"schemaVersion\": 1}\n")
    }
}
