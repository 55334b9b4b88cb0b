import Foundation
import Testing

/// End-to-end: one bad document is named in a warning, the rest of the corpus is built, and the exit status
/// is 2 (built, some inputs left out) when a document had to be left out.
@Suite(.serialized) struct BadInputTests {
    /// Builds a copy of the bundled corpus after `prepare` spoils it; returns the result and the folder.
    static func buildSpoiled(_ prepare: (URL) throws -> Void) throws -> (BinaryRunner.Result, URL) {
        let tmp = try CheckCommandTests.workspace()
        try prepare(tmp.appendingPathComponent("corpus"))
        let r = try BinaryRunner.run(["build", "--json"], in: tmp)
        return (r, tmp)
    }

    static func documents(in tmp: URL) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("events.json"))) as? [String: Any]
        return (object?["documents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    static func expectRestBuilt(_ tmp: URL) throws {
        let docs = try documents(in: tmp)
        #expect(docs.contains("from-alliance-to-rupture.txt"))
        #expect(docs.contains("analysis/trade-ledger.md"))
        #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("output/timeline.svg").path))
    }

    @Test func binaryFileIsSkipped() throws {
        let (r, tmp) = try Self.buildSpoiled { try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 0, 0x31]).write(to: $0.appendingPathComponent("program.txt")) }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("program.txt: binary file"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
        #expect(try !Self.documents(in: tmp).contains("program.txt"))
    }

    @Test func invalidUTF8IsBuiltWithAWarning() throws {
        let (r, tmp) = try Self.buildSpoiled {
            try Data([0xC3, 0x28] + Array("In 1999 the two states signed a border treaty in Harbin.\n".utf8))
                .write(to: $0.appendingPathComponent("latin.txt"))
        }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("latin.txt: invalid UTF-8"), "\(r.stderr)")
        #expect(try Self.documents(in: tmp).contains("latin.txt"))
    }

    @Test func emptyFileIsAWarning() throws {
        let (r, tmp) = try Self.buildSpoiled { try Data().write(to: $0.appendingPathComponent("empty.md")) }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("empty.md: empty"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
    }

    @Test func hugeSingleLineFileIsSkipped() throws {
        let (r, tmp) = try Self.buildSpoiled { corpus in
            let line = Data(repeating: UInt8(ascii: "a"), count: 100 << 20) + Data("\n".utf8)
            try line.write(to: corpus.appendingPathComponent("huge.txt"))
        }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("huge.txt: too large"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
    }

    @Test func unreadableFileIsSkipped() throws {
        // Root reads anything: there, an unreadable file is simulated by a link to nowhere.
        let (r, tmp) = try Self.buildSpoiled { corpus in
            let file = corpus.appendingPathComponent("secret.txt")
            if getuid() == 0 {
                try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/nonexistent/secret.txt")
            } else {
                try "In 1999 a secret.".write(to: file, atomically: true, encoding: .utf8)
                chmod(file.path, 0)
            }
        }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("secret.txt: cannot read the file"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
    }

    @Test func symlinkLoopsAreSkipped() throws {
        let (r, tmp) = try Self.buildSpoiled { corpus in
            try FileManager.default.createSymbolicLink(atPath: corpus.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
            try FileManager.default.createSymbolicLink(atPath: corpus.appendingPathComponent("analysis/up").path, withDestinationPath: "..")
        }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("loop.txt: cannot read the file: symbolic link loop"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
    }

    @Test func vanishingFileIsNotFatal() throws {
        // Many files deleted while a build reads them: whatever the timing, the build finishes.
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = tmp.appendingPathComponent("corpus/more")
        #expect(try BinaryRunner.run(["bench-regen", "--generate", corpus.path, "--documents", "60"]).status == 0)
        let dir = corpus
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.25)
            for i in stride(from: 0, to: 60, by: 2) {
                try? FileManager.default.removeItem(at: dir.appendingPathComponent(String(format: "part-%02d/doc-%05d.txt", i % 10, i)))
            }
        }
        let r = try BinaryRunner.run(["build", "-q"], in: tmp)
        #expect(r.status == 0 || r.status == 2, "\(r.stderr)")
        if r.status == 2 { #expect(r.stderr.contains("vanished during the build"), "\(r.stderr)") }
        try Self.expectRestBuilt(tmp)
        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
    }

    @Test func malformedFrontMatterIsNamedAndTheRestBuilt() throws {
        let (r, tmp) = try Self.buildSpoiled {
            try "---\ntitle: [unclosed\n---\nText from 2001.\n".write(to: $0.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(r.status == 2)
        #expect(r.stderr.contains("b.md:3:"), "\(r.stderr)")
        try Self.expectRestBuilt(tmp)
    }
}
