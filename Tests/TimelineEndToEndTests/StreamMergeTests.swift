import Foundation
import Testing
import TimelineModel

/// End-to-end: `timeline extract --jsonl` as a map step, `timeline merge` as the reduce step, compared byte for
/// byte with `timeline extract`/`build` of the whole corpus; and builds with 1, 2 and 4 jobs.
@Suite(.serialized) struct StreamMergeTests {
    let root = BinaryRunner.repoRoot
    var corpus: URL { root.appendingPathComponent("corpus") }

    /// Runs the binary, feeding `stdin` from another thread (the output may fill its pipe before the input ends).
    static func run(_ arguments: [String], stdin: Data, in directory: URL? = nil) throws -> BinaryRunner.Result {
        guard let executable = BinaryRunner.executable else { throw CocoaError(.fileNoSuchFile) }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? BinaryRunner.repoRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        let writer = input.fileHandleForWriting, outReader = out.fileHandleForReading, errReader = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { writer.write(stdin); try? writer.close() }
        DispatchQueue.global().async(group: group) { outBox.data = outReader.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errBox.data = errReader.readDataToEndOfFile() }
        group.wait()
        p.waitUntilExit()
        return BinaryRunner.Result(status: p.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                                   stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// One input line for `extract --jsonl`.
    static func line(id: String, text: String, extra: [String: Any] = [:]) throws -> String {
        var object: [String: Any] = ["id": id, "text": text]
        for (k, v) in extra { object[k] = v }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Every document of a corpus folder as an input line, sorted by id.
    static func lines(of folder: URL) throws -> [(id: String, line: String)] {
        let base = folder.standardizedFileURL.path + "/"
        var out: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where ["txt", "md", "html"].contains(url.pathExtension) {
            let id = String(url.standardizedFileURL.path.dropFirst(base.count))
            out.append((id, try line(id: id, text: String(decoding: try Data(contentsOf: url), as: UTF8.self))))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// A small synthetic corpus: dated statements that merge across documents.
    static func writeSyntheticCorpus(_ folder: URL, documents: Int) throws {
        let actors = ["China", "Russia", "Japan", "India", "Mongolia", "Vietnam"]
        let places = ["Harbin", "Vladivostok", "Shanghai", "Almaty", "Irkutsk"]
        let months = ["March", "June", "September", "November"]
        for i in 0..<documents {
            var sentences: [String] = []
            for k in 0..<5 {
                let n = i * 7 + k * 3
                let a = actors[n % actors.count], b = actors[(n / 2 + 1) % actors.count]
                let date = "\(1 + n % 27) \(months[n % months.count]) \(1960 + n % 40)"
                sentences.append(n % 2 == 0 ? "On \(date), \(a) and \(b) signed a treaty on trade in \(places[n % places.count])."
                                            : "\(a) sent troops toward \(places[n % places.count]) in \(months[n % months.count]) \(1960 + n % 40).")
            }
            let url = folder.appendingPathComponent(String(format: "g%02d/doc-%03d.txt", i % 4, i))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(("Report \(i)\n\n" + sentences.joined(separator: " ") + "\n").utf8).write(to: url)
        }
    }

    // MARK: extract --jsonl

    @Test func malformedLinesAreReportedAndTheOthersProcessed() throws {
        let input = [
            try Self.line(id: "first.txt", text: "On 5 June 2019 China and Russia signed a treaty in Moscow."),
            "{not json",
            #"{"text": "On 5 June 2019 a treaty."}"#,
            #"{"id": 42, "text": "x"}"#,
            try Self.line(id: "bad-date.txt", text: "x", extra: ["date": "2019-02-30"]),
            "",
            try Self.line(id: "second.md", text: "# Notes\n\nIn March 2014 the talks failed.", extra: ["date": "2015-01-01"]),
            #"["id", "text"]"#,
        ].joined(separator: "\n") + "\n"
        let r = try Self.run(["extract", "--jsonl", "--jobs", "2"], stdin: Data(input.utf8))
        #expect(r.status == 2, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 2)
        let ids = try out.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .map { ($0["document"] as! [String: Any])["id"] as! String }
        #expect(ids == ["first.txt", "second.md"])
        for expected in ["error: line 2: not valid JSON", #"error: line 3: "id" is missing"#,
                         #"error: line 4: "id" must be a string, found a number"#,
                         #"error: line 5: "date" '2019-02-30' is not a date"#, "error: line 8: expected a JSON object"] {
            #expect(r.stderr.contains(expected), "missing \(expected) in \(r.stderr)")
        }
        #expect(!r.stderr.contains("line 1:") && !r.stderr.contains("line 6") && !r.stderr.contains("line 7:"))
        #expect(r.stderr.contains("2 documents, 5 lines left out"))
    }

    @Test func outputOrderIsInputOrder() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        try Self.writeSyntheticCorpus(tmp, documents: 30)
        // Long and short documents interleaved, so that later lines finish first.
        let lines = try Self.lines(of: tmp) + Self.lines(of: corpus)
        let mixed = lines.enumerated().sorted { ($0.offset % 3, $0.offset) < ($1.offset % 3, $1.offset) }.map(\.element)
        let input = mixed.map(\.line).joined(separator: "\n") + "\n"
        for jobs in ["1", "4"] {
            let r = try Self.run(["extract", "--jsonl", "--jobs", jobs, "-q"], stdin: Data(input.utf8))
            #expect(r.status == 0, "\(r.stderr)")
            let ids = try r.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
                .map { ($0["document"] as! [String: Any])["id"] as! String }
            #expect(ids == mixed.map(\.id), "--jobs \(jobs)")
        }
    }

    // MARK: merge

    /// `extract --jsonl` of some input lines, written to `url`.
    func extractPart(_ lines: [String], to url: URL) throws {
        let r = try Self.run(["extract", "--jsonl", "-q"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0, "\(r.stderr)")
        try Data(r.stdout.utf8).write(to: url)
    }

    @Test func splitExtractMergeIsTheFullBuild() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        // The reference: one build of the whole corpus, rendered.
        let full = try BinaryRunner.run(["build", "--corpus", corpus.path, "--events", tmp.appendingPathComponent("full/events.json").path,
                                         "--output", tmp.appendingPathComponent("full/output").path, "--no-cache", "-q"])
        #expect(full.status == 0, "\(full.stderr)")
        // Three parts: every third document; the part folder holds Spark-style _SUCCESS and hidden files too.
        let lines = try Self.lines(of: corpus)
        let parts = tmp.appendingPathComponent("parts")
        try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        for k in 0..<3 {
            try extractPart(lines.enumerated().filter { $0.offset % 3 == k }.map(\.element.line),
                            to: parts.appendingPathComponent("part-0000\(k)"))
        }
        try Data().write(to: parts.appendingPathComponent("_SUCCESS"))
        try Data("junk".utf8).write(to: parts.appendingPathComponent(".part-00000.crc"))
        let p = (0..<3).map { parts.appendingPathComponent("part-0000\($0)").path }

        func merge(_ name: String, _ args: [String]) throws -> Data {
            let r = try BinaryRunner.run(["merge"] + args + ["--events", tmp.appendingPathComponent("\(name)/events.json").path,
                                                              "--output", tmp.appendingPathComponent("\(name)/output").path])
            #expect(r.status == 0, "\(r.stderr)")
            return try Data(contentsOf: tmp.appendingPathComponent("\(name)/events.json"))
        }
        let reference = try Data(contentsOf: tmp.appendingPathComponent("full/events.json"))
        #expect(try merge("folder", [parts.path]) == reference)
        #expect(try merge("reversed", p.reversed()) == reference)
        #expect(try merge("twice", [p[1], p[0], p[2], p[1], p[0]]) == reference)
        // The rendered outputs too.
        for name in ["timeline.dot", "timeline.md", "timeline.svg"] {
            #expect(try Data(contentsOf: tmp.appendingPathComponent("full/output/\(name)"))
                    == Data(contentsOf: tmp.appendingPathComponent("folder/output/\(name)")), "\(name)")
        }
        // Grouped differently: (p0 + p1) kept mergeable, then with p2.
        _ = try merge("ab", [p[0], p[1], "--mergeable", "--no-render"])
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("ab/output").path))
        #expect(try merge("ab-c", [p[2], tmp.appendingPathComponent("ab/events.json").path]) == reference)
        // A mergeable events.json satisfies the schema (when python3 has jsonschema).
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["python3", "-c", """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(0)
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
            """, root.appendingPathComponent("docs/events.schema.json").path, tmp.appendingPathComponent("ab/events.json").path]
        validate.standardOutput = FileHandle.nullDevice
        validate.standardError = FileHandle.nullDevice
        if (try? validate.run()) != nil {
            validate.waitUntilExit()
            #expect(validate.terminationStatus == 0, "a mergeable events.json does not satisfy docs/events.schema.json")
        }
        // A plain events.json cannot be a part.
        let plain = try BinaryRunner.run(["merge", tmp.appendingPathComponent("full/events.json").path, p[0],
                                          "--events", tmp.appendingPathComponent("x/events.json").path, "--no-render"])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("--mergeable"))
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("x/events.json").path))
    }

    @Test func conflictingPartsStopTheMergeNamingBoth() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let a = tmp.appendingPathComponent("a.jsonl"), b = tmp.appendingPathComponent("b.jsonl")
        try extractPart([try Self.line(id: "x.txt", text: "On 5 June 2019 China and Russia signed a treaty."),
                         try Self.line(id: "y.txt", text: "In March 2014 the talks failed.")], to: a)
        try extractPart([try Self.line(id: "x.txt", text: "On 6 June 2019 China and Russia signed a treaty.")], to: b)
        let r = try BinaryRunner.run(["merge", a.path, b.path, "--events", tmp.appendingPathComponent("events.json").path, "--no-render"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\"x.txt\"") && r.stderr.contains("a.jsonl:1") && r.stderr.contains("b.jsonl:1"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("events.json").path))
        let bad = try BinaryRunner.run(["merge", tmp.path + "/nope.jsonl", "--events", tmp.appendingPathComponent("events.json").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("nope.jsonl"))
    }

    // MARK: determinism across --jobs

    @Test func buildsWithOneTwoAndFourJobsWriteTheSameBytes() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let mixed = tmp.appendingPathComponent("corpus")
        try Self.writeSyntheticCorpus(mixed.appendingPathComponent("synthetic"), documents: 24)
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
            try FileManager.default.copyItem(at: corpus.appendingPathComponent(name), to: mixed.appendingPathComponent(name))
        }
        var results: [[Data]] = []
        for jobs in ["1", "2", "4"] {
            let dir = tmp.appendingPathComponent("jobs-\(jobs)")
            let r = try BinaryRunner.run(["build", "--corpus", mixed.path, "--events", dir.appendingPathComponent("events.json").path,
                                          "--output", dir.appendingPathComponent("output").path, "--jobs", jobs, "--no-cache", "-q"])
            #expect(r.status == 0, "\(r.stderr)")
            results.append(try ["events.json", "output/timeline.dot", "output/timeline.md", "output/timeline.svg"]
                .map { try Data(contentsOf: dir.appendingPathComponent($0)) })
        }
        #expect(results[0] == results[1], "--jobs 1 and 2 differ")
        #expect(results[0] == results[2], "--jobs 1 and 4 differ")
    }

    // MARK: the PySpark example

    static let pysparkAvailable: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import pyspark"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test(.enabled(if: pysparkAvailable, "pyspark is not installed (pip install pyspark)"), .timeLimit(.minutes(10)))
    func pysparkExampleMatchesTheFullBuild() throws {
        let tmp = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let full = try BinaryRunner.run(["extract", "--corpus", corpus.path, "--events", tmp.appendingPathComponent("full/events.json").path,
                                         "--no-cache", "-q"])
        #expect(full.status == 0, "\(full.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("docs/examples/spark_extract.py").path,
                       "--timeline", BinaryRunner.executable!.path, "--corpus", corpus.path, "--shards", "3",
                       "--work", tmp.appendingPathComponent("spark").path,
                       "--events", tmp.appendingPathComponent("spark/events.json").path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(log.suffix(3000))")
        #expect(try Data(contentsOf: tmp.appendingPathComponent("spark/events.json"))
                == Data(contentsOf: tmp.appendingPathComponent("full/events.json")))
    }
}
