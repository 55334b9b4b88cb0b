import Foundation
import Testing
@testable import TimelineModel

@Suite("AtomicFile")
struct AtomicFileTests {
    private func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    private func modificationDate(_ url: URL) throws -> Date {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    @Test("writes a new file, creating missing folders, and leaves no temporary file")
    func writesNew() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out/nested/events.json")
        let data = Data("{\"schemaVersion\": 1}\n".utf8)
        #expect(try AtomicFile.write(data, to: url))
        #expect(try Data(contentsOf: url) == data)
        #expect(try listing(url.deletingLastPathComponent()) == ["events.json"])
    }

    @Test("unchanged bytes: returns false and keeps the file untouched, mtime included")
    func unchanged() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("timeline.svg")
        let data = Data("<svg/>\n".utf8)
        #expect(try AtomicFile.write(data, to: url))
        // Age the file so that any rewrite would be visible even on a coarse-grained file system.
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        let before = try modificationDate(url)
        #expect(try AtomicFile.write(data, to: url) == false)
        #expect(try modificationDate(url) == before)
        #expect(try listing(dir) == ["timeline.svg"])
    }

    @Test("changed bytes replace the file and return true")
    func changed() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("timeline.md")
        try AtomicFile.write(Data("old, and longer than the new content\n".utf8), to: url)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        #expect(try AtomicFile.write(Data("new\n".utf8), to: url))
        #expect(try Data(contentsOf: url) == Data("new\n".utf8))
        #expect(try modificationDate(url) > old)
        #expect(try listing(dir) == ["timeline.md"])
    }

    @Test("bytes of the same size that differ anywhere replace the file")
    func changedSameSize() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("timeline.svg")
        let old = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for position in [0, 4_095, 4_096, 99_999] {
            try AtomicFile.write(old, to: url)
            var new = old
            new[position] ^= 0x20
            #expect(try AtomicFile.write(new, to: url), "byte \(position)")
            #expect(try Data(contentsOf: url) == new)
            #expect(try !AtomicFile.write(new, to: url))
        }
    }

    @Test("empty data is written, then recognised as unchanged")
    func emptyData() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("empty.txt")
        #expect(try AtomicFile.write(Data(), to: url))
        #expect(try AtomicFile.write(Data(), to: url) == false)
    }

    @Test("a failed write throws writeFailed naming the path and leaves no temporary file")
    func failure() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The target is a non-empty folder: rename(2) cannot replace it.
        let target = dir.appendingPathComponent("events.json")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"),
                                                withIntermediateDirectories: true)
        let error = try #require(throws: TimelineError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        guard case let .writeFailed(path, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("events.json"))
        #expect(try listing(dir) == ["events.json"])

        // The parent "folder" is a regular file: the folder cannot be created.
        let file = dir.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: TimelineError.self) {
            try AtomicFile.write(Data("y".utf8), to: file.appendingPathComponent("events.json"))
        }
    }
}
