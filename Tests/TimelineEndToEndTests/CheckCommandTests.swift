import Foundation
import Testing

/// End-to-end: `timeline check` with the built binary on a copy of the bundled corpus.
@Suite(.serialized) struct CheckCommandTests {
    /// A temporary folder holding a copy of the bundled corpus.
    static func workspace() throws -> URL {
        let tmp = try BinaryRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: BinaryRunner.repoRoot.appendingPathComponent("corpus"),
                                         to: tmp.appendingPathComponent("corpus"))
        return tmp
    }

    @Test func freshStaleAndFreshAgain() throws {
        let tmp = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let missing = try BinaryRunner.run(["check"], in: tmp)
        #expect(missing.status == 3, "nothing built yet: \(missing.stderr)")
        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        let fresh = try BinaryRunner.run(["check"], in: tmp)
        #expect(fresh.status == 0, "\(fresh.stderr)")

        let doc = tmp.appendingPathComponent("corpus/from-alliance-to-rupture.txt")
        try (String(contentsOf: doc, encoding: .utf8) + "\nIn June 2001 the two states signed a treaty of friendship.\n")
            .write(to: doc, atomically: true, encoding: .utf8)
        try "In May 2014 a gas deal was signed in Shanghai.\n".write(to: tmp.appendingPathComponent("corpus/new.txt"),
                                                                   atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: tmp.appendingPathComponent("corpus/zhonge-guanxi-pinglun.txt"))
        let stale = try BinaryRunner.run(["check"], in: tmp)
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("changed: from-alliance-to-rupture.txt"), "\(stale.stderr)")
        #expect(stale.stderr.contains("added: new.txt"), "\(stale.stderr)")
        #expect(stale.stderr.contains("removed: zhonge-guanxi-pinglun.txt"), "\(stale.stderr)")
        #expect(stale.stderr.contains("events.json"))

        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        #expect(try BinaryRunner.run(["check"], in: tmp).status == 0)
    }

    @Test func handEditedOutputAndCurationAreNamed() throws {
        let tmp = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        let md = tmp.appendingPathComponent("output/timeline.md")
        try (String(contentsOf: md, encoding: .utf8) + "my note\n").write(to: md, atomically: true, encoding: .utf8)
        let edited = try BinaryRunner.run(["check"], in: tmp)
        #expect(edited.status == 3)
        #expect(edited.stderr.contains("edited: output/timeline.md"), "\(edited.stderr)")
        #expect(!edited.stderr.contains("timeline.svg"))

        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        let events = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("events.json"))) as? [String: Any]
        let first = try #require((events?["events"] as? [[String: Any]])?.first?["id"] as? String)
        try Data("{\"events\": {\"\(first)\": {\"title\": \"Renamed by hand\"}}}".utf8)
            .write(to: tmp.appendingPathComponent("curation.json"))
        let curated = try BinaryRunner.run(["check", "--json"], in: tmp)
        #expect(curated.status == 3)
        #expect(curated.stdout.contains("\"kind\" : \"curation\""), "\(curated.stdout)")
        let curationBytes = try Data(contentsOf: tmp.appendingPathComponent("curation.json"))
        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        #expect(try BinaryRunner.run(["check"], in: tmp).status == 0)
        #expect(try Data(contentsOf: tmp.appendingPathComponent("curation.json")) == curationBytes, "curation.json is never written")
    }
}
