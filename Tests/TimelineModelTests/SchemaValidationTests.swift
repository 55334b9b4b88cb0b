import Foundation
import Testing
@testable import TimelineModel

/// Validates JSON against docs/events.schema.json with Python's `jsonschema` (draft 2020-12), run through `Process`.
enum SchemaValidator {
    /// Exit status 0: valid; 3: the instance is invalid (one "path: message" line per error); anything else: a failure.
    private static let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    instance = json.load(open(sys.argv[2], encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    for e in errors:
        print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
    sys.exit(3 if errors else 0)
    """

    struct Outcome {
        var status: Int32
        var output: String
        var isValid: Bool { status == 0 }
        var isInvalid: Bool { status == 3 }
    }

    static func run(_ arguments: [String]) -> Outcome? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// Whether python3 with the jsonschema module (draft 2020-12 support) can be run.
    static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: "/usr/bin/env") else { return false }
        return run(["-c", "import jsonschema; jsonschema.Draft202012Validator"])?.status == 0
    }()

    static func validate(_ data: Data) throws -> Outcome {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = dir.appendingPathComponent("events.json")
        try data.write(to: instance)
        return try #require(run(["-c", script, TestSupport.schema.path, instance.path]))
    }
}

@Suite("events.json schema", .enabled(if: SchemaValidator.isAvailable, "needs python3 with the jsonschema module"))
struct SchemaValidationTests {
    /// Decodes leniently and re-encodes canonically: what the tool would write for this input.
    private func rewritten(_ data: Data, _ name: String) throws -> Data {
        try EventGraphCoder.encode(try EventGraphCoder.decode(data, path: name))
    }

    @Test("the hand-written fixture is valid, as written and as re-encoded")
    func validFixture() throws {
        let data = try TestSupport.fixture("events-valid.json")
        let raw = try SchemaValidator.validate(data)
        #expect(raw.isValid, "\(raw.output)")
        let encoded = try SchemaValidator.validate(try rewritten(data, "events-valid.json"))
        #expect(encoded.isValid, "\(encoded.output)")
    }

    @Test("the annotated example of docs/events-json.md is valid")
    func documentedExample() throws {
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/events-json.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "## Annotated example"))
        let rest = doc[section.upperBound...]
        let open = try #require(rest.range(of: "```json\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        let outcome = try SchemaValidator.validate(Data(rest[open.upperBound..<close.lowerBound].utf8))
        #expect(outcome.isValid, "\(outcome.output)")
    }

    @Test("a graph built in code encodes to a valid file")
    func sampleGraph() throws {
        let outcome = try SchemaValidator.validate(try EventGraphCoder.encode(TestSupport.sampleGraph()))
        #expect(outcome.isValid, "\(outcome.output)")
        let empty = try SchemaValidator.validate(try EventGraphCoder.encode(EventGraph()))
        #expect(empty.isValid, "\(empty.output)")
    }

    @Test("every EDTF form the tool writes satisfies the schema's date rules")
    func dates() throws {
        var g = TestSupport.sampleGraph()
        let template = g.events[0]
        g.events = try EDTFTests.valid.enumerated().map { i, c in
            var e = template
            e.id = "event-\(i)"
            e.date = try #require(EventDate(edtf: c.text))
            return e
        }
        let outcome = try SchemaValidator.validate(try EventGraphCoder.encode(g))
        #expect(outcome.isValid, "\(outcome.output)")
    }

    @Test("invalid fixtures decode leniently but fail validation where expected", arguments: [
        ("invalid-title-too-long.json", ["events/0/title"]),
        ("invalid-span.json", ["events/0/mentions/0/span/1"]),
        ("invalid-precision.json", ["events/0/date/precision"]),
        ("invalid-document.json", ["documents/0/date", "documents/0/sha256"]),
    ])
    func invalidFixture(_ name: String, _ paths: [String]) throws {
        let data = try TestSupport.fixture(name)
        let raw = try SchemaValidator.validate(data)
        #expect(raw.isInvalid, "\(name): \(raw.output)")
        let encoded = try SchemaValidator.validate(try rewritten(data, name))
        #expect(encoded.isInvalid, "\(name): \(encoded.output)")
        for path in paths {
            #expect(encoded.output.contains(path + ":"), "\(name): \(encoded.output)")
        }
    }

    @Test("a minimal hand-edited file is not what the tool writes, but re-encoding it is")
    func lenientReaderStrictWriter() throws {
        let data = try TestSupport.fixture("lenient-minimal.json")
        let raw = try SchemaValidator.validate(data)
        #expect(raw.isInvalid, "\(raw.output)")
        #expect(raw.output.contains("'undated' is a required property"))
        let encoded = try SchemaValidator.validate(try rewritten(data, "lenient-minimal.json"))
        #expect(encoded.isValid, "\(encoded.output)")
    }

    @Test("the schema rejects other relation types, extra keys and another schemaVersion")
    func schemaRejects() throws {
        let base = try TestSupport.fixture("events-valid.json")
        let text = String(decoding: base, as: UTF8.self)
        let mutations = [
            text.replacingOccurrences(of: "\"type\" : \"part-of\"", with: "\"type\" : \"contains\""),
            text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2"),
            text.replacingOccurrences(of: "\"undated\" : [", with: "\"generatedAt\" : \"2025-01-01\",\n  \"undated\" : ["),
            text.replacingOccurrences(of: "\"precision\" : \"decade\"", with: "\"precision\" : \"era\""),
            text.replacingOccurrences(of: "\"start\" : \"1950-02-14\"", with: "\"start\" : \"1950-2-14\""),
        ]
        for (i, mutated) in mutations.enumerated() {
            #expect(mutated != text, "mutation \(i) did not apply")
            let outcome = try SchemaValidator.validate(Data(mutated.utf8))
            #expect(outcome.isInvalid, "mutation \(i): \(outcome.output)")
        }
    }
}
