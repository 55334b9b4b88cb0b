import Foundation
@testable import TimelineCorpus

/// Paths and temporary folders for the corpus tests.
enum TestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = fixtures.appendingPathComponent("corpus")
    /// The shared seed articles, beside the checkout; tests using them are skipped when absent.
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static var seedsPresent: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: seeds.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("timeline-corpus-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanUp(_ url: URL) {
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }

    static func write(_ text: String, to folder: URL, _ name: String) throws -> URL {
        try write(Array(text.utf8), to: folder, name)
    }

    static func write(_ bytes: [UInt8], to folder: URL, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Reads one document from text written to a temporary file.
    static func document(_ text: String, named name: String) throws -> SourceDocument {
        let dir = try temporaryFolder()
        defer { cleanUp(dir) }
        let url = try write(text, to: dir, name)
        return try CorpusReader(root: dir).readDocument(at: url, id: name)
    }

    static func scalars(_ s: String, _ r: Range<Int>) -> String {
        let a = Array(s.unicodeScalars)
        return String(String.UnicodeScalarView(a[max(0, r.lowerBound)..<min(a.count, r.upperBound)]))
    }
}
