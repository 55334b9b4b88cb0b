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
}
