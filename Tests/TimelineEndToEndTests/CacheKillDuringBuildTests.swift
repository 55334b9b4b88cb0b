import Foundation
import Testing
import TimelineModel

/// End-to-end: killing a build at any moment leaves the previous outputs whole (or the new ones complete).
@Suite(.serialized) struct CacheKillDuringBuildTests {
    @Test(arguments: [0.3, 0.9, 1.8])
    func sigkillLeavesWholeOutputs(delay: Double) throws {
        let tmp = try CheckCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(try BinaryRunner.run(["build", "-q"], in: tmp).status == 0)
        let names = ["events.json", "output/timeline.dot", "output/timeline.svg", "output/timeline.md"]
        let old = try names.map { try Data(contentsOf: tmp.appendingPathComponent($0)) }

        // A big corpus: the generated documents join the bundled ones.
        let gen = try BinaryRunner.run(["bench-regen", "--generate", tmp.appendingPathComponent("corpus/generated").path,
                                        "--documents", "400"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let p = Process()
        guard let executable = BinaryRunner.executable else { Issue.record("the timeline binary is not built"); return }
        p.executableURL = executable
        p.arguments = ["build", "-q"]
        p.currentDirectoryURL = tmp
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()

        for (k, name) in names.enumerated() {
            let now = try Data(contentsOf: tmp.appendingPathComponent(name))
            if now == old[k] { continue }
            // Not the old file: then a complete new one.
            switch name {
            case "events.json": #expect((try? EventGraphCoder.decode(now, path: name)) != nil, "\(name) is not whole")
            case "output/timeline.svg": #expect(String(decoding: now, as: UTF8.self).hasSuffix("</svg>\n"), "\(name) is not whole")
            case "output/timeline.dot": #expect(String(decoding: now, as: UTF8.self).hasSuffix("}\n"), "\(name) is not whole")
            default: #expect(!now.isEmpty)
            }
        }
        // The next build after the kill completes, and a check then finds everything current.
        let after = try BinaryRunner.run(["build", "-q"], in: tmp)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try BinaryRunner.run(["check"], in: tmp).status == 0)
    }
}
