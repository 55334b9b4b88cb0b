import Foundation
import Testing
import TimelineModel

/// End-to-end: the built binary on the bundled corpus and on broken inputs.
@Suite(.serialized) struct BuildCommandTests {
    let root = BinaryRunner.repoRoot

    @Test func committedOutputsAreWhatABuildMakes() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try BinaryRunner.run(["build", "--corpus", root.appendingPathComponent("corpus").path,
                                      "--events", tmp.appendingPathComponent("events.json").path,
                                      "--output", tmp.appendingPathComponent("output").path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // The committed files must be exactly what a build writes now (run `swift run timeline build`).
        let pairs = [("events.json", "events.json"), ("output/timeline.dot", "output/timeline.dot"),
                     ("output/timeline.md", "output/timeline.md"), ("output/timeline.svg", "output/timeline.svg")]
        for (committed, fresh) in pairs {
            let a = try Data(contentsOf: root.appendingPathComponent(committed))
            let b = try Data(contentsOf: tmp.appendingPathComponent(fresh))
            #expect(a == b, "\(committed) is stale: run `swift run -c release timeline build` and commit the result")
        }
    }

    @Test func buildTwiceChangesNoByte() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let args = ["build", "--corpus", root.appendingPathComponent("corpus").path, "--events",
                    tmp.appendingPathComponent("events.json").path, "--output", tmp.appendingPathComponent("out").path, "-q"]
        #expect(try BinaryRunner.run(args).status == 0)
        let names = ["events.json", "out/timeline.dot", "out/timeline.svg", "out/timeline.md"]
        let first = try names.map { try Data(contentsOf: tmp.appendingPathComponent($0)) }
        let mtimes = try names.map { try FileManager.default.attributesOfItem(atPath: tmp.appendingPathComponent($0).path)[.modificationDate] as? Date }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try BinaryRunner.run(args).status == 0)
        let second = try names.map { try Data(contentsOf: tmp.appendingPathComponent($0)) }
        let mtimes2 = try names.map { try FileManager.default.attributesOfItem(atPath: tmp.appendingPathComponent($0).path)[.modificationDate] as? Date }
        #expect(first == second)
        #expect(mtimes == mtimes2, "an unchanged output must not be rewritten")
    }

    @Test func svgNeedsNoDotProgram() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        // An empty PATH: the binary cannot spawn `dot` even if it wanted to.
        let r = try BinaryRunner.run(["render", "--events", root.appendingPathComponent("events.json").path,
                                      "--output", tmp.path, "-q"], environment: ["PATH": ""])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOf: tmp.appendingPathComponent("timeline.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test func missingCorpusIsOneClearLine() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try BinaryRunner.run(["build", "--corpus", tmp.appendingPathComponent("nope").path,
                                      "--events", tmp.appendingPathComponent("e.json").path,
                                      "--output", tmp.appendingPathComponent("o").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nope"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("e.json").path))
    }

    @Test func emptyCorpusFails() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = tmp.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let r = try BinaryRunner.run(["extract", "--corpus", corpus.path, "--events", tmp.appendingPathComponent("e.json").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("corpus"))
    }

    @Test func malformedFrontMatterIsSkippedAndTheRestBuilt() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = tmp.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "In 1969 the two armies clashed on the river.\n".write(to: corpus.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let events = tmp.appendingPathComponent("events.json"), out = tmp.appendingPathComponent("out")
        let args = ["build", "--corpus", corpus.path, "--events", events.path, "--output", out.path, "-q"]
        #expect(try BinaryRunner.run(args).status == 0)
        let before = try Data(contentsOf: events)
        try "---\ntitle: [unclosed\ndate: 2020-01-01\n---\nText from 2001.\n".write(
            to: corpus.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        // Exit status 2: built, but a document was left out; the warning names the file and position.
        let r = try BinaryRunner.run(args)
        #expect(r.status == 2)
        #expect(r.stderr.contains("b.md:"), "the warning names the file and position: \(r.stderr)")
        let graph = try EventGraphCoder.read(from: events)
        #expect(graph.documents.map(\.id) == ["a.txt"])
        #expect(try Data(contentsOf: events) == before, "the rest of the corpus is built as before")
        // Only a corpus none of whose documents can be read stops the build (status 1, nothing written).
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("a.txt"))
        let none = try BinaryRunner.run(args)
        #expect(none.status == 1)
        #expect(try Data(contentsOf: events) == before)
    }

    @Test func corruptEventsJSONNamesLineAndColumn() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let events = tmp.appendingPathComponent("events.json")
        try "{\n  \"schemaVersion\": 1,\n  \"events\": [ oops ]\n}\n".write(to: events, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["render", "--events", events.path, "--output", tmp.appendingPathComponent("o").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("events.json:3:"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("o").path))
    }

    @Test func wrongSchemaVersionIsRefused() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let events = tmp.appendingPathComponent("events.json")
        try #"{"schemaVersion": 7, "documents": [], "events": [], "relations": []}"#.write(to: events, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["render", "--events", events.path, "--output", tmp.appendingPathComponent("o").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("schemaVersion 7"))
    }

    @Test func handEditedEventsRender() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let events = tmp.appendingPathComponent("events.json")
        try #"{"schemaVersion": 1, "events": [{"id": "x", "title": "A hand-made \"event\" <b>", "date": {"value": "1999-12"}}]}"#
            .write(to: events, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["render", "--events", events.path, "--output", tmp.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: tmp.appendingPathComponent("timeline.md"), encoding: .utf8)
        #expect(md.contains("hand-made"))
        #expect(!md.contains("<b>"))
    }

    @Test func tagPrintsJSON() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let file = tmp.appendingPathComponent("t.txt")
        try "The treaty was signed on June 5, 2019, not in 2018.".write(to: file, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["tag", "--dct", "2020-01-01", "--format", "json", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        struct Item: Decodable { let start: Int, end: Int, text: String, type: String, value: String }
        let items = try JSONDecoder().decode([Item].self, from: Data(r.stdout.utf8))
        #expect(items.contains { $0.value == "2019-06-05" && $0.type == "DATE" && $0.text == "June 5, 2019" && $0.start == 25 })
        #expect(items.contains { $0.value == "2018" })
    }

    @Test func helpListsEverySubcommand() throws {
        let r = try BinaryRunner.run(["--help"])
        for sub in ["build", "extract", "render", "tag"] { #expect(r.stdout.contains(sub)) }
    }
}
