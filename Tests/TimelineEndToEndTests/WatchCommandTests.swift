import Foundation
import Testing

/// End-to-end: `timeline watch` rebuilds after an edit and stops cleanly on SIGINT.
@Suite(.serialized) struct WatchCommandTests {
    @Test func rebuildsAfterAnEditAndStopsOnSIGINT() throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let p = Process()
        guard let executable = BinaryRunner.executable else { Issue.record("the timeline binary is not built"); return }
        p.executableURL = executable
        p.arguments = ["watch"]
        p.currentDirectoryURL = tmp
        // The watcher's messages go to a file (no pipe to drain); `log.text` reads it.
        let logURL = tmp.appendingPathComponent("watch.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: logURL)
        defer { try? logHandle.close() }
        p.standardError = logHandle
        p.standardOutput = logHandle
        struct Log {
            let url: URL
            var text: String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        }
        let log = Log(url: logURL)
        try p.run()
        func waitUntil(_ timeout: Double, _ condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition() { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return condition()
        }
        let md = tmp.appendingPathComponent("output/timeline.md")
        #expect(waitUntil(60) { log.text.contains("watching") }, "no initial build: \(log.text)")
        #expect(FileManager.default.fileExists(atPath: md.path))

        // An editor's atomic save of a new document.
        let doc = tmp.appendingPathComponent("corpus/notes.txt")
        try "On 9 September 2031 the Zeta Canal treaty was signed in Harbin.\n".write(to: doc, atomically: true, encoding: .utf8)
        let seen = waitUntil(5) { ((try? String(contentsOf: md, encoding: .utf8)) ?? "").contains("2031") }
        #expect(seen, "no rebuild within 5 s: \(log.text)")
        #expect(log.text.contains("added notes.txt"), "\(log.text)")

        // A broken curation.json is printed and the watcher keeps running.
        try "{ not json".write(to: tmp.appendingPathComponent("curation.json"), atomically: true, encoding: .utf8)
        #expect(waitUntil(5) { log.text.contains("error: ") }, "\(log.text)")
        try FileManager.default.removeItem(at: tmp.appendingPathComponent("curation.json"))
        try FileManager.default.removeItem(at: doc)
        #expect(waitUntil(5) { !(((try? String(contentsOf: md, encoding: .utf8)) ?? "2031").contains("2031")) }, "\(log.text)")

        p.interrupt()   // SIGINT, as Ctrl-C
        #expect(waitUntil(5) { !p.isRunning })
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 0, "\(log.text)")
    }
}
