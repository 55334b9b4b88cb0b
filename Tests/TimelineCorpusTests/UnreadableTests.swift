import Foundation
import Testing
import TimelineModel
@testable import TimelineCorpus

@Suite struct UnreadableTests {
    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func fileWithoutReadPermissionIsAnError() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        _ = try TestSupport.write("fine", to: dir, "ok.txt")
        let locked = try TestSupport.write("secret", to: dir, "locked.txt")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { _ = try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.map(\.id) == ["ok.txt"])
        guard case let .unreadable(path, reason)? = result.errors.first else {
            Issue.record("expected unreadable, got \(result.errors)")
            return
        }
        #expect(path.hasSuffix("locked.txt"))
        #expect(reason.lowercased().contains("permission"))
    }

    @Test func vanishedFileIsUnreadable() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        let url = dir.appendingPathComponent("gone.txt")
        #expect(throws: TimelineError.unreadable(path: url.path, reason: "No such file or directory")) {
            try CorpusReader(root: dir).readDocument(at: url, id: "gone.txt")
        }
    }

    @Test func brokenSymlinkIsAnErrorNotACrash() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        _ = try TestSupport.write("fine", to: dir, "ok.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.md").path,
                                                   withDestinationPath: "nowhere.md")
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.map(\.id) == ["ok.txt"])
        #expect(result.errors == [.unreadable(path: dir.appendingPathComponent("dangling.md").path,
                                              reason: "broken symbolic link")])
    }

    @Test func aFolderNamedLikeADocumentIsWalkedNotRead() throws {
        let dir = try TestSupport.temporaryFolder()
        defer { TestSupport.cleanUp(dir) }
        _ = try TestSupport.write("inner", to: dir, "odd.txt/inner.txt")
        let result = try CorpusReader(root: dir).read()
        #expect(result.documents.map(\.id) == ["odd.txt/inner.txt"])
        #expect(throws: TimelineError.self) {
            try CorpusReader(root: dir).readDocument(at: dir.appendingPathComponent("odd.txt"), id: "odd.txt")
        }
    }
}
