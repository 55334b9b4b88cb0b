import Foundation
import Testing
import TimelineModel

/// Fixtures and golden files beside this test target (both excluded from its resources).
enum TestSupport {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = directory.appendingPathComponent("Fixtures")
    static let golden = directory.appendingPathComponent("Golden")

    /// The names of the fixture event graphs, without `.json`.
    static let fixtureNames = ["realistic", "adversarial"]

    /// Decodes `Fixtures/<name>.json`.
    static func fixture(_ name: String) throws -> EventGraph {
        let url = fixtures.appendingPathComponent(name + ".json")
        return try EventGraphCoder.decode(try Data(contentsOf: url), path: url.lastPathComponent)
    }

    /// Whether goldens are re-recorded (`TIMELINE_RECORD_GOLDEN=1`) instead of compared.
    static var recording: Bool { ProcessInfo.processInfo.environment["TIMELINE_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` byte for byte with `Golden/<fileName>`, or records it when recording.
    static func expectGolden(_ actual: String, _ fileName: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(fileName)
        let data = Data(actual.utf8)
        if recording {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("missing golden \(fileName): run with TIMELINE_RECORD_GOLDEN=1 and review it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != data {
            let e = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
            let a = actual.components(separatedBy: "\n")
            let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            let exp = line < e.count ? e[line] : "<end of file>"
            let act = line < a.count ? a[line] : "<end of file>"
            Issue.record("""
                \(fileName) differs from the golden at line \(line + 1) \
                (re-record with TIMELINE_RECORD_GOLDEN=1 and review the diff):
                expected: \(exp)
                actual:   \(act)
                """, sourceLocation: sourceLocation)
        }
    }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("timeline-render-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `text` without whitespace, control or format characters: for "contains" checks that must not depend
    /// on where a label wraps or on characters the renderers drop.
    static func squeezed(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned:
                continue
            default:
                if s.properties.isWhitespace || s.value == 0xFFFE || s.value == 0xFFFF { continue }
                out.append(s)
            }
        }
        return String(out)
    }

    /// A deterministic synthetic graph of `count` events over 1950–2024 (nothing in 1972–1979), mixed date
    /// precisions, eight types, English and Chinese titles, about one relation per ten events.
    static func synthetic(count: Int) -> EventGraph {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let types = ["war", "diplomacy", "economy", "sanctions", "politics", "conflict", "science", "culture"]
        let words = ["treaty", "summit", "border", "pipeline", "trade", "talks", "visit", "accord", "crisis"]
        let chinese = ["边境谈判", "能源合作", "联合军演", "贸易协定", "高层会晤"]
        var events: [Event] = []
        for i in 0..<count {
            var year = 1950 + next(75)
            if (1972...1979).contains(year) { year += 8 }
            let value: String
            switch next(4) {
            case 0: value = String(year)
            case 1: value = String(format: "%04d-%02d", year, 1 + next(12))
            default: value = String(format: "%04d-%02d-%02d", year, 1 + next(12), 1 + next(28))
            }
            let title = next(5) == 0 ? chinese[next(chinese.count)] + "第\(i)次"
                : (0..<(3 + next(6))).map { _ in words[next(words.count)] }.joined(separator: " ").capitalized + " \(i)"
            events.append(Event(id: "e\(i)", date: EventDate(edtf: value)!, title: title, type: types[next(types.count)],
                                actors: ["Actor \(next(20))"],
                                mentions: [Mention(document: "articles/doc-\(next(40)).md", span: [0, 10],
                                                   quote: "Quote for event \(i): \(title).", dateText: value)]))
        }
        var relations: [Relation] = []
        for _ in 0..<(count / 10) {
            let a = next(count), b = next(count)
            guard a != b else { continue }
            relations.append(Relation(from: "e\(a)", to: "e\(b)", type: RelationType.allCases[next(4)],
                                      evidence: Evidence(document: "articles/doc-1.md", span: [0, 1], quote: "led to")))
        }
        var graph = EventGraph(events: events, relations: relations)
        graph.canonicalize()
        return graph
    }

    /// The full path of an installed program, or nil.
    static func program(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program with `input` on standard input; returns its standard output and exit status.
    static func run(_ path: String, _ arguments: [String], input: Data = Data()) throws -> (Data, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (output, process.terminationStatus)
    }
}
